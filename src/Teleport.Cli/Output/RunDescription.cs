using System.Globalization;
using Teleport.Cli.Data;
using Teleport.Cli.Options;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Output;

/// <summary>The lines that say, before training, what is about to run.</summary>
internal static class RunDescription
{
    public static string Headline(string command, RunSettings s, LoadedData data, double learningRate)
    {
        var c = CultureInfo.InvariantCulture;
        var batches = global::Teleport.Data.BatchSampler.CountBatches(data.Train.Count, s.BatchSize);
        var test = data.Test is null ? "no test set" : string.Create(c, $"{data.Test.Count} test");
        return string.Create(c,
            $"{command}: {s.Model} on {data.Name} ({data.Train.Count} train / {test} samples), {OptimizerFields.KindName(s.Optimizer)} lr {Format(learningRate)}{Momentum(s)}, "
            + $"{Output.Format.Count(s.Epochs, "epoch")} of {Batches(batches, s.BatchSize, data.Train.Count, "--batch-size")} ({(s.Shuffle ? "shuffled" : "sequential")}), seed {s.Seed}{(s.Paper ? ", paper preset" : "")}");
    }

    /// <summary>" momentum m" when one was set that the optimizer's name does not imply (sgd's momentum was applied but not said).</summary>
    private static string Momentum(RunSettings s) =>
        s.Momentum is { } m && !(s.Optimizer == OptimizerKind.Momentum && m == 0.9) ? " momentum " + Format(m) : "";

    /// <summary>
    /// "N batches of B", with B the samples a batch really holds: a batch size above the training set's size gives one
    /// batch of the whole set (the samplers take min(size, set)), and the line says so rather than echo the option.
    /// </summary>
    private static string Batches(int batches, int batchSize, int trainCount, string option)
    {
        var c = CultureInfo.InvariantCulture;
        var count = Output.Format.Count(batches, "batch", "batches");
        return batchSize <= trainCount
            ? string.Create(c, $"{count} of {batchSize}")
            : string.Create(c, $"{count} of {trainCount} ({option} {batchSize} is more than the {trainCount} training samples: a batch holds all of them)");
    }

    /// <summary>"batch B" for a study's headline, B the samples a batch really holds (said when fewer than --batch-size asks).</summary>
    public static string StudyBatch(int batchSize, int trainCount) => batchSize <= trainCount
        ? string.Create(CultureInfo.InvariantCulture, $"batch {batchSize}")
        : string.Create(CultureInfo.InvariantCulture, $"batch {trainCount} (--batch-size {batchSize} is more than the {trainCount} training samples: a batch holds all of them)");

    /// <summary>The samples a teleport batch holds: min(--teleport-batch, training samples), said when it is fewer than asked.</summary>
    private static string TeleportSamples(RunSettings s, int trainCount) => s.TeleportBatch <= trainCount
        ? string.Create(CultureInfo.InvariantCulture, $"{s.TeleportBatch} samples")
        : string.Create(CultureInfo.InvariantCulture, $"all {trainCount} training samples (--teleport-batch {s.TeleportBatch} is more than the set)");

    /// <summary>When the schedule teleports: "8 at the start of epoch 1; every 50 steps, at most 10".</summary>
    private static string When(TeleportSchedule schedule)
    {
        var c = CultureInfo.InvariantCulture;
        var when = new System.Collections.Generic.List<string>();
        if (schedule.Epochs.Count > 0 && schedule.CountPerEpoch > 0) when.Add($"{schedule.CountPerEpoch} at the start of {Output.Format.Noun(schedule.Epochs.Count, "epoch")} {string.Join(", ", schedule.Epochs)}");
        if (schedule.EverySteps > 0) when.Add(string.Create(c, $"every {Output.Format.Count(schedule.EverySteps, "step")}"));
        if (schedule.AdaptiveFraction > 0) when.Add(string.Create(c, $"when ‖∇L‖² < {schedule.AdaptiveFraction} × its peak (≥ {Output.Format.Count(schedule.AdaptiveMinSpacing, "step")} apart)"));
        var max = schedule.MaxTeleports == int.MaxValue ? "" : string.Create(c, $", at most {schedule.MaxTeleports}");
        return string.Join("; ", when) + max;
    }

    /// <summary>
    /// A train --control run: the points and the policy applied there, and no ascent settings (it printed "10 log-ascent
    /// steps of η 0.5 …" for a run that ascends nothing).
    /// </summary>
    public static string Control(RunSettings s) =>
        $"control arm (no teleport): optimizer state {TeleportTrainingOptions.PolicyName(s.OptimizerState)} at the points of teleport: {When(s.Schedule)}";

    public static string Teleport(RunSettings s, int trainCount)
    {
        var c = CultureInfo.InvariantCulture;
        var cap = double.IsPositiveInfinity(s.GradNormSquaredCap) ? "no cap" : string.Create(c, $"‖∇L‖² cap {Format(s.GradNormSquaredCap)}");
        var lookahead = s.Lookahead > 0 ? string.Create(c, $", look-ahead {Output.Format.Count(s.Lookahead, "step")}") : "";
        var method = s.Method switch
        {
            TeleportMethod.LevelSet => string.Create(c, $"level-set SLP, {Output.Format.Count(s.LevelSet.Steps, "iteration")} of ρ {Format(s.LevelSet.StepSize)} ({(s.LevelSet.LineSearch ? "line search" : "no line search")}, {(s.LevelSet.SubLevel ? "sub-level" : "level")} constraint, {Output.Format.Count(s.LevelSet.Restorations, "restoration step")})"),
            TeleportMethod.NullSpace => string.Create(c, $"null-space ascent (τ {Format(s.NullSpace.Threshold)}),"),
            _ => "",
        };
        if (s.Method == TeleportMethod.LevelSet)
            return string.Create(c, $"teleport: {When(s.Schedule)}; {method} on {TeleportSamples(s, trainCount)}, {cap}, optimizer state {TeleportTrainingOptions.PolicyName(s.OptimizerState)}{lookahead}");
        return string.Create(c,
            $"teleport: {When(s.Schedule)}; {method}{(method.Length > 0 ? " " : "")}{s.TeleportSteps} {(s.LogarithmicAscent ? "log" : "raw")}-ascent {Output.Format.Noun(s.TeleportSteps, "step")} of η {Format(s.TeleportLearningRate)} on {TeleportSamples(s, trainCount)}, "
            + $"{(s.Method != TeleportMethod.Group ? "" : s.Symmetries == SymmetrySet.All ? "all symmetries, " : "exact symmetries, ")}{cap}, optimizer state {TeleportTrainingOptions.PolicyName(s.OptimizerState)}{lookahead}");
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
