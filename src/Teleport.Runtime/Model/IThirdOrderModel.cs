using System;
using System.Numerics;

namespace Teleport;

/// <summary>
/// A model that also provides the third-order directional derivative D³L[v, v, ·] — the gradient of the
/// quadratic form vᵀHv with v held fixed — which the Hessian-trace and top-eigenvalue teleport objectives need
/// (∂(zᵀHz)/∂θ for fixed Hutchinson probes z; ∂λ/∂θ = D³L[u, u, ·] for the unit top eigenvector u by
/// Hellmann–Feynman). Generated networks implement it in both precisions; their derivation is forward mode applied
/// to the Hessian-vector program a second time with the same seed v (σ‴ comes from the activation CAS, the loss
/// contributes its third derivative), never finite differences.
/// </summary>
public interface IThirdOrderModel<T> : IDifferentiableModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// The mean loss L, H·v (written to <paramref name="hessianVector"/>) and D³L[v, v, ·] = ∂(vᵀHv)/∂θ (written to
    /// <paramref name="result"/>), in the <see cref="IDifferentiableModel{T}.Parameters"/> layout, in one pass.
    /// <paramref name="v"/>, <paramref name="hessianVector"/> and <paramref name="result"/> must not overlap one another, and the
    /// two outputs must not overlap <see cref="IDifferentiableModel{T}.Parameters"/>.
    /// </summary>
    T QuadraticFormGradient(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<T> v, Span<T> hessianVector, Span<T> result);
}
