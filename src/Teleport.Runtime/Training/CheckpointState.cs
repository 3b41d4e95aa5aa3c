using System.Collections.Generic;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>The content of a checkpoint's <c>trainer.json</c> (<see cref="CheckpointJson"/>): all but the tensors.</summary>
internal sealed record CheckpointState
{
    /// <summary>
    /// The format version the file was read with (<see cref="CheckpointJson"/>; it decides what else the checkpoint must
    /// hold); 0 in a state captured to be written, which always writes the current one.
    /// </summary>
    public int Version { get; init; }

    /// <summary>The model's parameter count (checked on resume).</summary>
    public required int ParameterCount { get; init; }

    /// <summary>Training samples (checked on resume: another data set would not continue the same run).</summary>
    public required int TrainingSamples { get; init; }

    /// <summary>Batch size, order and seed (checked on resume: they fix the batches).</summary>
    public required int BatchSize { get; init; }

    public required BatchOrder Order { get; init; }

    public required long Seed { get; init; }

    /// <summary>The epochs the run was set to train (a resumed run may train more, never fewer).</summary>
    public required int PlannedEpochs { get; init; }

    /// <summary>The training set's <see cref="Dataset.Fingerprint"/> (checked on resume: other data would not continue the same run).</summary>
    public required string TrainingData { get; init; }

    /// <summary>The test set's fingerprint, or null without a test set.</summary>
    public required string? TestData { get; init; }

    /// <summary>The caller's <see cref="TrainerOptions.RunIdentity"/> (checked field by field on resume).</summary>
    public required RecordFields Identity { get; init; }

    /// <summary>Position and accumulators.</summary>
    public required TrainingProgress Progress { get; init; }

    /// <summary>Cumulative training time at the checkpoint.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>The callbacks' generator (<see cref="TrainingContext.Random"/>).</summary>
    public required RandomState Random { get; init; }

    /// <summary>The optimizer's kind, settings (with the current learning rate) and step count; buffers are in optimizer.safetensors.</summary>
    public required OptimizerKind OptimizerKind { get; init; }

    public required OptimizerSettings OptimizerSettings { get; init; }

    public required long OptimizerStepCount { get; init; }

    /// <summary>The history so far.</summary>
    public required IReadOnlyList<EpochRecord> Epochs { get; init; }

    public required IReadOnlyList<TeleportEvent> Teleports { get; init; }

    public required IReadOnlyList<LossTracePoint> LossTrace { get; init; }

    /// <summary>
    /// The SHA-256 (lower-case hex) of each tensor file written with this state, by file name; null in checkpoints written
    /// before the digests were recorded. A resume checks them, so files from two checkpoints are not mixed.
    /// </summary>
    public IReadOnlyDictionary<string, string>? FileDigests { get; init; }

    /// <summary>State of each <see cref="ICheckpointableCallback"/>, by <see cref="ICheckpointableCallback.StateKey"/>.</summary>
    public required IReadOnlyList<KeyValuePair<string, byte[]>> CallbackStates { get; init; }
}
