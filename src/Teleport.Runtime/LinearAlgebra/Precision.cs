using System.Numerics;

namespace Teleport.LinearAlgebra;

/// <summary>Constants of the floating-point type.</summary>
internal static class Precision<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Machine epsilon: the gap between 1 and the next larger value (2⁻²³ for float, 2⁻⁵² for double).</summary>
    public static readonly T Epsilon = T.BitIncrement(T.One) - T.One;

    public static bool IsSingle => typeof(T) == typeof(float);
}
