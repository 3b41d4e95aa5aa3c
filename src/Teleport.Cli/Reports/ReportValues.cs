using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Cli.Running;
using Teleport.Data;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>
/// What <c>teleport report</c> renders must be numbers a finished run writes: losses, ‖∇L‖², seconds and time ratios
/// finite and ≥ 0, accuracies in [0, 1]. The record format itself keeps NaN and ±∞ (a library run with the divergence
/// stop off can write them, and they read back bit-exact), but a report of them said things like "the same training
/// time as the baseline" for a NaN ratio and "200 % less training time" for −1; so a record holding one is refused here,
/// naming the place, instead of being rendered. A run's teleport events follow the rules a resume checks too
/// (<see cref="ReportTeleports"/>).
/// </summary>
internal static class ReportValues
{
    /// <exception cref="TeleportDataException">The first value no finished run writes, with its place.</exception>
    public static void Check(ReportInput input, string path)
    {
        var compare = input.Compare is not null;
        foreach (var arm in input.Arms)
        {
            var prefix = compare ? arm.Name + "." : "";
            var run = arm.Run;
            var misnumbered = RecordRules.FirstMisnumberedEpoch(run.Epochs);
            for (var i = 0; i < run.Epochs.Count; i++)
            {
                var e = run.Epochs[i];
                var at = string.Create(CultureInfo.InvariantCulture, $"{prefix}epochs[{i}].");
                // A run records its epochs 1, 2, …, n in order (a bad-input sweep rendered epoch 1 twice, and 1 then 3).
                if (i == misnumbered)
                    throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"\"{at}epoch\" is {e.Epoch}, but a run records its epochs 1, 2, 3, … in order, so entry {i} is epoch {i + 1}: teleport report renders the records of finished runs (an edited file?)"));
                Measure(path, at + "train_loss", e.TrainLoss);
                Measure(path, at + "test_loss", e.TestLoss);
                Measure(path, at + "grad_norm_sq", e.GradNormSquared);
                Measure(path, at + "wall_seconds", e.WallSeconds);
                if (e.TestAccuracy is { } accuracy && !RecordRules.IsFraction(accuracy))
                    throw Refused(path, at + "test_accuracy", accuracy, RecordRules.NotAFraction);
            }
            for (var i = 0; i < run.LossTrace.Count; i++)
            {
                var p = run.LossTrace[i];
                var at = string.Create(CultureInfo.InvariantCulture, $"{prefix}loss_trace[{i}].");
                Measure(path, at + "train_loss", p.TrainLoss);
                Measure(path, at + "wall_seconds", p.WallSeconds);
                // The trainer closes a window after at least one step, in step order (a bad-input sweep rendered a trace
                // reversed, and one with a step twice, as a loss curve that runs backwards).
                if (i > 0 && p.Step <= run.LossTrace[i - 1].Step)
                    throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"\"{at}step\" is {p.Step}, but \"{prefix}loss_trace[{i - 1}].step\" is {run.LossTrace[i - 1].Step}: a run closes its loss-trace windows in step order, each after at least one step, so the steps strictly increase (an edited file?)"));
            }
            ReportTeleports.Check(path, prefix, run);
            Summary(path, prefix, run);
            if (arm.TimeToTarget is { } t)
            {
                var control = arm.Name == "control" ? "control_" : "";
                Measure(path, "target_train_loss", t.TargetLoss);
                Measure(path, "baseline_seconds", t.BaselineSeconds);
                Measure(path, control + "time_to_target_seconds", t.Seconds);
                Measure(path, control + "time_to_target_ratio", t.Ratio);
                TimeToTargetAgrees(path, control, t);
            }
        }
    }

    /// <summary>
    /// A run's <c>"summary"</c> repeats its last epoch and counts its teleports (<c>TrainingRun</c> writes it from the
    /// same values): a summary that says otherwise is refused, since the report renders the epochs and a reader of the
    /// file would see two different runs (a bad-input sweep rendered a record whose summary had been edited, silently).
    /// </summary>
    private static void Summary(string path, string prefix, RunRecord run)
    {
        if (run.Summary is not { } summary) return;
        if (summary.TryGetValue("teleports", out var teleports) && teleports.TryGetNumber(out var count) && count != run.Teleports.Count)
            throw Contradicts(path, prefix + "summary.teleports", teleports, string.Create(CultureInfo.InvariantCulture, $"the record holds {run.Teleports.Count} teleport events"));
        if (run.Epochs.Count == 0)
        {
            NoEpochSummary(path, prefix, summary);
            return;
        }
        var last = run.Epochs[^1];
        var lastAt = string.Create(CultureInfo.InvariantCulture, $"\"{prefix}epochs[{run.Epochs.Count - 1}]");
        foreach (var (key, of) in TrainingRun.SummaryOfLastEpoch)
        {
            if (!summary.TryGetValue(key, out var written)) continue;
            var value = of(last);
            var same = value is { } v ? written.TryGetNumber(out var w) && w.Equals(v) : written.IsNull;
            if (!same)
                throw Contradicts(path, prefix + "summary." + key, written,
                    $"{lastAt}.{EpochField(key)}\" is {(value is { } x ? RecordJson.Text(x) : "null")}");
        }
    }

    /// <summary>
    /// A run with no epoch has a summary of its teleports only (<c>TrainingRun</c> adds the final values from its last
    /// epoch, and there is none): final values, steps or seconds there describe a run the record does not hold.
    /// </summary>
    private static void NoEpochSummary(string path, string prefix, RecordFields summary)
    {
        foreach (var (key, _) in TrainingRun.SummaryOfLastEpoch)
        {
            if (!summary.TryGetValue(key, out var written) || written.IsNull) continue;
            // A count or a time of 0 is what a run that never finished an epoch would say.
            if (!key.StartsWith("final_", System.StringComparison.Ordinal) && written.TryGetNumber(out var n) && n == 0) continue;
            throw Contradicts(path, prefix + "summary." + key, written, $"\"{prefix}epochs\" is empty");
        }
    }

    /// <summary>
    /// The time-to-target fields are one computation (<see cref="TimeToTarget.Compute(RunRecord, RunRecord)"/>): the ratio
    /// is the seconds over the baseline's seconds, and null exactly when the target was never reached or the baseline took
    /// no time. The report prints the ratio as "x % less training time" beside the seconds, so a record where they
    /// disagree (an edited file) is refused rather than rendered as two different results.
    /// </summary>
    private static void TimeToTargetAgrees(string path, string control, TimeToTargetResult t)
    {
        var seconds = control + "time_to_target_seconds";
        var ratio = control + "time_to_target_ratio";
        if (t.Ratio is { } r)
        {
            if (t.Seconds is not { } s)
                throw Edited(path, ratio, r, $"\"{seconds}\" is null (the target was never reached), and then there is no ratio");
            if (t.BaselineSeconds is not { } b || b == 0)
                throw Edited(path, ratio, r, $"\"baseline_seconds\" is {(t.BaselineSeconds is { } z ? RecordJson.Text(z) : "null")}, and a ratio over no baseline time does not exist");
            var quotient = s / b;
            // The writer stores s / b itself; the tolerance only lets a record written by another tool round it.
            if (!(Math.Abs(r - quotient) <= 1e-9 * Math.Abs(quotient)))
                throw Edited(path, ratio, r, $"\"{seconds}\" / \"baseline_seconds\" is {RecordJson.Text(s)} / {RecordJson.Text(b)} = {RecordJson.Text(quotient)}");
        }
        else if (t.Seconds is { } s && t.BaselineSeconds is { } b && b > 0)
        {
            throw new TeleportDataException(path, $"\"{ratio}\" is null, but \"{seconds}\" is {RecordJson.Text(s)} and \"baseline_seconds\" {RecordJson.Text(b)}: compare writes their quotient as the ratio, so the file was edited");
        }
    }

    private static TeleportDataException Edited(string path, string place, double written, string truth) =>
        new(path, $"\"{place}\" is {RecordJson.Text(written)}, but {truth}: compare writes the ratio as the time to target over the baseline's time, so the file was edited");

    /// <summary>The epoch's field a summary key repeats ("final_train_loss" → "train_loss").</summary>
    private static string EpochField(string summaryKey) =>
        summaryKey.StartsWith("final_", System.StringComparison.Ordinal) ? summaryKey["final_".Length..] : summaryKey;

    private static TeleportDataException Contradicts(string path, string place, RecordValue written, string truth) =>
        new(path, $"\"{place}\" is {written}, but {truth}: a run writes its summary from its last epoch and its teleports, so the file was edited");

    /// <summary>Refuses <paramref name="value"/> unless it is finite and ≥ 0 (a loss, ‖∇L‖², seconds, a time ratio).</summary>
    private static void Measure(string path, string place, double? value)
    {
        if (value is { } v && !(double.IsFinite(v) && v >= 0)) throw Refused(path, place, v, "not a finite number ≥ 0");
    }

    private static TeleportDataException Refused(string path, string place, double value, string what) =>
        new(path, $"\"{place}\" is {RecordJson.Text(value)}, {what}: teleport report renders the records of finished runs, and no finished run writes this (a run that diverged with the divergence stop off, or an edited file)");
}
