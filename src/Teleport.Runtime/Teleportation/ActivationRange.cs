namespace Teleport.Teleportation;

/// <summary>
/// The open interval (<see cref="Lower"/>, <see cref="Upper"/>) that an activation's values lie in, as
/// the generator derived it (tanh: (−1, 1); sigmoid: (0, 1); softplus: (0, ∞)); ±∞ for an unbounded side.
/// A data-dependent action (S3) keeps g·σ(Z) inside it, where σ⁻¹ is defined.
/// </summary>
public readonly record struct ActivationRange(double Lower, double Upper)
{
    /// <summary>(−∞, ∞): no bound.</summary>
    public static ActivationRange Real => new(double.NegativeInfinity, double.PositiveInfinity);
}
