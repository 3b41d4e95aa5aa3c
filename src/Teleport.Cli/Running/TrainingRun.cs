using System;
using System.Collections.Generic;
using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Cli.Running;

/// <summary>
/// One training run as the command line sets it up: the model initialised from the seed, the optimizer,
/// the trainer with its callbacks (teleport or control, an optional stop, progress and epoch lines), and
/// the configuration for its run record.
/// </summary>
internal sealed class TrainingRun
{
    private readonly ProgressCallback _progress;
    private readonly RecordFields _config;

    public TrainingRun(string command, RunArm arm, string label, RunSettings settings, ModelEntry entry, LoadedData data, ConsoleOutput output)
    {
        Label = label;
        Model = output.Host.CreateModel?.Invoke(entry) ?? entry.Create();
        entry.Initialize(Model, settings.Seed);
        Optimizer = OptimizerFactory.Create<float>(settings.Optimizer, settings.OptimizerSettings, Model.Info.ParameterCount);
        var teleport = arm == RunArm.Baseline ? null : settings.TeleportOptions(control: arm == RunArm.Control);
        _config = RunConfig.Describe(command, ArmName(arm), settings, entry, data, Optimizer, settings.TrainerOptions, teleport);
        // The optimizer is created here and the tool has no learning-rate schedule: a resume checks the checkpoint's lr and
        // step count against that (an edited lr in trainer.json trained on silently).
        var trainerOptions = settings.TrainerOptions with { RunIdentity = RunIdentity.Of(_config, arm), OwnsOptimizer = true };
        var callbacks = new List<ITrainingCallback>();
        if (teleport is not null) callbacks.Add(Teleport = new TeleportCallback(Model, teleport));
        if (settings.StopAfterSteps is { } stop) callbacks.Add(new StopAfterSteps(stop));
        var batches = global::Teleport.Data.BatchSampler.CountBatches(data.Train.Count, settings.BatchSize);
        _progress = new ProgressCallback(output, label, (long)batches * settings.Epochs, settings.Epochs);
        callbacks.Add(_progress);
        Trainer = new Trainer(Model, Optimizer, data.Train, data.Test, trainerOptions, callbacks);
    }

    /// <summary>The label of its lines and progress bar.</summary>
    public string Label { get; }

    public ITeleportable<float> Model { get; }

    public Optimizer<float> Optimizer { get; }

    public Trainer Trainer { get; }

    /// <summary>The teleport (or control) callback, if any.</summary>
    public TeleportCallback? Teleport { get; }

    /// <summary>Trains (with a progress bar on a terminal) until done, interrupted or stopped.</summary>
    public TrainingStatus Run(ConsoleOutput output) => output.Train(Trainer, _progress);

    /// <summary>The run record so far.</summary>
    public RunRecord Record() => Trainer.History.ToRunRecord(_config, Summary());

    private RecordFields Summary()
    {
        var history = Trainer.History;
        var summary = new RecordFields().Add("teleports", history.Teleports.Count);
        if (history.Epochs.Count == 0) return summary;
        var last = history.Epochs[^1];
        foreach (var (key, value) in SummaryOfLastEpoch) summary.Add(key, RecordValue.FromNullable(value(last)));
        return summary;
    }

    /// <summary>
    /// The summary's values that repeat the last epoch, in the order written: the one list the writer above and
    /// <c>report</c>'s check of an edited summary (<see cref="Reports.ReportValues"/>) both read.
    /// </summary>
    public static IReadOnlyList<(string Key, Func<EpochRecord, double?> Value)> SummaryOfLastEpoch { get; } =
    [
        ("final_train_loss", e => e.TrainLoss),
        ("final_test_loss", e => e.TestLoss),
        ("final_test_accuracy", e => e.TestAccuracy),
        ("wall_seconds", e => e.WallSeconds),
        ("steps", e => e.Steps),
    ];

    public static string ArmName(RunArm arm) => arm switch
    {
        RunArm.Baseline => "baseline",
        RunArm.Teleport => "teleport",
        _ => "control",
    };
}
