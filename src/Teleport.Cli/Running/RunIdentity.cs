using System.Collections.Generic;
using Teleport.Cli.Data;
using Teleport.Cli.Options;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Cli.Running;

/// <summary>
/// The settings that decide a run's numbers, by option name and as used (after <c>--paper</c> and the defaults):
/// the trainer writes them into every checkpoint (<see cref="TrainerOptions.RunIdentity"/>), and <c>--resume</c>
/// continues only with the same values, so a run record never claims settings its numbers did not come from.
/// </summary>
/// <remarks>
/// Left out, because they do not change the numbers: where outputs go (<c>--out</c>, <c>--report</c>,
/// <c>--save-model</c>, <c>--checkpoint</c>, <c>--checkpoint-every</c>, <c>--stop-after-steps</c>) and the presets
/// themselves (<c>--paper</c>, <c>--paper-protocol</c>: their values are here). <c>--epochs</c> may grow on resume
/// (the trainer refuses fewer), and <c>--data</c> is checked by content: the trainer compares the data's
/// fingerprints, so a moved copy of the same files resumes and another folder's files do not.
/// </remarks>
internal static class RunIdentity
{
    public static RecordFields Of(RunSettings s, Optimizer<float> optimizer, RunArm arm)
    {
        var epochs = new List<double>();
        foreach (var e in s.Schedule.Epochs) epochs.Add(e);
        var teleporting = arm != RunArm.Baseline;
        var fields = new RecordFields()
            .Add("--dataset", DatasetCatalog.Name(s.Dataset))
            .Add("--model", s.Model)
            .Add("--optimizer", OptimizerFields.KindName(s.Optimizer))
            .Add("--lr", optimizer.Settings.LearningRate is { } lr ? lr : RecordValue.Null)
            .Add("--momentum", optimizer.Settings.Momentum is { } m ? m : RecordValue.Null)
            .Add("--batch-size", s.BatchSize)
            .Add("--seed", s.Seed)
            .Add("--split-seed", s.SplitSeed)
            .Add("--shuffle", s.Shuffle)
            .Add("--limit-train", s.LimitTrain is { } lt ? lt : RecordValue.Null)
            .Add("--limit-test", s.LimitTest is { } ls ? ls : RecordValue.Null)
            .Add("--teleport", arm == RunArm.Teleport ? "gradnorm" : "none")
            .Add("--control", arm == RunArm.Control);
        if (!teleporting) return fields;
        fields
            .Add("--teleport-epochs", RecordValue.FromNumbers(epochs))
            .Add("--teleport-count", s.Schedule.CountPerEpoch)
            .Add("--teleport-every", s.Schedule.EverySteps)
            .Add("--teleport-adaptive", s.Schedule.AdaptiveFraction)
            .Add("--teleport-min-spacing", s.Schedule.AdaptiveMinSpacing)
            .Add("--teleport-max", s.Schedule.MaxTeleports)
            .Add("--optimizer-state", TeleportTrainingOptions.PolicyName(s.OptimizerState));
        if (arm == RunArm.Control) return fields;
        return fields
            .Add("--teleport-batch", s.TeleportBatch)
            .Add("--teleport-steps", s.TeleportSteps)
            .Add("--teleport-lr", s.TeleportLearningRate)
            .Add("--ascent", s.LogarithmicAscent ? "log" : "raw")
            .Add("--symmetries", s.Symmetries == Teleportation.SymmetrySet.All ? "all" : "exact")
            .Add("--teleport-cap", s.GradNormSquaredCap)
            .Add("--teleport-lookahead", s.Lookahead);
    }

    /// <summary>The option a setting the trainer checks itself corresponds to (see <see cref="CheckpointMismatchException.Field"/>).</summary>
    public static string OptionOf(string field) => field switch
    {
        "batch_size" => "--batch-size",
        "seed" => "--seed",
        "order" => "--shuffle",
        "optimizer" => "--optimizer",
        "optimizer_settings.momentum" => "--momentum",
        "epochs" => "--epochs",
        "parameter_count" => "--model",
        "training_samples" or "training_data" or "test_data" => "--data",
        _ => field,
    };
}
