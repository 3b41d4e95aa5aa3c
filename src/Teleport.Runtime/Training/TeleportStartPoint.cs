using System;
using Teleport.Optimizers;

namespace Teleport.Training;

/// <summary>
/// Everything a teleport point of a <see cref="TeleportCallback"/> changes, as it was before the point began: the
/// parameters θ₀, the optimizer state (when a look-ahead will step the optimizer), the schedule's counters and
/// statistics, the teleport sampler's position, and the teleporter's count of teleports (a stop in the look-ahead comes
/// after the teleport has counted itself: the resumed run's teleport must draw that stream again). Copied into buffers allocated once, at every teleport point;
/// put back when a stop request ends the point (<see cref="TrainingContext.CancellationToken"/>), so that the run
/// stops, checkpoints and resumes as if the point had not begun. The look-ahead's branch "without the teleport"
/// starts from the same copy.
/// </summary>
internal sealed class TeleportStartPoint
{
    private readonly TeleportScheduleState _schedule = new();
    private (long Permutations, int Position) _sampler;
    private long _teleportsTaken;

    /// <summary>Buffers for the model and, when <paramref name="withOptimizer"/> (a look-ahead), the optimizer of <paramref name="context"/>.</summary>
    public TeleportStartPoint(TrainingContext context, bool withOptimizer)
    {
        Parameters = new float[context.Model.Parameters.Length];
        if (withOptimizer) Optimizer = new OptimizerStateSnapshot(context.Optimizer);
    }

    /// <summary>θ₀: the parameters before the teleport.</summary>
    public float[] Parameters { get; }

    /// <summary>The optimizer state before the teleport (and its policy); null when no look-ahead runs, as the teleport itself does not touch the optimizer.</summary>
    public OptimizerStateSnapshot? Optimizer { get; }

    /// <summary>Copies the current state (allocates nothing: the optimizer snapshot copies into its buffers).</summary>
    public void Capture(TrainingContext context, TeleportScheduleState schedule, TeleportBatchSampler sampler, Teleportation.Teleporter<float> teleporter)
    {
        _teleportsTaken = teleporter.TeleportsTaken;
        context.Model.Parameters.CopyTo(Parameters);
        Optimizer?.Capture(context.Optimizer);
        _schedule.CopyFrom(schedule);
        _sampler = sampler.State;
    }

    /// <summary>Puts the captured state back (the canceled point: not on the normal path, so the optimizer's restore may allocate).</summary>
    public void Restore(TrainingContext context, TeleportScheduleState schedule, TeleportBatchSampler sampler, Teleportation.Teleporter<float> teleporter)
    {
        teleporter.TeleportsTaken = _teleportsTaken;
        Parameters.AsSpan().CopyTo(context.Model.Parameters);
        Optimizer?.Restore(context.Optimizer);
        schedule.CopyFrom(_schedule);
        sampler.Restore(_sampler.Permutations, _sampler.Position);
    }

    /// <summary>The parameters and optimizer state only (the look-ahead's branch without the teleport); needs <see cref="Optimizer"/>.</summary>
    public void RestoreModel(TrainingContext context)
    {
        Parameters.AsSpan().CopyTo(context.Model.Parameters);
        Optimizer!.Restore(context.Optimizer);
    }
}
