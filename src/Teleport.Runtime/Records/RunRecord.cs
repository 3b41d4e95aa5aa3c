using System;
using System.Collections.Generic;

namespace Teleport.Records;

/// <summary>
/// Everything one training run reports, in the shape of the <c>--out</c> JSON file
/// (<see cref="RunRecordJson"/>): the configuration as used, per-epoch records, teleport events,
/// the finer-grained loss trace, and an optional summary.
/// </summary>
public sealed class RunRecord
{
    /// <summary>Creates a record; the lists are copied.</summary>
    public RunRecord(
        RecordFields config,
        IEnumerable<EpochRecord> epochs,
        IEnumerable<TeleportEvent>? teleports = null,
        IEnumerable<LossTracePoint>? lossTrace = null,
        RecordFields? summary = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(epochs);
        Config = config;
        Epochs = [.. epochs];
        Teleports = teleports is null ? [] : [.. teleports];
        LossTrace = lossTrace is null ? [] : [.. lossTrace];
        Summary = summary;
    }

    /// <summary><c>"config"</c>: every option as used (free-form fields).</summary>
    public RecordFields Config { get; }

    /// <summary><c>"epochs"</c>, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary><c>"teleports"</c>, in order.</summary>
    public IReadOnlyList<TeleportEvent> Teleports { get; }

    /// <summary><c>"loss_trace"</c>, in order (empty when the run recorded none).</summary>
    public IReadOnlyList<LossTracePoint> LossTrace { get; }

    /// <summary><c>"summary"</c> (omitted from the file when null).</summary>
    public RecordFields? Summary { get; }

    /// <summary>The last epoch's train loss, or null before the first epoch ends.</summary>
    public double? FinalTrainLoss => Epochs.Count > 0 ? Epochs[^1].TrainLoss : null;

    /// <summary>The last epoch's cumulative training time, or null before the first epoch ends.</summary>
    public double? TotalWallSeconds => Epochs.Count > 0 ? Epochs[^1].WallSeconds : null;
}
