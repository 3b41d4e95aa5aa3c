using System;
using System.Numerics;

namespace Teleport.Optimizers;

/// <summary>
/// One named per-parameter state buffer of an optimizer (one value per parameter), exposed so that
/// checkpoints can save it and a teleport can transform it along with the parameters.
/// </summary>
public sealed class OptimizerBuffer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Teleport.Kernels.AlignedArray<T> values;

    internal OptimizerBuffer(string name, OptimizerBufferKind kind, int length, T initialValue)
    {
        Name = name;
        Kind = kind;
        InitialValue = initialValue;
        values = new Teleport.Kernels.AlignedArray<T>(length);
        Values.Fill(initialValue);
    }

    /// <summary>PyTorch's state key (see <see cref="OptimizerBufferNames"/>).</summary>
    public string Name { get; }

    /// <summary>How the buffer transforms with the gradient.</summary>
    public OptimizerBufferKind Kind { get; }

    /// <summary>The value every element holds in a fresh (or <see cref="Optimizer{T}.Reset"/>) optimizer.</summary>
    public T InitialValue { get; }

    /// <summary>Number of elements (the optimizer's parameter count).</summary>
    public int Length => values.Length;

    /// <summary>The live values, in the parameters' layout; writes change the optimizer's state.</summary>
    public Span<T> Values => values;

    internal void Reset() => Values.Fill(InitialValue);
}
