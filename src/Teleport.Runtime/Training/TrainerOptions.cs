using System;
using System.Globalization;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>How a <see cref="Trainer"/> runs: epochs, batching, evaluation, loss trace and checkpoints.</summary>
public sealed record TrainerOptions
{
    /// <summary>Epochs to train (a resumed run may raise it to train further). Default 1.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per mini-batch; the last batch of an epoch keeps the remainder. Default 20 (the paper's).</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Sequential (the paper's fixed order, the default) or shuffled by <see cref="Seed"/>.</summary>
    public BatchOrder Order { get; init; } = BatchOrder.Sequential;

    /// <summary>
    /// Seeds the shuffle (stream <c>epoch</c>) and the random generator callbacks get through
    /// <see cref="TrainingContext.Random"/> (stream −1). Default 0.
    /// </summary>
    public long Seed { get; init; }

    /// <summary>Samples per <c>Predict</c> call when evaluating the test set. Default 1000.</summary>
    public int EvaluationBatchSize { get; init; } = 1000;

    /// <summary>Steps per loss-trace window (<see cref="LossTracePoint"/>); windows also close at epoch ends. Default 100.</summary>
    public int LossTraceInterval { get; init; } = 100;

    /// <summary>
    /// Where checkpoints go (see <see cref="Checkpoints"/>); null (the default) writes none. One trainer of a process writes
    /// into a directory at a time (another's <see cref="Trainer.Run"/> there is refused while it runs); across processes,
    /// hold <see cref="Checkpoints.Claim"/> for the run, as the CLI does.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Write a checkpoint every this many optimizer steps; 0 (the default) only at epoch ends.</summary>
    public long CheckpointInterval { get; init; }

    /// <summary>Write a checkpoint at the end of every epoch (after evaluation). Default true.</summary>
    public bool CheckpointAtEpochEnd { get; init; } = true;

    /// <summary>Write a checkpoint when training is canceled. Default true.</summary>
    public bool CheckpointOnCancel { get; init; } = true;

    /// <summary>Checkpoints kept in the directory; older ones are deleted. Default 2.</summary>
    public int CheckpointsToKeep { get; init; } = 2;

    /// <summary>
    /// What identifies the run beyond what the trainer checks itself (e.g. a command line's settings that decide
    /// its numbers, by option name): written into every checkpoint, and on resume every field must be present with
    /// an equal value, else <see cref="CheckpointMismatchException"/> names the first that differs. Default empty.
    /// </summary>
    public RecordFields RunIdentity { get; init; } = new();

    /// <summary>
    /// Stop the run (<see cref="TrainingStatus.Diverged"/>) when a loss, the gradient or the parameters become NaN or
    /// infinite, rather than training on and recording non-finite numbers. Default true.
    /// </summary>
    public bool StopOnDivergence { get; init; } = true;

    /// <summary>
    /// Whether the run owns its optimizer: created fresh for it (step count 0), its learning rate never changed while
    /// training (no schedule), its state reset only by a <see cref="TeleportCallback"/>'s policy. A resume then also refuses
    /// a checkpoint whose optimizer learning rate is not the optimizer's (<see cref="CheckpointMismatchException"/>, field
    /// <c>optimizer_settings.lr</c>) or whose step count this run's steps and resets cannot leave — both trained on silently
    /// otherwise, since the checkpoint's values are restored. Default false: a caller may schedule the learning rate (the
    /// checkpoint then carries the scheduled one) or hand the trainer an optimizer that has stepped before.
    /// </summary>
    public bool OwnsOptimizer { get; init; }

    /// <summary>
    /// Copy the next batch on the second core while a step runs, when batches are copied (byte images such as
    /// Fashion-MNIST, or a shuffled order), the machine has two cores and the products keep to one thread
    /// (<see cref="Teleport.Kernels.MatrixMultiply.MaxThreads"/> = 1). The same values either way; off leaves the
    /// second core to other work (another run beside this one). Default true.
    /// </summary>
    /// <remarks>
    /// The paper network's step is 10–20 µs and copying its batch from bytes 1.5–2 µs of it; on the second core the copy
    /// is off the step's path. Whether that pays depends on the host (how fast one core reads what the other wrote, whether
    /// the second core is free), so the run measures it (a trial of 128 steps every 2 048) and copies on its own thread
    /// where the loader does not make steps faster.
    /// </remarks>
    public bool LoadBatchesAhead { get; init; } = true;

    /// <summary>The options as record fields (for a run record's configuration).</summary>
    public RecordFields Describe() => new RecordFields()
        .Add("epochs", Epochs)
        .Add("batch_size", BatchSize)
        .Add("order", Order == BatchOrder.Sequential ? "sequential" : "shuffled")
        .Add("seed", Seed)
        .Add("evaluation_batch_size", EvaluationBatchSize)
        .Add("loss_trace_interval", LossTraceInterval);

    internal void Validate()
    {
        OptionChecks.AtLeast(Epochs, 0, Owner, nameof(Epochs));
        OptionChecks.AtLeast(BatchSize, 1, Owner, nameof(BatchSize));
        if (Order is not (BatchOrder.Sequential or BatchOrder.Shuffled))
            throw new ArgumentOutOfRangeException(nameof(Order), string.Create(CultureInfo.InvariantCulture, $"{Owner}.{nameof(Order)} is {(int)Order}; it must be a BatchOrder."));
        OptionChecks.AtLeast(EvaluationBatchSize, 1, Owner, nameof(EvaluationBatchSize));
        OptionChecks.AtLeast(LossTraceInterval, 1, Owner, nameof(LossTraceInterval));
        OptionChecks.AtLeast(CheckpointInterval, 0, Owner, nameof(CheckpointInterval));
        OptionChecks.AtLeast(CheckpointsToKeep, 1, Owner, nameof(CheckpointsToKeep));
        ArgumentNullException.ThrowIfNull(RunIdentity);
        if (CheckpointDirectory is { Length: 0 })
            throw new ArgumentException("CheckpointDirectory is empty; use null for no checkpoints.", nameof(CheckpointDirectory));
    }

    /// <summary>How messages name these options ("TrainerOptions.BatchSize is 0; it must be ≥ 1.").</summary>
    private const string Owner = nameof(TrainerOptions);
}
