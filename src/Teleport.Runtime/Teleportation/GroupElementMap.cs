namespace Teleport.Teleportation;

/// <summary>How a Lie-algebra step X = η·T becomes a group element g (see <see cref="GroupElements"/>).</summary>
public enum GroupElementMap
{
    /// <summary>g = e^X (Padé scaling and squaring; diagonal: e^x elementwise). Always invertible.</summary>
    Exponential,

    /// <summary>g = (I − X/2)⁻¹(I + X/2), equal to e^X to second order (diagonal: (1 + x/2)/(1 − x/2)).</summary>
    Cayley,

    /// <summary>g = I + X, the paper code's choice (diagonal: 1 + x); checked for invertibility.</summary>
    FirstOrder,
}
