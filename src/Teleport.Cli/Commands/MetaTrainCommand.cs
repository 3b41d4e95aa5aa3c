using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Reports;
using Teleport.Cli.Reports.Meta;
using Teleport.Cli.Running;
using Teleport.MetaLearning;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport meta-train --variant lr-tele|lr|update|update-tele --out meta.safetensors [--train-tasks N] [--steps S]
/// [--form lie|exact] [--second-order] [--seed K] [--curve FILE.json] [--report DIR]</c>: meta-trains one learned optimiser of the
/// paper's Figure 6 on the training tasks (seeds n²·12345 − 1) with the variant's schedule and saves its networks
/// (safetensors, atomically); <c>meta-test</c> evaluates it on the held-out tasks.
/// </summary>
internal static class MetaTrainCommand
{
    public const int Size = 20;

    public static Command Create(CliHost host)
    {
        var variant = CliOption.Choice("--variant", "The learned optimiser: lr-tele (LSTM(lr, tele)), lr (its control arm), update (LSTM(update)), update-tele (LSTM(update, tele)).",
            "lr-tele", "lr-tele", "lr", "update", "update-tele");
        var output = CliOption.RequiredFile("--out", "Write the meta-network(s) here (safetensors, F64, atomically).");
        var trainTasks = CliOption.OptionalInteger("--train-tasks", "Meta-training trajectories (default: the paper's, 30 for lr variants, 600 update, 700 update-tele).", ValueRange<int>.Between(1, 100_000));
        var steps = CliOption.OptionalInteger("--steps", "Inner steps per trajectory, in windows of 10 (default: the paper's, 300 for lr variants, 100 for update variants).", ValueRange<int>.Between(1, 100_000));
        var form = CliOption.Choice("--form", "The teleport of U: lie (the paper's U(I − T̂)) or exact (U(I + T̂)⁻¹, the loss-preserving ablation).", "lie", "lie", "exact");
        var secondOrder = CliOption.Flag("--second-order", "Exact meta-gradient: differentiate through the inner gradients ∇L(W_e) too (the paper detaches them).");
        var seed = CliOption.Integer("--seed", "Seeds the meta-networks' initial parameters.", 0, ValueRange<int>.Any);
        var curve = CliOption.File("--curve", "Write the meta-loss of every window (the meta-training curve) as JSON here (atomically).");
        var report = CliOption.Folder("--report", "Write a report folder: report.md (the settings) and the meta-loss curve.");
        var command = new Command("meta-train", "Learning to teleport (Figure 6): meta-train a learned optimiser on the training tasks and save it.")
            { variant, output, trainTasks, steps, form, secondOrder, seed, curve, report };
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            MetaVariants.TryParse(result.GetValue(variant)!, out var v);
            // --variant lr --form exact printed "teleport form ExactInverse" for a learner that never teleports.
            if (!v.Teleports() && result.IsGiven(form))
                throw new UsageException($"--form shapes the teleport of U, and --variant {v.Key()} does not teleport (lr-tele and update-tele do).");
            var protocol = v.Protocol();
            protocol = protocol with
            {
                TrainTasks = result.GetValue(trainTasks) ?? protocol.TrainTasks,
                Steps = result.GetValue(steps) ?? protocol.Steps,
                Seed = result.GetValue(seed),
            };
            var settings = new MetaSettings { Form = result.GetValue(form) == "exact" ? TeleportForm.ExactInverse : TeleportForm.Lie, SecondOrder = result.GetValue(secondOrder) };
            return Execute(host, v, settings, protocol, result.GetValue(output)!, result.GetValue(curve), result.GetValue(report));
        }));
        return command;
    }

    private static int Execute(CliHost host, MetaVariant variant, MetaSettings settings, MetaProtocol protocol, string outPath, string? curvePath, string? reportFolder)
    {
        var inv = CultureInfo.InvariantCulture;
        new PathPlan().OutputFile("--out", outPath).OutputFile("--curve", curvePath).OutputFolder("--report", reportFolder).Check();
        if (reportFolder is not null) ReportFolder.Check(reportFolder, MetaReport.TrainFiles);
        if (host.Cancellation.IsCancellationRequested) return ExitCodes.Interrupted;
        var learner = MetaNetworks.Create(variant, settings, protocol.Seed);
        var rates = learner.Networks.Length > 1
            ? string.Create(inv, $"Adam {protocol.MetaLearningRate:G3} (update network) and {protocol.TeleportLearningRate:G3} (teleport network)")
            : string.Create(inv, $"Adam {protocol.MetaLearningRate:G3}");
        host.Out.WriteLine(string.Create(inv,
            $"Meta-training {variant.Title()} on {Format.Count(protocol.TrainTasks, "task")} × {Format.Count(protocol.Steps, "step")} (windows of {settings.Window}, {rates}, {(settings.SecondOrder ? "second-order" : "first-order")} meta-gradient, {(variant.Teleports() ? "teleport form " + MetaLearner.FormName(settings.Form) : "no teleport")}, seed {protocol.Seed})."));
        var every = Math.Max(1, protocol.TrainTasks / 20);
        var started = DateTime.UtcNow;
        var metaLosses = MetaExperiment.Train(learner, Size, protocol, (task, last) =>
        {
            if (task % every != 0 && task != protocol.TrainTasks) return;
            host.Out.WriteLine(string.Create(inv, $"  task {task}/{protocol.TrainTasks}, last window's meta-loss {last:G4}, {(DateTime.UtcNow - started).TotalSeconds:F1} s"));
        }, host.Cancellation);
        // Ctrl+C stops meta-training between two tasks; nothing is written.
        if (host.Cancellation.IsCancellationRequested)
        {
            new ConsoleOutput(host).Notice("meta-train stopped before its last task; no output written");
            return ExitCodes.Interrupted;
        }
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        // One list for the safetensors metadata (strings, by that format) and the curve's JSON (numbers as numbers).
        var written = new MetaSettingsJson()
            .Add("train_tasks", protocol.TrainTasks)
            .Add("steps", protocol.Steps)
            .Add("seed", protocol.Seed)
            .Add("meta_gradient", settings.SecondOrder ? "second-order" : "first-order")
            .Add("meta_learning_rate", protocol.MetaLearningRate)
            .Add("teleport_learning_rate", protocol.TeleportLearningRate)
            .Add("meta_training_seconds", Math.Round(seconds, 1));
        var metadata = written.AsText();
        var (firstTenth, lastTenth) = (Mean(metaLosses, first: true), Mean(metaLosses, first: false));
        // One window has no first and last tenth to compare ("… of the 1 windows: 4.503E+05 → 4.503E+05").
        host.Out.WriteLine(metaLosses.Length == 1
            ? string.Create(inv, $"Meta-loss (Σ L over a window) of the only window: {metaLosses[0]:G4}.")
            : string.Create(inv, $"Meta-loss (Σ L over a window), mean of the first and last 10 % of the {Format.Count(metaLosses.Length, "window")}: {firstTenth:G4} → {lastTenth:G4}."));
        if (DivergenceWarning(firstTenth, lastTenth) is { } warning) host.Out.WriteLine(warning);
        host.Out.WriteLine(string.Create(inv, $"Meta-training took {seconds:F1} s."));
        // All or none, as train's outputs: the networks were saved before the curve and the report were tried, so a
        // report that failed (a folder made impossible while meta-training ran) left --out and --curve written, exit 1.
        var settingsWithVariant = written.Add("variant", variant.Key());
        new RunOutputs()
            .File("--out", outPath, stream => stream.Write(learner.ToBytes(metadata)))
            .File("--curve", curvePath, stream => stream.Write(MetaTable.Json(settingsWithVariant,
                [new ArmResult(variant.Title(), [], [], [], metaLosses, []) { Teleports = variant.Teleports() }])))
            .Write(new ConsoleOutput(host), reportFolder is null ? null : () =>
            {
                MetaReport.WriteTrain(reportFolder, variant.Title(), outPath, settingsWithVariant.AsText(), metaLosses);
                return $"wrote report {TerminalText.Path(System.IO.Path.Combine(reportFolder, ReportFiles.Markdown))} and {MetaReport.MetaLoss}";
            });
        return ExitCodes.Success;
    }

    /// <summary>
    /// A warning when the last tenth of the windows' meta-loss is non-finite or more than <see cref="DivergedFactor"/> times
    /// the first tenth's. Meta-training can blow up late (seen: LSTM(update, tele), seed 1, the paper's 700 tasks: ~200 per
    /// window until task 665, then 1.3e8); the file is still the last state, as in the paper's code, and the line says
    /// so. Below the factor the tenths differ by which tasks they hold (2 tasks of the lr variants: ×1.2 either way).
    /// </summary>
    internal static string? DivergenceWarning(double firstTenth, double lastTenth) =>
        double.IsFinite(lastTenth) && lastTenth <= DivergedFactor * firstTenth ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"Warning: the meta-loss rose from {firstTenth:G4} to {lastTenth:G4} (first and last 10 % of the windows): meta-training diverged, and the saved networks are its last state.");

    /// <summary>How many times the first tenth's meta-loss the last tenth's may be before meta-training counts as diverged.</summary>
    internal const double DivergedFactor = 10;

    private static double Mean(double[] values, bool first)
    {
        if (values.Length == 0) return double.NaN;
        var count = Math.Max(1, values.Length / 10);
        double sum = 0;
        for (var i = 0; i < count; i++) sum += values[first ? i : values.Length - 1 - i];
        return sum / count;
    }
}
