using System;
using System.Numerics;

namespace Teleport;

/// <summary>
/// What the trainer, the optimizers and the teleporter need from a generated network, in
/// precision <typeparamref name="T"/> (<see cref="float"/> or <see cref="double"/>).
/// Every generated network class implements it for <see cref="float"/>, and its nested
/// <c>Float64</c> twin implements it for <see cref="double"/>.
/// </summary>
/// <remarks>
/// Layout of <see cref="Parameters"/>: <c>fc0.weight</c> [out, in] row-major, <c>fc0.bias</c> [out],
/// <c>fc1.weight</c>, … (PyTorch <c>nn.Linear</c> order). Inputs are [batch, InputSize] row-major.
/// All members are allocation-free after the first call at a given batch size.
/// <para><b>Threads.</b> One instance serves one thread at a time: a generated network's members share one workspace
/// per instance, so two calls at once (say <c>Predict</c> on two threads) overwrite each other's activations and return
/// wrong numbers without an error. Give each thread its own instance (copy <see cref="Parameters"/> into it). Different
/// instances may be used on different threads at once; the process-wide kernel threads are shared safely. A
/// <see cref="Training.Trainer"/> refuses to run on a model instance another trainer's run is training.</para>
/// </remarks>
public interface IDifferentiableModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The derived description: layers, parameter tensors, symmetries, formulas.</summary>
    NetworkInfo Info { get; }

    /// <summary>All parameters, contiguous, in layer order.</summary>
    Span<T> Parameters { get; }

    /// <summary>Mean loss on a batch.</summary>
    T Loss(ReadOnlySpan<T> inputs, Targets<T> targets);

    /// <summary>Mean loss, and ∂L/∂θ written to <paramref name="gradient"/> in the <see cref="Parameters"/> layout; <paramref name="gradient"/> must not overlap <see cref="Parameters"/>.</summary>
    T LossAndGradient(ReadOnlySpan<T> inputs, Targets<T> targets, Span<T> gradient);

    /// <summary>The exact Hessian-vector product H·v (Pearlmutter's R-operator); <paramref name="result"/> must not overlap <paramref name="v"/> or <see cref="Parameters"/> (<paramref name="v"/> may be <see cref="Parameters"/>).</summary>
    void HessianVectorProduct(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<T> v, Span<T> result);

    /// <summary>Network outputs [batch, OutputSize]: logits for cross-entropy, values for MSE; <paramref name="outputs"/> must not overlap <paramref name="inputs"/>.</summary>
    void Predict(ReadOnlySpan<T> inputs, Span<T> outputs);
}
