using System.Collections.Generic;
using System.Numerics;

namespace Teleport.Optimizers;

/// <summary>
/// A snapshot of an optimizer: what <see cref="Optimizer{T}.SaveState"/> returns and
/// <see cref="Optimizer{T}.LoadState"/> restores. Plain data (settable properties, arrays and a
/// dictionary) so any serialiser can write it; the buffers are copies, not views.
/// </summary>
public sealed class OptimizerState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The optimizer kind that saved the state.</summary>
    public required OptimizerKind Kind { get; init; }

    /// <summary>Number of parameters (the length of every buffer).</summary>
    public required int ParameterCount { get; init; }

    /// <summary>Steps taken (PyTorch's <c>state['step']</c>).</summary>
    public required long StepCount { get; init; }

    /// <summary>The resolved hyperparameters, including the current learning rate.</summary>
    public required OptimizerSettings Settings { get; init; }

    /// <summary>Buffer values by PyTorch state key (see <see cref="OptimizerBufferNames"/>).</summary>
    public required IReadOnlyDictionary<string, T[]> Buffers { get; init; }
}
