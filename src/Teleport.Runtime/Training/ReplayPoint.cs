using System;
using Teleport.Optimizers;

namespace Teleport.Training;

/// <summary>
/// The state a run's steps can be replayed from (<c>Trainer.Replay.cs</c>): the parameters and the optimizer's state at
/// a batch of an epoch, and the epoch's sums of n·L and ‖∇L‖² there, in buffers allocated once.
/// </summary>
internal sealed class ReplayPoint(int parameterCount, Optimizer<float> optimizer)
{
    private readonly float[] _parameters = new float[parameterCount];
    private readonly OptimizerStateSnapshot _optimizer = new(optimizer);

    /// <summary>The batch of the epoch the point was taken before (0-based).</summary>
    public int Batch { get; private set; }

    /// <summary>Σ nᵦ·Lᵦ over the epoch's batches before <see cref="Batch"/>.</summary>
    public double EpochLossSum { get; private set; }

    /// <summary>Σ ‖∇Lᵦ‖² over the epoch's batches before <see cref="Batch"/>.</summary>
    public double EpochGradNormSquaredSum { get; private set; }

    /// <summary>Copies the parameters, the optimizer's state and the epoch's sums (nothing allocated).</summary>
    public void Capture(ReadOnlySpan<float> parameters, Optimizer<float> optimizer, TrainingProgress progress)
    {
        parameters.CopyTo(_parameters);
        _optimizer.Capture(optimizer);
        Batch = progress.BatchIndex;
        EpochLossSum = progress.EpochLossSum;
        EpochGradNormSquaredSum = progress.EpochGradNormSquaredSum;
    }

    /// <summary>Puts the captured parameters and optimizer state back.</summary>
    public void Restore(Span<float> parameters, Optimizer<float> optimizer)
    {
        _parameters.CopyTo(parameters);
        _optimizer.Restore(optimizer);
    }
}
