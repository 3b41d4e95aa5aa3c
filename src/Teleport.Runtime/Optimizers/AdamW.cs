using System;
using System.Numerics;

namespace Teleport.Optimizers;

/// <summary>Adam with decoupled weight decay (Loshchilov and Hutter): <c>torch.optim.AdamW</c>.</summary>
/// <remarks>
/// As <see cref="Adam{T}"/>, except that weight decay (default 1e-2) shrinks the parameters before
/// the moment updates, <c>p ← p·(1 − lr·λ)</c>, and the gradient enters the moments unchanged.
/// </remarks>
public sealed class AdamW<T> : Optimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private AdamUpdate<T>.Buffers buffers;

    /// <summary>Creates AdamW for <paramref name="parameterCount"/> parameters; unset settings take PyTorch's defaults.</summary>
    public AdamW(int parameterCount, OptimizerSettings? settings = null)
        : base(OptimizerKind.AdamW, parameterCount, settings) => Configure();

    private protected override bool UpdateWaitsOnDivision => true;

    private protected override void Configure() =>
        SetBuffers(AdamUpdate<T>.Define(ResolvedSettings, (into, name, kind) => DefineBuffer(into, name, kind, T.Zero), out buffers));

    private protected override double Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step, bool sumSquares) =>
        AdamUpdate<T>.Step(parameters, gradient, buffers, ResolvedSettings, LearningRate, step, decoupled: true, sumSquares);
}
