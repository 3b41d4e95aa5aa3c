using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Teleportation;

/// <summary>
/// The first rule of every teleport method's guard — the group ascent's, the level set's and the null space's: a point
/// whose loss, objective or parameters are not all finite is rejected as <see cref="TeleportStopReason.NonFinite"/>
/// before any other test looks at it, rolled back and retried shorter; a teleport that finds no finite retry stops for
/// that reason at the last point it accepted.
/// </summary>
/// <remarks>
/// One definition, because each method's own tests read a value that is not finite as a verdict: the level set's Armijo
/// test took ½·log‖∇L‖² = ½·log ∞ = ∞ for an improvement (a float gradient that overflowed while the loss stayed finite),
/// and a cap of +∞ lets ‖∇L‖² = ∞ through (∞ ≤ ∞).
/// </remarks>
internal static class NonFiniteRule
{
    /// <summary>
    /// Whether a point must be rejected as non-finite: <paramref name="loss"/> or <paramref name="objective"/> (‖∇L‖², or the
    /// group teleport's other objective) is NaN or ±∞, or a parameter is (checked on both threads along
    /// <paramref name="plan"/> when given).
    /// </summary>
    public static bool Rejects<T>(double loss, double objective, ReadOnlySpan<T> parameters, RowHalves? plan = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        !double.IsFinite(loss) || !double.IsFinite(objective) || !LongVectors.AllFinite(parameters, plan);
}
