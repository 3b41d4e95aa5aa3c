using System;

namespace Teleport.Records;

/// <summary>
/// The result of <c>teleport compare</c>: the same seed trained without teleportation (baseline), with
/// it (teleport), and optionally a control (e.g. the optimizer resets of the teleport schedule without
/// the teleports), with the time-to-target ratios of <see cref="Records.TimeToTarget"/>.
/// Written and read by <see cref="CompareRecordJson"/>.
/// </summary>
public sealed class CompareRecord
{
    /// <summary>Creates a record from runs and already computed results (as read from a file).</summary>
    public CompareRecord(RunRecord baseline, RunRecord teleport, RunRecord? control, TimeToTargetResult timeToTarget, TimeToTargetResult? controlTimeToTarget)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(teleport);
        if ((control is null) != (controlTimeToTarget is null))
            throw new ArgumentException("A control run and its time-to-target result go together.", nameof(controlTimeToTarget));
        Baseline = baseline;
        Teleport = teleport;
        Control = control;
        TimeToTarget = timeToTarget;
        ControlTimeToTarget = controlTimeToTarget;
    }

    /// <summary>Compares the runs: each one's time to reach the baseline's final train loss.</summary>
    public static CompareRecord Create(RunRecord baseline, RunRecord teleport, RunRecord? control = null) =>
        new(baseline, teleport, control, Records.TimeToTarget.Compute(baseline, teleport),
            control is null ? null : Records.TimeToTarget.Compute(baseline, control));

    /// <summary><c>"baseline"</c>: the run without teleportation.</summary>
    public RunRecord Baseline { get; }

    /// <summary><c>"teleport"</c>: the run with teleportation.</summary>
    public RunRecord Teleport { get; }

    /// <summary><c>"control"</c>: an optional control run.</summary>
    public RunRecord? Control { get; }

    /// <summary>The teleport run's time to the baseline's final train loss.</summary>
    public TimeToTargetResult TimeToTarget { get; }

    /// <summary>The control run's time to the baseline's final train loss (when there is a control).</summary>
    public TimeToTargetResult? ControlTimeToTarget { get; }

    /// <summary><c>"time_to_target_ratio"</c>: teleport time to target ÷ baseline total time, or null if never reached.</summary>
    public double? TimeToTargetRatio => TimeToTarget.Ratio;
}
