using System;
using System.Numerics;

namespace Teleport.Optimizers;

/// <summary>Adam (and AMSGrad) with L2 weight decay added to the gradient: <c>torch.optim.Adam</c>.</summary>
/// <remarks>
/// Per step t (1-based), with g the gradient (negated when maximizing) and λ weight decay:
/// <code>
/// g ← g + λ·p                                 (if λ ≠ 0)
/// m ← β₁·m + (1 − β₁)·g
/// v ← β₂·v + (1 − β₂)·g²
/// v̂ ← max(v̂, v) and use v̂ for v below        (AMSGrad)
/// p ← p − (lr/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + eps)
/// </code>
/// State: <c>exp_avg</c> (<see cref="OptimizerBufferKind.FirstMoment"/>), <c>exp_avg_sq</c> and, with
/// AMSGrad, <c>max_exp_avg_sq</c> (<see cref="OptimizerBufferKind.SecondMoment"/>).
/// </remarks>
public sealed class Adam<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private AdamUpdate<T>.Buffers buffers;

    /// <summary>Creates Adam for <paramref name="parameterCount"/> parameters; unset settings take PyTorch's defaults.</summary>
    public Adam(int parameterCount, OptimizerSettings? settings = null)
        : base(OptimizerKind.Adam, parameterCount, settings) => Configure();

    private protected override bool UpdateWaitsOnDivision => true;

    private protected override void Configure() =>
        SetBuffers(AdamUpdate<T>.Define(ResolvedSettings, (into, name, kind) => DefineBuffer(into, name, kind, T.Zero), out buffers));

    private protected override double Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step, bool sumSquares) =>
        AdamUpdate<T>.Step(parameters, gradient, buffers, ResolvedSettings, LearningRate, step, decoupled: false, sumSquares);
}
