using System;

namespace Teleport.Geometry.Statistics;

/// <summary>
/// The power of two that brings a set's largest magnitude into [1, 2): statistics computed on values scaled by it and
/// scaled back have the same bits as unscaled ones whenever those neither overflow nor underflow (a power of two changes
/// no rounding), and stay finite when they would — a loss of 10³⁰⁰ squared is not.
/// </summary>
internal static class PowerOfTwoScale
{
    /// <summary>2^−⌊log₂ <paramref name="largest"/>⌋ (1 for 0; at most 2¹⁰⁰⁰, so a subnormal largest value does not overflow it), or NaN when it is not finite.</summary>
    public static double ToUnit(double largest) =>
        !double.IsFinite(largest) ? double.NaN : largest == 0 ? 1 : Math.ScaleB(1.0, Math.Min(-Math.ILogB(largest), 1000));
}
