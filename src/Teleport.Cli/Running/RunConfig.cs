using System.Collections.Generic;
using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Cli.Running;

/// <summary>
/// A run record's <c>"config"</c>: every command-line option as used (after the preset and the defaults,
/// under its option name in snake_case), then the resolved details — data, model, optimizer settings,
/// trainer options and teleport options.
/// </summary>
internal static class RunConfig
{
    public static RecordFields Describe(string command, string arm, RunSettings s, ModelEntry model, LoadedData data,
        Optimizer<float> optimizer, TrainerOptions trainer, TeleportTrainingOptions? teleport)
    {
        var epochs = new List<double>();
        foreach (var e in s.Schedule.Epochs) epochs.Add(e);
        var teleporting = teleport is { ControlOnly: false };
        return new RecordFields()
            .Add("command", command)
            .Add("arm", arm)
            .Add("dataset", DatasetCatalog.Name(s.Dataset))
            .Add("data", s.DataDirectory is { } d ? d : RecordValue.Null)
            .Add("model", s.Model)
            .Add("optimizer", OptimizerFields.KindName(s.Optimizer))
            .Add("lr", optimizer.LearningRate)
            .Add("momentum", optimizer.Settings.Momentum is { } m ? m : RecordValue.Null)
            .Add("epochs", s.Epochs)
            .Add("batch_size", s.BatchSize)
            .Add("seed", s.Seed)
            .Add("split_seed", s.SplitSeed)
            .Add("shuffle", s.Shuffle)
            .Add("out", s.Out is { } o ? o : RecordValue.Null)
            .Add("teleport", teleporting ? "gradnorm" : "none")
            .Add("teleport_epochs", RecordValue.FromNumbers(epochs))
            .Add("teleport_count", s.Schedule.CountPerEpoch)
            .Add("teleport_every", s.Schedule.EverySteps)
            .Add("teleport_adaptive", s.Schedule.AdaptiveFraction)
            .Add("teleport_min_spacing", s.Schedule.AdaptiveMinSpacing)
            .Add("teleport_max", s.Schedule.MaxTeleports == int.MaxValue ? RecordValue.Null : s.Schedule.MaxTeleports)
            .Add("teleport_batch", s.TeleportBatch)
            .Add("teleport_steps", s.TeleportSteps)
            .Add("teleport_lr", s.TeleportLearningRate)
            .Add("ascent", s.LogarithmicAscent ? "log" : "raw")
            .Add("symmetries", s.Symmetries == Teleportation.SymmetrySet.All ? "all" : "exact")
            .Add("teleport_method", Options.SettingsBinder.MethodName(s.Method))
            .Add("level_set_steps", s.LevelSet.Steps)
            .Add("level_set_rho", s.LevelSet.StepSize)
            .Add("level_set_line_search", s.LevelSet.LineSearch)
            .Add("level_set_mode", s.LevelSet.SubLevel ? "sub-level" : "level")
            .Add("level_set_restorations", s.LevelSet.Restorations)
            .Add("null_space_tau", s.NullSpace.Threshold)
            .Add("teleport_cap", double.IsPositiveInfinity(s.GradNormSquaredCap) ? RecordValue.Null : s.GradNormSquaredCap) // no cap: null, not "Infinity"
            .Add("optimizer_state", TeleportTrainingOptions.PolicyName(s.OptimizerState))
            .Add("teleport_lookahead", s.Lookahead)
            .Add("control", teleport is { ControlOnly: true })
            .Add("paper", s.Paper)
            .Add("paper_protocol", s.PaperProtocol)
            .Add("checkpoint", s.CheckpointDirectory is { } c ? c : RecordValue.Null)
            .Add("resume", s.Resume)
            .Add("checkpoint_every", s.CheckpointEvery)
            .Add("limit_train", s.LimitTrain is { } lt ? lt : RecordValue.Null)
            .Add("limit_test", s.LimitTest is { } ls ? ls : RecordValue.Null)
            .Add("epochs_are", "1-based (teleport_epochs and the records' epoch numbers)")
            .Add("data_used", data.Describe(DatasetCatalog.Name(s.Dataset), s.SplitSeed))
            .Add("model_info", new RecordFields()
                .Add("name", model.Name)
                .Add("network", model.Info.Name)
                .Add("inputs", model.Info.InputSize)
                .Add("outputs", model.Info.OutputSize)
                .Add("parameters", model.Info.ParameterCount)
                .Add("loss", model.Info.Loss.ToString())
                .Add("initialization", model.InitializationName))
            .Add("optimizer_settings", OptimizerFields.Describe(optimizer))
            .Add("trainer", trainer.Describe())
            .Add("teleport_options", teleport is null ? RecordValue.Null : teleport.Describe());
    }
}
