using System.Collections.Generic;
using System.Globalization;
using Teleport.Data;
using Teleport.Records;

namespace Teleport.Cli.Reports;

/// <summary>
/// What <c>teleport report</c> renders must be numbers a finished run writes: losses, ‖∇L‖², seconds and time ratios
/// finite and ≥ 0, accuracies in [0, 1]. The record format itself keeps NaN and ±∞ (a library run with the divergence
/// stop off can write them, and they read back bit-exact), but a report of them said things like "the same training
/// time as the baseline" for a NaN ratio and "200 % less training time" for −1; so a record holding one is refused here,
/// naming the place, instead of being rendered.
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
            for (var i = 0; i < run.Epochs.Count; i++)
            {
                var e = run.Epochs[i];
                var at = string.Create(CultureInfo.InvariantCulture, $"{prefix}epochs[{i}].");
                // A run records its epochs 1, 2, …, n in order (a bad-input sweep rendered epoch 1 twice, and 1 then 3).
                if (e.Epoch != i + 1)
                    throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                        $"\"{at}epoch\" is {e.Epoch}, but a run records its epochs 1, 2, 3, … in order, so entry {i} is epoch {i + 1}: teleport report renders the records of finished runs (an edited file?)"));
                Measure(path, at + "train_loss", e.TrainLoss);
                Measure(path, at + "test_loss", e.TestLoss);
                Measure(path, at + "grad_norm_sq", e.GradNormSquared);
                Measure(path, at + "wall_seconds", e.WallSeconds);
                if (e.TestAccuracy is { } accuracy && !(accuracy is >= 0 and <= 1))
                    throw Refused(path, at + "test_accuracy", accuracy, "not a fraction in [0, 1]");
            }
            for (var i = 0; i < run.LossTrace.Count; i++)
            {
                var p = run.LossTrace[i];
                var at = string.Create(CultureInfo.InvariantCulture, $"{prefix}loss_trace[{i}].");
                Measure(path, at + "train_loss", p.TrainLoss);
                Measure(path, at + "wall_seconds", p.WallSeconds);
            }
            if (arm.TimeToTarget is { } t)
            {
                var control = arm.Name == "control" ? "control_" : "";
                Measure(path, "target_train_loss", t.TargetLoss);
                Measure(path, "baseline_seconds", t.BaselineSeconds);
                Measure(path, control + "time_to_target_seconds", t.Seconds);
                Measure(path, control + "time_to_target_ratio", t.Ratio);
            }
        }
    }

    private static void Measure(string path, string place, double? value)
    {
        if (value is { } v && !(double.IsFinite(v) && v >= 0)) throw Refused(path, place, v, "not a finite number ≥ 0");
    }

    private static TeleportDataException Refused(string path, string place, double value, string what) =>
        new(path, $"\"{place}\" is {RecordJson.Text(value)}, {what}: teleport report renders the records of finished runs, and no finished run writes this (a run that diverged with the divergence stop off, or an edited file)");
}
