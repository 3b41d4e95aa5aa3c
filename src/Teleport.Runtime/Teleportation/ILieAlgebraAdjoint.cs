using System;
using System.Numerics;

namespace Teleport.Teleportation;

/// <summary>
/// A network whose symmetry actions' adjoints can be applied to any cotangent: for a parameter-shaped covector G
/// (∂f/∂θ of some objective f), the gradient of f(g·θ) on each active symmetry's Lie algebra at g = I,
/// ∂f(g·θ)/∂T = J_sᵀ·G with J_s the derivative of the action at the identity. <see cref="ITeleportable{T}.TeleportObjectiveGradient"/>
/// applies the same adjoints to the one cotangent G = 2·H·∇L of ‖∇L‖²; the other teleport objectives
/// (<see cref="TeleportObjective"/>: the perturbed-loss sharpness, the Hessian trace, the top eigenvalue) form their own G
/// and pass it here. Generated dense networks implement it.
/// </summary>
public interface ILieAlgebraAdjoint<T> : ITeleportable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// For every symmetry s with <c>active[s]</c>, writes J_sᵀ·<paramref name="cotangent"/> into its slice of
    /// <paramref name="lieAlgebraGradient"/> (Lie-algebra layout of <see cref="ITeleportable{T}"/>; inactive slices are
    /// left as they were). The data-dependent symmetries (S3, S4) differentiate their actions on <paramref name="inputs"/>
    /// with the current parameters (one forward pass); the exact ones (S1, S2) ignore it.
    /// </summary>
    /// <returns>False when a data-dependent adjoint could not be formed (a singular Gram matrix): its slice is then zero.</returns>
    bool LieAlgebraAdjoint(ReadOnlySpan<bool> active, ReadOnlySpan<T> inputs, ReadOnlySpan<T> cotangent, Span<T> lieAlgebraGradient);
}
