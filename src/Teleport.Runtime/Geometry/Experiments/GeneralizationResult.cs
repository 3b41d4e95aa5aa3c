using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// Median, smallest and largest, mean and standard deviation of a quantity over the seeds (its finite values).
/// <see cref="Std"/> is the sample standard deviation √(Σ(x − x̄)²/(n − 1)), 0 for one value.
/// </summary>
public readonly record struct SeedSpread(double Median, double Min, double Max, double Mean, double Std)
{
    /// <summary>The spread of <paramref name="values"/> (NaN values when none is finite).</summary>
    public static SeedSpread Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var m = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
        var mean = sorted.Average();
        var std = sorted.Length == 1 ? 0.0 : Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1));
        return new(median, sorted[0], sorted[^1], mean, std);
    }

    /// <summary>The spread as record fields: null for each value when there is none (the control arm's teleport ratios), never "NaN".</summary>
    public RecordFields ToFields() => new RecordFields().Add("median", OrNull(Median)).Add("min", OrNull(Min)).Add("max", OrNull(Max)).Add("mean", OrNull(Mean)).Add("std", OrNull(Std));

    /// <summary>Whether any value was finite (else every field is NaN: the quantity does not exist).</summary>
    public bool Exists => double.IsFinite(Median);

    private static RecordValue OrNull(double value) => double.IsFinite(value) ? value : RecordValue.Null;
}

/// <summary>One arm over the seeds: its curves' medians and spreads, its final difference from the control arm per seed, its teleports.</summary>
public sealed record GeneralizationArmSummary(
    GeneralizationArm Arm,
    IReadOnlyList<int> Epochs,
    IReadOnlyList<SeedSpread> TrainLoss,
    IReadOnlyList<SeedSpread> TestLoss,
    IReadOnlyList<SeedSpread> TestAccuracy,
    IReadOnlyList<SeedSpread> TestLossMinusControl,
    IReadOnlyList<double> FinalTestLossDifference,
    IReadOnlyList<double> FinalTestAccuracyDifference,
    SeedSpread ObjectiveRatio,
    SeedSpread PsiRatio,
    SeedSpread BatchLossRelativeDrift,
    SeedSpread TrainLossChange,
    double TeleportSeconds,
    int TeleportCount)
{
    /// <summary>Seeds whose final test loss is below the control arm's.</summary>
    public int SeedsBelowControl => FinalTestLossDifference.Count(d => d < 0);
}

/// <summary>
/// The Figure 4 experiment's result: every seed, and per arm the median and range over seeds of train loss, test loss and
/// test accuracy by epoch, and the paired final differences from the control arm.
/// JSON: <c>{ "kind": "teleport-generalize", "config": …, "arms": [ … ], "seeds": [ … ] }</c>.
/// </summary>
public sealed class GeneralizationResult
{
    /// <summary>The value of "kind" in a result file.</summary>
    public const string Kind = "teleport-generalize";

    public GeneralizationResult(RecordFields config, GeneralizationOptions options, IReadOnlyList<GeneralizationSeed> seeds)
    {
        Config = config;
        Options = options;
        Seeds = seeds;
        Arms = options.Arms.Select(Summarize).ToArray();
    }

    public RecordFields Config { get; }

    public GeneralizationOptions Options { get; }

    public IReadOnlyList<GeneralizationSeed> Seeds { get; }

    public IReadOnlyList<GeneralizationArmSummary> Arms { get; }

    private GeneralizationArmSummary Summarize(GeneralizationArm arm)
    {
        // Each arm's curve: the baseline's epochs up to the checkpoint, then the arm's own.
        var curves = Seeds.Select(s => s.Baseline.Concat(s.Arms.Single(a => a.Arm == arm.Name).Epochs).ToArray()).ToArray();
        var epochs = curves[0].Select(e => e.Epoch).ToArray();
        SeedSpread[] Column(Func<GeneralizationEpoch, double> pick) =>
            Enumerable.Range(0, epochs.Length).Select(i => SeedSpread.Of(curves.Select(c => pick(c[i])))).ToArray();
        var controlCurves = Seeds.Select(s => s.Baseline.Concat(s.Arms.Single(a => a.Arm == GeneralizationArm.ControlName).Epochs).ToArray()).ToArray();
        var control = controlCurves.Select(c => c[^1]).ToArray();
        // paired by seed: the arm's test loss minus its own control arm's, epoch by epoch
        var differences = Enumerable.Range(0, epochs.Length).Select(i => SeedSpread.Of(curves.Select((c, k) => c[i].TestLoss - controlCurves[k][i].TestLoss))).ToArray();
        var finals = Seeds.Select(s => s.Arms.Single(a => a.Arm == arm.Name).Epochs[^1]).ToArray();
        var teleports = Seeds.SelectMany(s => s.Arms.Single(a => a.Arm == arm.Name).Teleports).ToArray();
        return new GeneralizationArmSummary(arm, epochs, Column(e => e.TrainLoss), Column(e => e.TestLoss), Column(e => e.TestAccuracy), differences,
            finals.Select((f, i) => f.TestLoss - control[i].TestLoss).ToArray(),
            finals.Select((f, i) => f.TestAccuracy - control[i].TestAccuracy).ToArray(),
            SeedSpread.Of(teleports.Select(t => t.ObjectiveRatio)),
            SeedSpread.Of(teleports.Select(t => t.PsiRatio)),
            SeedSpread.Of(teleports.Select(t => t.BatchLossRelativeDrift)),
            SeedSpread.Of(teleports.Select(t => t.TrainLossAfter - t.TrainLossBefore)),
            teleports.Sum(t => t.Seconds), teleports.Length);
    }

    /// <summary>The result as record fields.</summary>
    public RecordFields ToFields()
    {
        var arms = new List<RecordValue>();
        foreach (var a in Arms)
        {
            arms.Add(new RecordFields()
                .Add("name", a.Arm.Name)
                .Add("epochs", RecordValue.FromNumbers(a.Epochs.Select(e => (double)e)))
                .Add("train_loss", Spreads(a.TrainLoss))
                .Add("test_loss", Spreads(a.TestLoss))
                .Add("test_accuracy", Spreads(a.TestAccuracy))
                .Add("test_loss_minus_control", Spreads(a.TestLossMinusControl))
                .Add("final_test_loss_minus_control", RecordValue.FromNumbers(a.FinalTestLossDifference))
                .Add("final_test_loss_minus_control_spread", SeedSpread.Of(a.FinalTestLossDifference).ToFields())
                .Add("final_test_accuracy_minus_control", RecordValue.FromNumbers(a.FinalTestAccuracyDifference))
                .Add("seeds_below_control", a.SeedsBelowControl)
                .Add("teleports", a.TeleportCount)
                .Add("objective", ObjectiveName(a.Arm))
                .Add("objective_after_over_before", a.ObjectiveRatio.ToFields())
                .Add("psi_after_over_before", a.PsiRatio.ToFields())
                .Add("batch_loss_relative_drift", a.BatchLossRelativeDrift.ToFields())
                .Add("train_loss_change", a.TrainLossChange.ToFields())
                .Add("teleport_seconds", a.TeleportSeconds));
        }
        var seeds = new List<RecordValue>();
        foreach (var s in Seeds)
        {
            var runs = new List<RecordValue>();
            foreach (var r in s.Arms)
            {
                runs.Add(new RecordFields()
                    .Add("arm", r.Arm)
                    .Add("seconds", r.Seconds)
                    .Add("epochs", Epochs(r.Epochs))
                    .Add("teleports", RecordValue.FromArray(r.Teleports.Select(t => (RecordValue)new RecordFields()
                        .Add("call", t.Call)
                        .Add("objective_before", t.ObjectiveBefore)
                        .Add("objective_after", t.ObjectiveAfter)
                        .Add("psi_before", t.PsiBefore is { } psiBefore ? (RecordValue)psiBefore : RecordValue.Null)
                        .Add("psi_after", t.PsiAfter is { } psiAfter ? (RecordValue)psiAfter : RecordValue.Null)
                        .Add("batch_loss_before", t.BatchLossBefore)
                        .Add("batch_loss_after", t.BatchLossAfter)
                        .Add("train_loss_before", t.TrainLossBefore)
                        .Add("train_loss_after", t.TrainLossAfter)
                        .Add("steps", t.Steps)
                        .Add("rejected", t.Rejected)
                        .Add("stop_reason", t.StopReason)
                        .Add("seconds", t.Seconds)))));
            }
            seeds.Add(new RecordFields()
                .Add("index", s.Index)
                .Add("seed", s.Seed)
                .Add("baseline", Epochs(s.Baseline))
                .Add("arms", RecordValue.FromArray(runs)));
        }
        return new RecordFields()
            .Add("kind", Kind)
            .Add("config", Config)
            .Add("arms", RecordValue.FromArray(arms))
            .Add("seeds", RecordValue.FromArray(seeds));
    }

    /// <summary>Writes the result atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllBytes(path, RecordJson.ToUtf8Bytes(ToFields()));

    private static RecordValue Spreads(IEnumerable<SeedSpread> spreads) => new RecordFields()
        .Add("median", RecordValue.FromNumbers(spreads.Select(s => s.Median)))
        .Add("min", RecordValue.FromNumbers(spreads.Select(s => s.Min)))
        .Add("max", RecordValue.FromNumbers(spreads.Select(s => s.Max)))
        .Add("mean", RecordValue.FromNumbers(spreads.Select(s => s.Mean)))
        .Add("std", RecordValue.FromNumbers(spreads.Select(s => s.Std)));

    /// <summary>What an arm's objective_before/after are: φ_tele on the teleport batch, κ along the teleport's M, or null for the control arm.</summary>
    public static RecordValue ObjectiveName(GeneralizationArm arm) => arm.Objective switch
    {
        null => RecordValue.Null,
        Teleportation.TeleportObjective.Sharpness => "phi_tele",
        Teleportation.TeleportObjective.Curvature => "kappa_along_m",
        { } other => other.ToString(),
    };

    private static RecordValue Epochs(IEnumerable<GeneralizationEpoch> epochs) => RecordValue.FromArray(epochs.Select(e => (RecordValue)new RecordFields()
        .Add("epoch", e.Epoch)
        .Add("train_loss", e.TrainLoss)
        .Add("test_loss", e.TestLoss)
        .Add("test_accuracy", e.TestAccuracy)));
}
