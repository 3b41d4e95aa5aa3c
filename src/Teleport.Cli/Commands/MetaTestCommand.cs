using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Reports;
using Teleport.Cli.Reports.Meta;
using Teleport.Cli.Running;
using Teleport.MetaLearning;
using Teleport.Serialization;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport meta-test --meta A.safetensors [--meta B.safetensors …] [--test-tasks M] [--steps S] [--out FILE.json] [--report DIR]</c>:
/// runs meta-trained optimisers (saved by <c>meta-train</c>) without meta-updates on the held-out test tasks (seeds
/// n²·12345), next to GD with step 3e-4, and prints the test loss (mean ± std over the tasks) by step; <c>--report</c>
/// writes report.md and the figures (loss by step and by wall time, step sizes, teleport loss changes).
/// </summary>
internal static class MetaTestCommand
{
    public static Command Create(CliHost host)
    {
        var meta = CliOption.FileList("--meta", "Meta-network files written by meta-train (one column each).");
        meta.Required = true;
        var testTasks = CliOption.Integer("--test-tasks", "Held-out test tasks (the paper: 5).", 5, ValueRange<int>.Between(1, 1000));
        var steps = CliOption.OptionalInteger("--steps", "Inner steps per test task (default: the first file's variant's, 300 for lr variants, 100 for update variants).", ValueRange<int>.Between(1, 100_000));
        var output = CliOption.File("--out", "Write every arm's test losses, step sizes and teleport loss changes as JSON here (atomically).");
        var family = CliOption.Choice("--task-family", "The test tasks' data: paper (X, Y from U[0, 1), the tasks meta-training used) or gaussian (X, Y from N(0, 1): a family the paper did not try, to test transfer).", "paper", "paper", "gaussian");
        var report = CliOption.Folder("--report", "Write a report folder: report.md (learners, GD, the table) and figures of the test loss by step (first 30, all) and by wall time, the step sizes and the teleports' loss changes (mean ± std bands).");
        var command = new Command("meta-test", "Learning to teleport (Figure 6): test meta-trained optimisers on the held-out tasks against GD.")
            { meta, testTasks, steps, family, output, report };
        command.SetAction(result => CommandErrors.Guard(host, () =>
            Execute(host, result.GetValue(meta)!, result.GetValue(testTasks), result.GetValue(steps),
                result.GetValue(family) == "gaussian" ? TaskFamily.Gaussian : TaskFamily.Paper, result.GetValue(output), result.GetValue(report))));
        return command;
    }

    /// <summary>
    /// Each file's name in the arms' labels: its name without the extension, or the path as given (without the extension)
    /// where two files share a name. The same file twice is a usage error: it made two arms of one learner, with one label.
    /// </summary>
    private static string[] LearnerNames(string[] paths)
    {
        PathPlan.EachOnce("--meta", paths, "each file is one learner");
        var stems = Array.ConvertAll(paths, p => Path.GetFileNameWithoutExtension(p));
        var names = new string[paths.Length];
        for (var i = 0; i < paths.Length; i++)
            names[i] = Array.FindAll(stems, s => s == stems[i]).Length > 1 ? Path.ChangeExtension(paths[i], null) : stems[i];
        return names;
    }

    private static int Execute(CliHost host, string[] paths, int testTasks, int? steps, TaskFamily family, string? outPath, string? reportFolder)
    {
        var inv = CultureInfo.InvariantCulture;
        new PathPlan().InputFiles("--meta", paths).OutputFile("--out", outPath).OutputFolder("--report", reportFolder).Check();
        if (reportFolder is not null) ReportFolder.Check(reportFolder, MetaReport.TestFiles);
        var learners = new List<(string Name, MetaLearner Learner)>();
        var names = LearnerNames(paths);
        for (var i = 0; i < paths.Length; i++)
        {
            var path = paths[i];
            var file = SafeTensors.Read(path);
            var variant = MetaLearner.VariantOf(file, path);
            var form = MetaLearner.FormOf(file, path);
            // Initialised as meta-train did (its "seed"): the parameters meta-training leaves untouched then match, which
            // tells an lr file from an lr-tele one — they share every tensor (MetaFileVariant).
            var seed = variant.LearnsUpdate() ? 0 : MetaFileVariant.SeedOf(file, path);
            var learner = MetaNetworks.Create(variant, new MetaSettings { Form = form }, seed);
            var initial = learner.Networks[0].Parameters.ToArray();
            learner.Load(file, path);
            MetaFileVariant.Check(learner, initial, seed, path);
            learners.Add(($"{variant.Title()} [{names[i]}]", learner));
        }
        // Ctrl+C: the files are checked, nothing is run or written.
        if (host.Cancellation.IsCancellationRequested) return ExitCodes.Interrupted;
        var protocol = learners[0].Learner.Variant.Protocol() with { TestTasks = testTasks, Family = family };
        if (steps is { } s) protocol = protocol with { Steps = s };
        host.Out.WriteLine(string.Create(inv, $"Testing on {Format.Count(protocol.TestTasks, "held-out task")} (seeds n²·12345, {(family == TaskFamily.Paper ? "the paper's U[0, 1) data" : "Gaussian data: a family meta-training did not see")}) × {Format.Count(protocol.Steps, "step")}; GD with step {protocol.GradientDescentStepSize:G3}."));
        // Warm-up: one short run of every arm on the first task first, so the recorded wall times (loss by wall time)
        // hold no JIT compilation; each run starts its own optimiser state, so the recorded losses are unchanged.
        var warmUp = protocol with { TestTasks = 1, Steps = Math.Min(protocol.Steps, 10) };
        var arms = new List<ArmResult>();
        var times = new List<string>();
        try
        {
            // Ctrl+C (or SIGTERM) stops before the next task: nothing is written, as no table would be whole.
            MetaExperiment.GradientDescent(MetaTrainCommand.Size, warmUp, host.Cancellation);
            foreach (var (name, learner) in learners) MetaExperiment.Test(name, learner, MetaTrainCommand.Size, warmUp, [], host.Cancellation);
            arms.Add(MetaExperiment.GradientDescent(MetaTrainCommand.Size, protocol, host.Cancellation));
            foreach (var (name, learner) in learners)
            {
                var started = DateTime.UtcNow;
                arms.Add(MetaExperiment.Test(name, learner, MetaTrainCommand.Size, protocol, [double.NaN], host.Cancellation));
                times.Add(string.Create(inv, $"{name} {(DateTime.UtcNow - started).TotalSeconds:F2} s"));
            }
        }
        catch (OperationCanceledException) when (host.Cancellation.IsCancellationRequested)
        {
            new ConsoleOutput(host).Notice("meta-test stopped before its last task; no output written");
            return ExitCodes.Interrupted;
        }
        host.Out.WriteLine();
        MetaTable.Write(host.Out, arms, protocol.Steps);
        host.Out.WriteLine("Test time (all tasks): " + string.Join(", ", times) + ".");
        // All or none, as train's outputs: --out used to be written before the report was tried.
        var files = new List<(string Name, string File)>();
        for (var i = 0; i < learners.Count; i++) files.Add((learners[i].Name, paths[i]));
        new RunOutputs()
            .File("--out", outPath, stream => stream.Write(MetaTable.Json(new MetaSettingsJson()
                .Add("steps", protocol.Steps)
                .Add("test_tasks", protocol.TestTasks)
                .Add("task_family", family == TaskFamily.Paper ? "paper" : "gaussian")
                .Add("meta", string.Join(",", paths)), arms)))
            .Write(new ConsoleOutput(host), reportFolder is null ? null : () =>
            {
                MetaReport.WriteTest(reportFolder, protocol, files, arms);
                return $"wrote report {TerminalText.Path(Path.Combine(reportFolder, ReportFiles.Markdown))} and its figures";
            });
        return ExitCodes.Success;
    }
}
