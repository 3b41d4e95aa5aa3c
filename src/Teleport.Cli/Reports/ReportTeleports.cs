using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Data;
using Teleport.Records;
using Teleport.Teleportation;

namespace Teleport.Cli.Reports;

/// <summary>
/// A run's <c>"teleports"</c> as <c>teleport report</c> renders them, checked against what the teleport callback
/// (<c>TeleportCallback</c>) writes: losses and ‖∇L‖² on the teleport batch and seconds finite and ≥ 0 (both losses
/// are ≥ 0, cross-entropy and squared error alike), the ‖∇L‖² trace likewise (its values at the start and after each
/// accepted ascent step: a step to a non-finite point is refused, never accepted), the ratio and drift beside them
/// computed from them, and each epoch's <c>teleports</c> and <c>teleports_kept</c> the number of events it holds.
/// A bad-input sweep rendered a teleport with a NaN or negative loss, an infinite ‖∇L‖² (with a gain column that no
/// longer matched) and a record whose events were removed while its epoch still counted 8, all with exit 0.
/// </summary>
internal static class ReportTeleports
{
    /// <exception cref="TeleportDataException">The first teleport value or count no finished run writes, with its place.</exception>
    public static void Check(string path, string prefix, RunRecord run)
    {
        for (var i = 0; i < run.Teleports.Count; i++)
        {
            var e = run.Teleports[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{prefix}teleports[{i}].");
            foreach (var (key, value) in e.Measures()) ReportValues.Measure(path, at + key, value);
            ReportValues.Measure(path, at + "seconds", e.Seconds);
            Trace(path, at + "grad_norm_sq_trace", e);
            Derived(path, at, e);
        }
        Counts(path, prefix, run);
    }

    /// <summary>Each entry of <c>grad_norm_sq_trace</c>: ‖∇L‖² on the teleport batch, finite and ≥ 0.</summary>
    private static void Trace(string path, string place, TeleportEvent e)
    {
        if (!e.Extra.TryGetValue("grad_norm_sq_trace", out var trace)) return;
        if (trace.Kind != RecordValueKind.Array)
            throw new TeleportDataException(path, $"\"{place}\" is {Shown(trace)}, not an array of numbers: {Writes}");
        for (var k = 0; k < trace.Items.Count; k++)
        {
            var itemPlace = string.Create(CultureInfo.InvariantCulture, $"{place}[{k}]");
            if (!trace.Items[k].TryGetNumber(out var value))
                throw new TeleportDataException(path, $"\"{itemPlace}\" is {Shown(trace.Items[k])}, not a number: {Writes}");
            ReportValues.Measure(path, itemPlace, value);
        }
    }

    /// <summary>
    /// The gain and relative drift the report prints beside the losses and ‖∇L‖² are written from them
    /// (<see cref="TeleportReport.GradNormSquaredGain"/>, <see cref="TeleportReport.RelativeLossDrift"/>): an edited
    /// value on either side showed a table row whose columns disagree.
    /// </summary>
    private static void Derived(string path, string at, TeleportEvent e)
    {
        if (Number(e, "grad_norm_sq_gain") is { } gain)
        {
            var before = e.GradNormSquaredBefore;
            // The writer's gain is NaN when ‖∇L‖² before is 0 (a ratio over nothing), the quotient otherwise.
            var agrees = before == 0 ? double.IsNaN(gain) : Close(gain, e.GradNormSquaredAfter / before);
            if (!agrees)
                throw Disagrees(path, at + "grad_norm_sq_gain", gain, string.Create(CultureInfo.InvariantCulture,
                    $"\"{at}grad_norm_sq_after\" / \"{at}grad_norm_sq_before\" is {RecordJson.Text(e.GradNormSquaredAfter)} / {RecordJson.Text(before)}{(before == 0 ? ", which has no value" : " = " + RecordJson.Text(e.GradNormSquaredAfter / before))}"));
        }
        if (Number(e, "relative_loss_drift") is { } drift)
        {
            var truth = Math.Abs(e.LossAfter - e.LossBefore) / Math.Max(Math.Abs(e.LossBefore), TeleportReport.LossScaleFloor);
            if (!Close(drift, truth))
                throw Disagrees(path, at + "relative_loss_drift", drift, string.Create(CultureInfo.InvariantCulture,
                    $"|\"{at}loss_after\" − \"{at}loss_before\"| / \"{at}loss_before\" is {RecordJson.Text(truth)}"));
        }
    }

    /// <summary>
    /// The callback counts an epoch's teleports (and, with a look-ahead, those it kept) as it records their events, into the
    /// epoch's <c>teleports</c> and <c>teleports_kept</c>; an event's <c>step</c> is the optimizer steps before it, so it lies
    /// in its epoch's steps. Checked where the epochs carry the counts: events recorded by another callback come without them.
    /// </summary>
    private static void Counts(string path, string prefix, RunRecord run)
    {
        var counted = false;
        for (var i = 0; i < run.Epochs.Count; i++)
        {
            var epoch = run.Epochs[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{prefix}epochs[{i}].");
            if (Count(path, at, "teleports", epoch.Extra) is not { } teleports) continue;
            counted = true;
            var events = 0;
            var kept = 0;
            var firstStep = i == 0 ? 0 : run.Epochs[i - 1].Steps;
            for (var k = 0; k < run.Teleports.Count; k++)
            {
                var e = run.Teleports[k];
                if (e.Epoch != epoch.Epoch) continue;
                events++;
                if (e.Extra.TryGetValue("kept", out var v) && v.Kind == RecordValueKind.Boolean && v.Boolean) kept++;
                if (e.Step < firstStep || e.Step >= epoch.Steps)
                    throw Edited(path, $"\"{prefix}teleports[{k}].step\" is {e.Step}, but a teleport in epoch {epoch.Epoch} comes after {firstStep} to {epoch.Steps - 1} optimizer steps (\"{at}steps\" is {epoch.Steps})");
            }
            if (events != teleports)
                throw Edited(path, $"\"{at}teleports\" is {teleports}, but the record holds {events} teleport event{(events == 1 ? "" : "s")} in epoch {epoch.Epoch}");
            if (Count(path, at, "teleports_kept", epoch.Extra) is { } keptCount && keptCount != kept)
                throw Edited(path, $"\"{at}teleports_kept\" is {keptCount}, but {kept} of the record's teleport events in epoch {epoch.Epoch} are kept");
        }
        if (!counted) return;
        // An event of an epoch the record does not hold is counted nowhere (the events' total is the summary's).
        for (var k = 0; k < run.Teleports.Count; k++)
        {
            if (run.Teleports[k].Epoch > run.Epochs.Count)
                throw Edited(path, $"\"{prefix}teleports[{k}].epoch\" is {run.Teleports[k].Epoch}, but the record holds {run.Epochs.Count} epoch{(run.Epochs.Count == 1 ? "" : "s")}");
        }
    }

    /// <summary>An epoch's count field, if present: a whole number ≥ 0.</summary>
    private static long? Count(string path, string at, string key, RecordFields extra)
    {
        if (!extra.TryGetValue(key, out var value)) return null;
        if (value.TryGetNumber(out var n) && n >= 0 && n <= int.MaxValue && Math.Floor(n) == n) return (long)n;
        throw new TeleportDataException(path, $"\"{at}{key}\" is {Shown(value)}, not a count (a whole number ≥ 0): {Writes}");
    }

    /// <summary>A value as the file has it: a string in quotes, so that "8" is not taken for the number 8.</summary>
    private static string Shown(RecordValue value) => value.Kind == RecordValueKind.String ? $"\"{value.String}\"" : value.ToString();

    private static double? Number(TeleportEvent e, string key) =>
        e.Extra.TryGetValue(key, out var v) && v.TryGetNumber(out var n) ? n : null;

    /// <summary>Equal up to the rounding of a record written by another tool (the callback writes the same bits).</summary>
    private static bool Close(double written, double truth) =>
        written.Equals(truth) || Math.Abs(written - truth) <= 1e-9 * Math.Abs(truth);

    private const string Writes = "teleport report renders the records of finished runs, and the teleport callback writes no such value (an edited file?)";

    private static TeleportDataException Disagrees(string path, string place, double written, string truth) =>
        Edited(path, $"\"{place}\" is {RecordJson.Text(written)}, but {truth}");

    private static TeleportDataException Edited(string path, string what) =>
        new(path, $"{what}: the teleport callback writes a teleport's numbers and its epoch's counts together, so the file was edited");
}
