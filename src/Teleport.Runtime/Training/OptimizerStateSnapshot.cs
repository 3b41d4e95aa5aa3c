using System;
using System.Collections.Generic;
using Teleport.Optimizers;

namespace Teleport.Training;

/// <summary>
/// A copy of an optimizer's state in buffers allocated once: the values of every state buffer, the step
/// count and the settings (with the learning rate). <see cref="Capture"/> copies without allocating;
/// <see cref="Restore"/> goes through <see cref="Optimizer{T}.LoadState"/> (the only way to set the step
/// count), which allocates a few small objects but no buffer.
/// </summary>
internal sealed class OptimizerStateSnapshot
{
    private readonly Dictionary<string, float[]> _buffers = new(System.StringComparer.Ordinal);
    private OptimizerKind _kind;
    private OptimizerSettings _settings;
    private long _stepCount;

    /// <summary>Buffers sized for <paramref name="optimizer"/>'s state.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    public OptimizerStateSnapshot(Optimizer<float> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        foreach (var buffer in optimizer.Buffers) _buffers.Add(buffer.Name, new float[buffer.Length]);
        _kind = optimizer.Kind;
        _settings = optimizer.Settings;
    }

    /// <summary>Copies the optimizer's current state.</summary>
    /// <exception cref="ArgumentException"><paramref name="optimizer"/> has a buffer this snapshot was not sized for (another
    /// kind or parameter count than the constructor's): nothing is copied.</exception>
    public void Capture(Optimizer<float> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        // A KeyNotFoundException or a half-copied state before; checked first so that a refused capture changes nothing.
        foreach (var buffer in optimizer.Buffers)
            if (!_buffers.TryGetValue(buffer.Name, out var held) || held.Length != buffer.Length)
                throw new ArgumentException($"The snapshot was sized for another optimizer: it has no {buffer.Length}-value '{buffer.Name}' buffer.", nameof(optimizer));
        foreach (var buffer in optimizer.Buffers) buffer.Values.CopyTo(_buffers[buffer.Name]);
        _kind = optimizer.Kind;
        _settings = optimizer.Settings;
        _stepCount = optimizer.StepCount;
    }

    /// <summary>Puts the captured state back: the optimizer then continues exactly as it would have from the capture.</summary>
    public void Restore(Optimizer<float> optimizer) => optimizer.LoadState(new OptimizerState<float>
    {
        Kind = _kind,
        ParameterCount = optimizer.ParameterCount,
        StepCount = _stepCount,
        Settings = _settings,
        Buffers = _buffers,
    });
}
