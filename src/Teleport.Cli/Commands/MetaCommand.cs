using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.MetaLearning;
using Teleport.Serialization;

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
        ArmResult Arm(string name, bool teleport)
        {
            var network = new MetaTeleporter();
            network.InitializeParameters(protocol.Seed);
            var meta = network.ToFloat64();
            var settings = new MetaSettings { Teleport = teleport, Form = form };
            var metaLosses = MetaExperiment.Train(meta, Size, settings, protocol, (task, last) =>
                host.Out.WriteLine(string.Create(inv, $"  {name}: task {task}/{protocol.TrainTasks} trained, last window's meta-loss {last:G4}")),
                host.Cancellation);
            return MetaExperiment.Test(name, meta, Size, settings, protocol, metaLosses);
        }

        new PathPlan().OutputFile("--out", outPath).Check();
        if (host.Cancellation.IsCancellationRequested) return ExitCodes.Interrupted;
        host.Out.WriteLine(string.Create(inv, $"Meta-training on {protocol.TrainTasks} tasks × {protocol.Steps} steps (windows of 10, Adam {protocol.MetaLearningRate:G3}), teleport form {form}; testing on {protocol.TestTasks} tasks."));
        var tele = Arm("LSTM(lr, tele)", teleport: true);
        var lr = Arm("LSTM(lr)", teleport: false);
        // Ctrl+C stops meta-training between two tasks; nothing is written.
        if (host.Cancellation.IsCancellationRequested) return ExitCodes.Interrupted;
        var gd = MetaExperiment.GradientDescent(Size, protocol);
        var arms = new[] { gd, lr, tele };

        host.Out.WriteLine();
        host.Out.WriteLine("Test loss before step e (mean ± std over the test tasks):");
        host.Out.WriteLine(string.Create(inv, $"{"e",6}  {"GD",24}  {"LSTM(lr)",24}  {"LSTM(lr, tele)",24}"));
        foreach (var e in new[] { 0, 1, 2, 5, 10, 20, 29, 50, 100, 200, 299, protocol.Steps - 1 })
        {
            if (e >= protocol.Steps) continue;
            var line = string.Create(inv, $"{e,6}");
            foreach (var arm in arms)
            {
                var (mean, std) = arm.At(e);
                line += string.Create(inv, $"  {mean,12:G5} ± {std,-9:G3}");
            }
            host.Out.WriteLine(line);
            if (e == protocol.Steps - 1) break;
        }
        double meanChange = 0, meanStep = 0;
        var count = 0;
        for (var t = 0; t < tele.Losses.Length; t++)
            for (var e = 0; e < protocol.Steps; e++)
            {
                meanChange += Math.Abs(tele.TeleportLossChanges[t][e]);
                meanStep += tele.StepSizes[t][e];
                count++;
            }
        host.Out.WriteLine(string.Create(inv, $"LSTM(lr, tele): mean |ΔL| per teleport {meanChange / count:G3}, mean learned step size {meanStep / count:G3}."));
        host.Out.WriteLine(string.Create(inv, $"Elapsed {(DateTime.UtcNow - started).TotalSeconds:F1} s."));
        if (outPath is not null) Write(outPath, protocol, form, arms);
        return ExitCodes.Success;
    }

    private static void Write(string path, MetaProtocol protocol, TeleportForm form, ArmResult[] arms)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("train_tasks", protocol.TrainTasks);
            json.WriteNumber("steps", protocol.Steps);
            json.WriteNumber("test_tasks", protocol.TestTasks);
            json.WriteNumber("seed", protocol.Seed);
            json.WriteString("form", form == TeleportForm.Lie ? "lie" : "exact");
            json.WriteStartArray("arms");
            foreach (var arm in arms)
            {
                json.WriteStartObject();
                json.WriteString("name", arm.Name);
                Matrix(json, "losses", arm.Losses);
                Matrix(json, "step_sizes", arm.StepSizes);
                Matrix(json, "teleport_loss_changes", arm.TeleportLossChanges);
                json.WriteStartArray("meta_losses");
                foreach (var v in arm.MetaLosses) Number(json, v);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    private static void Matrix(Utf8JsonWriter json, string name, double[][] rows)
    {
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            json.WriteStartArray();
            foreach (var v in row) Number(json, v);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    // JSON has no NaN or infinity: a diverged run's values are written as null.
    private static void Number(Utf8JsonWriter json, double v)
    {
        if (double.IsFinite(v)) json.WriteNumberValue(v);
        else json.WriteNullValue();
    }
}
