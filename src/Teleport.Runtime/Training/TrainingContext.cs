using System;
using System.Threading;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// What a <see cref="ITrainingCallback"/> sees of a running <see cref="Trainer"/>: the model, the
/// optimizer, the data, the position, the current batch, a seeded random generator saved with
/// checkpoints, the training clock and the history. One instance per trainer, reused for every call;
/// reading it allocates nothing.
/// </summary>
public sealed class TrainingContext
{
    private readonly Trainer _trainer;

    internal TrainingContext(Trainer trainer) => _trainer = trainer;

    /// <summary>The model being trained; callbacks may change its parameters in <see cref="ITrainingCallback.OnBatchStart"/>.</summary>
    public IDifferentiableModel<float> Model => _trainer.Model;

    /// <summary>The optimizer; callbacks may reset it or change its buffers and learning rate.</summary>
    public Optimizer<float> Optimizer => _trainer.Optimizer;

    /// <summary>The training set.</summary>
    public Dataset TrainingSet => _trainer.TrainingSet;

    /// <summary>The test set, if any.</summary>
    public Dataset? TestSet => _trainer.TestSet;

    /// <summary>The trainer's options.</summary>
    public TrainerOptions Options => _trainer.Options;

    /// <summary>The epoch in progress, 0-based (records and events number epochs from 1: <see cref="Epoch"/>).</summary>
    public int EpochIndex => _trainer.EpochIndex;

    /// <summary>The epoch in progress, 1-based, as in run records.</summary>
    public int Epoch => _trainer.EpochIndex + 1;

    /// <summary>In batch callbacks, the current batch's index within the epoch (0-based); otherwise the next batch's.</summary>
    public int BatchIndex => _trainer.BatchIndex;

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch => _trainer.BatchesPerEpoch;

    /// <summary>Optimizer steps taken so far: before the current batch's step in <c>OnBatchStart</c>, including it in <c>OnBatchEnd</c>.</summary>
    public long GlobalStep => _trainer.GlobalStep;

    /// <summary>Samples in the current batch (0 outside batch callbacks).</summary>
    public int BatchSize => _trainer.Batch.Count;

    /// <summary>The current batch's inputs, [BatchSize, InputSize] (empty outside batch callbacks).</summary>
    public ReadOnlySpan<float> BatchInputs => _trainer.Batch.Inputs;

    /// <summary>The current batch's labels or targets (empty outside batch callbacks).</summary>
    public Targets<float> BatchTargets => _trainer.Batch.Targets;

    /// <summary>In <c>OnBatchEnd</c>: the batch's mean loss at the parameters before the step.</summary>
    public float BatchLoss => _trainer.LastBatchLoss;

    /// <summary>In <c>OnBatchEnd</c>: ‖∇L‖² of the batch's gradient (what the optimizer was given).</summary>
    public double BatchGradNormSquared => _trainer.LastBatchGradNormSquared;

    /// <summary>In <c>OnBatchEnd</c>: the batch's gradient (in the <c>Parameters</c> layout).</summary>
    public ReadOnlySpan<float> Gradient => _trainer.Gradient;

    /// <summary>
    /// A seeded generator for callbacks (e.g. drawing teleport batches): stream −1 of
    /// <see cref="TrainerOptions.Seed"/>, saved with checkpoints and restored on resume.
    /// </summary>
    public SeededRandom Random => _trainer.Random;

    /// <summary>Cumulative training time of the run so far, in seconds (see <see cref="EpochRecord.WallSeconds"/>).</summary>
    public double WallSeconds => _trainer.WallSeconds;

    /// <summary>True when this <see cref="Trainer.Run"/> continues from a checkpoint loaded by <see cref="Trainer.Resume"/>.</summary>
    public bool IsResumed => _trainer.IsResumedRun;

    /// <summary>The history so far.</summary>
    public TrainingHistory History => _trainer.History;

    /// <summary>Stops the training clock (in a batch callback), for work that is not training: diagnostics, logging.</summary>
    public void PauseClock() => _trainer.Clock.Stop();

    /// <summary>Restarts the training clock after <see cref="PauseClock"/>.</summary>
    public void ResumeClock()
    {
        if (_trainer.InBatch) _trainer.Clock.Start();
    }

    /// <summary>
    /// The token given to <see cref="Trainer.Run"/> (<see cref="CancellationToken.None"/> outside a run), for long work in a
    /// callback: an <c>OnBatchStart</c> that throws <see cref="OperationCanceledException"/> for it — after putting back
    /// everything it changed — ends the run <see cref="TrainingStatus.Canceled"/> before the batch's step, with a checkpoint
    /// if configured, as a stop between steps does (callbacks before it have seen the batch's <c>OnBatchStart</c>; a
    /// continued run calls it again). <see cref="TeleportCallback"/> passes it to the teleporter and the look-ahead.
    /// </summary>
    public CancellationToken CancellationToken => _trainer.Cancellation;

    /// <summary>
    /// Stops the run before the next step, as a cancellation does (<see cref="TrainingStatus.Canceled"/>,
    /// with a checkpoint if configured); e.g. when the loss is no longer finite.
    /// </summary>
    public void RequestStop() => _trainer.RequestStop();

    /// <summary>
    /// Called by an <see cref="IReportsStateChanges"/> callback in <c>OnBatchStart</c> after it changed the parameters or the
    /// optimizer's state: a step undone later in the epoch is replayed from here (<c>Trainer.Replay.cs</c>).
    /// </summary>
    internal void StateChanged() => _trainer.MarkStateChanged();

    /// <summary>Adds a teleport event to the history.</summary>
    public void RecordTeleport(TeleportEvent teleport) => _trainer.History.Add(teleport);

    /// <summary>Adds a teleport event at the current position (<see cref="GlobalStep"/>, <see cref="Epoch"/>) and returns it.</summary>
    public TeleportEvent RecordTeleport(
        double lossBefore, double lossAfter, double gradNormSquaredBefore, double gradNormSquaredAfter,
        int stepsTaken, double seconds, RecordFields? extra = null)
    {
        var teleport = new TeleportEvent(GlobalStep, Epoch, lossBefore, lossAfter, gradNormSquaredBefore, gradNormSquaredAfter, stepsTaken, seconds)
        {
            Extra = extra ?? new RecordFields(),
        };
        RecordTeleport(teleport);
        return teleport;
    }
}
