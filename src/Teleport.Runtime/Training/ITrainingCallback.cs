using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// Hooks into a <see cref="Trainer"/>'s loop, so that teleportation, schedules and logging can run
/// without the trainer knowing about them. Every method has an empty default; implement the ones
/// you need. Callbacks run in the order given to the trainer, on the training thread.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> <see cref="OnBatchStart"/> and <see cref="OnBatchEnd"/> run on the training clock:
/// their time counts in <see cref="EpochRecord.WallSeconds"/>, because work such as a teleport is part
/// of the cost of training. Measurements that are not (diagnostics) can be taken off the clock with
/// <see cref="TrainingContext.PauseClock"/> and <see cref="TrainingContext.ResumeClock"/>.
/// <see cref="OnTrainingStart"/>, <see cref="OnEpochEnd"/> and <see cref="OnTrainingEnd"/> run off the clock.</para>
/// <para><b>Allocation.</b> The trainer allocates nothing per step; per-batch callbacks should not either.</para>
/// <para><b>State.</b> A callback with state that must survive a checkpoint (counters, schedules, its own
/// random draws) implements <see cref="ICheckpointableCallback"/>; the generator
/// <see cref="TrainingContext.Random"/> is saved by the trainer.</para>
/// </remarks>
public interface ITrainingCallback
{
    /// <summary>At the start of every <see cref="Trainer.Run"/> (also a resumed one: see <see cref="TrainingContext.IsResumed"/>).</summary>
    void OnTrainingStart(TrainingContext context)
    {
    }

    /// <summary>
    /// Before a batch's step: the batch is in <see cref="TrainingContext.BatchInputs"/>/<see cref="TrainingContext.BatchTargets"/>
    /// and <see cref="TrainingContext.GlobalStep"/> counts the steps before it. The callback may change the
    /// model's parameters and the optimizer's state (e.g. teleport, then reset or transport the state);
    /// the step's gradient is computed afterwards. Long work here may stop at <see cref="TrainingContext.CancellationToken"/>
    /// by throwing <see cref="System.OperationCanceledException"/> after undoing its changes: the run then ends
    /// <see cref="TrainingStatus.Canceled"/> without the step.
    /// </summary>
    void OnBatchStart(TrainingContext context)
    {
    }

    /// <summary>
    /// After a batch's optimizer step: <see cref="TrainingContext.BatchLoss"/>, <see cref="TrainingContext.BatchGradNormSquared"/>
    /// and <see cref="TrainingContext.Gradient"/> describe it, and <see cref="TrainingContext.GlobalStep"/> includes it.
    /// </summary>
    void OnBatchEnd(TrainingContext context)
    {
    }

    /// <summary>
    /// After an epoch's evaluation, before its checkpoint: <paramref name="record"/> is in the history and
    /// fields added to its <see cref="EpochRecord.Extra"/> are saved and reported.
    /// </summary>
    void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
    }

    /// <summary>When <see cref="Trainer.Run"/> returns (after a cancellation's checkpoint).</summary>
    void OnTrainingEnd(TrainingContext context, TrainingStatus status)
    {
    }
}
