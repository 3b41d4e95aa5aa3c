using System;
using System.Collections.Generic;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// What a <see cref="Trainer"/> has recorded so far: epoch records, teleport events and the loss trace.
/// Saved with checkpoints and restored on resume, so a resumed run's history is the whole run's.
/// </summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];
    private readonly List<TeleportEvent> _teleports = [];
    private readonly List<LossTracePoint> _lossTrace = [];

    /// <summary>One record per completed epoch.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>Teleports recorded by callbacks (<see cref="TrainingContext.RecordTeleport(TeleportEvent)"/>).</summary>
    public IReadOnlyList<TeleportEvent> Teleports => _teleports;

    /// <summary>The training loss every few steps (<see cref="TrainerOptions.LossTraceInterval"/>).</summary>
    public IReadOnlyList<LossTracePoint> LossTrace => _lossTrace;

    /// <summary>A run record of this history with <paramref name="config"/> (the options as used) and an optional summary.</summary>
    public RunRecord ToRunRecord(RecordFields config, RecordFields? summary = null) =>
        new(config, _epochs, _teleports, _lossTrace, summary);

    internal void Add(EpochRecord record) => _epochs.Add(record);

    internal void Add(TeleportEvent teleport) => _teleports.Add(teleport ?? throw new ArgumentNullException(nameof(teleport)));

    // The trace list is sized up front (EnsureCapacity), so adding a point allocates nothing.
    internal void Add(LossTracePoint point) => _lossTrace.Add(point);

    internal void EnsureCapacity(int epochs, int tracePoints)
    {
        _epochs.EnsureCapacity(epochs);
        _lossTrace.EnsureCapacity(tracePoints);
    }

    internal void Replace(IEnumerable<EpochRecord> epochs, IEnumerable<TeleportEvent> teleports, IEnumerable<LossTracePoint> trace)
    {
        _epochs.Clear();
        _epochs.AddRange(epochs);
        _teleports.Clear();
        _teleports.AddRange(teleports);
        _lossTrace.Clear();
        _lossTrace.AddRange(trace);
    }
}
