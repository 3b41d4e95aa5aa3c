using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Output;

/// <summary>
/// The line that says when teleports took no ascent step because every retry of the first one failed: a run with
/// <c>--teleport-lr 1e300</c> printed "teleports 8 (8 kept)" and the losses of a run without them, the reason only
/// in the record's <c>stop_reason</c>. Teleports that stopped at once for a reason that is a result, not a failure
/// (the cap already reached, a critical point, no symmetry), are not counted.
/// </summary>
internal static class StalledTeleports
{
    /// <summary>The stop reasons (record names) for which no step means every retry of the first step was refused.</summary>
    private static readonly Dictionary<string, string> Failures = new()
    {
        [TeleportCallback.StopReasonName(TeleportStopReason.NonFinite)] = "not finite",
        [TeleportCallback.StopReasonName(TeleportStopReason.DriftLimit)] = "moved the loss beyond the drift tolerance",
        [TeleportCallback.StopReasonName(TeleportStopReason.RangeViolation)] = "left an activation's range",
        [TeleportCallback.StopReasonName(TeleportStopReason.LineSearchFailed)] = "failed the line search",
    };

    /// <summary>The note, or null when every teleport moved or stopped for a reason that is not a failure.</summary>
    /// <param name="run">The run record.</param>
    /// <param name="arm">The arm's name for a compare run ("" for train).</param>
    public static string? Note(RunRecord run, string arm = "")
    {
        var counts = new SortedDictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var e in run.Teleports)
        {
            // A start that was not finite (which a run that did not diverge does not have) is no step-size problem.
            if (e.StepsTaken != 0 || !double.IsFinite(e.LossBefore) || !double.IsFinite(e.GradNormSquaredBefore)) continue;
            if (!e.Extra.TryGetValue("stop_reason", out var reason) || reason.Kind != RecordValueKind.String) continue;
            if (!Failures.ContainsKey(reason.String)) continue;
            counts[reason.String] = counts.GetValueOrDefault(reason.String) + 1;
        }
        if (counts.Count == 0) return null;
        var stalled = counts.Values.Sum();
        var why = string.Join("; ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value} {Failures[c.Key]} ({c.Key})")));
        var prefix = arm.Length == 0 ? "" : $"[{arm}] ";
        return string.Create(CultureInfo.InvariantCulture,
            $"note: {prefix}{stalled} of {run.Teleports.Count} teleports took no ascent step, every retry of the first step refused: {why}. They left the weights as they were; a smaller teleport step size (--teleport-lr, or --level-set-rho) may move them.");
    }
}
