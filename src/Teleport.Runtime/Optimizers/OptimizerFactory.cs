using System;
using System.Numerics;

namespace Teleport.Optimizers;

/// <summary>Creates optimizers by kind (for configuration files and the command line).</summary>
public static class OptimizerFactory
{
    /// <summary>
    /// A new optimizer of <paramref name="kind"/> for <paramref name="parameterCount"/> parameters;
    /// unset <paramref name="settings"/> take PyTorch's defaults for the kind (<see cref="OptimizerKind.Momentum"/>
    /// is SGD with momentum 0.9 unless set).
    /// </summary>
    /// <exception cref="ArgumentException">Settings PyTorch rejects.</exception>
    public static Optimizer<T> Create<T>(OptimizerKind kind, OptimizerSettings settings, int parameterCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(settings);
        return kind switch
        {
            OptimizerKind.Sgd or OptimizerKind.Momentum => new Sgd<T>(kind, parameterCount, settings),
            OptimizerKind.AdaGrad => new AdaGrad<T>(parameterCount, settings),
            OptimizerKind.RmsProp => new RmsProp<T>(parameterCount, settings),
            OptimizerKind.Adam => new Adam<T>(parameterCount, settings),
            OptimizerKind.AdamW => new AdamW<T>(parameterCount, settings),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer kind."),
        };
    }

    /// <summary>A new optimizer in the state <paramref name="state"/> (from <see cref="Optimizer{T}.SaveState"/>).</summary>
    public static Optimizer<T> Restore<T>(OptimizerState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(state);
        Optimizer<T> optimizer = Create<T>(state.Kind, state.Settings, state.ParameterCount);
        optimizer.LoadState(state);
        return optimizer;
    }
}
