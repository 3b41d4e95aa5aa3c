using System;
using System.CommandLine;
using System.Globalization;
using System.Collections.Generic;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.MetaLearning;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport meta [--train-tasks N] [--steps S] [--test-tasks M] [--form lie|exact] [--seed K] [--out FILE.json]</c>:
/// the paper's Figure 6 protocol for LSTM(lr, tele) on the 20×20 regression tasks, with two control arms — GD
/// (step 3e-4) and LSTM(lr), the same network and schedule meta-trained with the teleport off — and a table of the
/// test loss (mean ± std over the test tasks) at chosen steps.
/// </summary>
internal static class MetaCommand
{
    private const int Size = 20;

    public static Command Create(CliHost host)
    {
        var trainTasks = CliOption.Integer("--train-tasks", "Meta-training trajectories (tasks), each of --steps steps (the paper: 30).", 30, ValueRange<int>.Between(1, 10_000));
        var steps = CliOption.Integer("--steps", "Inner steps per trajectory, in windows of 10 (the paper: 300).", 300, ValueRange<int>.Between(1, 100_000));
        var testTasks = CliOption.Integer("--test-tasks", "Test tasks (the paper: 5).", 5, ValueRange<int>.Between(1, 1000));
        var form = CliOption.Choice("--form", "The teleport of U: lie (the paper's U(I − T̂)) or exact (U(I + T̂)⁻¹, the loss-preserving ablation).", "lie", "lie", "exact");
        var seed = CliOption.Integer("--seed", "Seeds the meta-network's initial parameters (the same for both LSTM arms).", 0, ValueRange<int>.Any);
        var output = CliOption.File("--out", "Write every arm's test losses, step sizes, teleport loss changes and meta-losses as JSON here (atomically).");
        var command = new Command("meta", "Learning to teleport (Figure 6): meta-train LSTM(lr, tele) and LSTM(lr) on regression tasks, test them against GD.")
            { trainTasks, steps, testTasks, form, seed, output };
        command.SetAction(result => CommandErrors.Guard(host, () => Execute(host,
            new MetaProtocol { TrainTasks = result.GetValue(trainTasks), Steps = result.GetValue(steps), TestTasks = result.GetValue(testTasks), Seed = result.GetValue(seed) },
            result.GetValue(form) == "exact" ? TeleportForm.ExactInverse : TeleportForm.Lie,
            result.GetValue(output))));
        return command;
    }

    private static int Execute(CliHost host, MetaProtocol protocol, TeleportForm form, string? outPath)
    {
        var inv = CultureInfo.InvariantCulture;
        var started = DateTime.UtcNow;
        ArmResult Arm(MetaVariant variant)
        {
            var learner = MetaNetworks.Create(variant, new MetaSettings { Form = form }, protocol.Seed);
            var name = variant.Title();
            var metaLosses = MetaExperiment.Train(learner, Size, protocol, (task, last) =>
                host.Out.WriteLine(string.Create(inv, $"  {name}: task {task}/{protocol.TrainTasks} trained, last window's meta-loss {last:G4}")),
                host.Cancellation);
            return MetaExperiment.Test(name, learner, Size, protocol, metaLosses, host.Cancellation);
        }

        new PathPlan().OutputFile("--out", outPath).Check();
        if (host.Cancellation.IsCancellationRequested) return ExitCodes.Interrupted;
        host.Out.WriteLine(string.Create(inv, $"Meta-training on {Format.Count(protocol.TrainTasks, "task")} × {Format.Count(protocol.Steps, "step")} (windows of 10, Adam {protocol.MetaLearningRate:G3}), teleport form {MetaLearner.FormName(form)}; testing on {Format.Count(protocol.TestTasks, "task")}."));
        ArmResult[] arms;
        try
        {
            var tele = Arm(MetaVariant.LearnedRateTeleport);
            var lr = Arm(MetaVariant.LearnedRate);
            arms = [MetaExperiment.GradientDescent(Size, protocol, host.Cancellation), lr, tele];
        }
        catch (OperationCanceledException) when (host.Cancellation.IsCancellationRequested)
        {
            // Ctrl+C stops between two windows of meta-training or testing (it went on to test both arms); nothing is written.
            new ConsoleOutput(host).Notice("meta stopped before its last task; no output written");
            return ExitCodes.Interrupted;
        }
        host.Out.WriteLine();
        MetaTable.Write(host.Out, arms, protocol.Steps);
        host.Out.WriteLine(string.Create(inv, $"Elapsed {(DateTime.UtcNow - started).TotalSeconds:F1} s."));
        if (outPath is not null)
            MetaTable.WriteJson(outPath, new MetaSettingsJson()
                .Add("train_tasks", protocol.TrainTasks)
                .Add("steps", protocol.Steps)
                .Add("test_tasks", protocol.TestTasks)
                .Add("seed", protocol.Seed)
                .Add("form", MetaLearner.FormName(form)), arms);
        return ExitCodes.Success;
    }
}
