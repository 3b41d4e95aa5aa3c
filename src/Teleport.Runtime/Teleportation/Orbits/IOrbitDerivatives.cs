using System;
using System.Numerics;

namespace Teleport.Teleportation;

/// <summary>
/// A network whose symmetry orbits can be differentiated: the first three derivatives at t = 0 of
/// γ(t) = exp(tM)·θ, M a Lie-algebra element of the product of the active symmetries' groups (Zhao et al. 2024,
/// the curve behind the orbit curvature κ and ψ). Generated networks implement it for every symmetry they derive,
/// with the activation's σ′, σ″, σ‴ (S4) and (σ⁻¹)′, (σ⁻¹)″, (σ⁻¹)‴ written in Z (S3) as derived operator structs.
/// </summary>
public interface IOrbitDerivatives<T> : ITeleportable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Writes γ′(0), γ″(0) and (unless <paramref name="third"/> is empty) γ‴(0) in the
    /// <see cref="IDifferentiableModel{T}.Parameters"/> layout, zero outside the blocks the active symmetries move.
    /// </summary>
    /// <param name="active">One flag per symmetry (<see cref="NetworkInfo.Symmetries"/>); at most one per hidden layer.</param>
    /// <param name="generator">M in the Lie-algebra layout of <see cref="ITeleportable{T}"/> (inactive slices are ignored).</param>
    /// <param name="inputs">The batch the data-dependent symmetries (S3, S4) act through; may be empty when none is active.</param>
    /// <param name="mode">Exact, or the paper's simplifications.</param>
    /// <param name="first">γ′(0); must not overlap <see cref="IDifferentiableModel{T}.Parameters"/> (nor may second and third).</param>
    /// <param name="second">γ″(0).</param>
    /// <param name="third">γ‴(0), or empty to skip the third order.</param>
    /// <returns>False when a data-dependent symmetry's Gram matrix cannot be factored (the outputs are then unspecified).</returns>
    bool OrbitDerivatives(ReadOnlySpan<bool> active, ReadOnlySpan<T> generator, ReadOnlySpan<T> inputs, OrbitDerivativeMode mode, Span<T> first, Span<T> second, Span<T> third);
}
