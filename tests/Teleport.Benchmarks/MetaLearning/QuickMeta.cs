using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using Teleport.Cli.Bench;
using Teleport.Kernels;
using Teleport.MetaLearning;
using Teleport.Optimizers;

namespace Teleport.Benchmarks.MetaLearning;

/// <summary>The meta-network of LSTM(lr, tele) (as the CLI's MetaTeleporter): 800 gradient entries → T and the step size.</summary>
[Network(Inputs = 800, Loss = LossKind.MeanSquaredError)]
[Lstm(20)]
[Lstm(20)]
[Dense(401)]
public partial class BenchMetaTeleporter { }

/// <summary>The meta-network of LSTM(update) (as the CLI's MetaUpdater): 800 gradient entries → the update.</summary>
[Network(Inputs = 800, Loss = LossKind.MeanSquaredError)]
[Lstm(300)]
[Lstm(300)]
[Dense(800)]
public partial class BenchMetaUpdater { }

/// <summary>
/// The learning-to-teleport loop's cost (<c>-- quick-meta [reps] [out.json]</c>), the same cases as
/// docs/experiments/meta_vs_pytorch.py, one thread, double: one meta-training step (a window of 10 inner steps, the
/// meta-gradient, Adam) of LSTM(lr, tele) first and second order and of LSTM(update), and one meta-test run (300 inner
/// steps of LSTM(lr, tele)). Medians of wall time per repetition; JSON like the PyTorch script's.
/// </summary>
internal static class QuickMeta
{
    /// <summary>
    /// Untimed repetitions first: a member called once per window (MetaGradient, WindowGradient, Adam) reaches the
    /// JIT's optimised tier after 30 calls; measured before that, a window was 15× slower. (PyTorch needs no such
    /// warm-up: its script runs 3.)
    /// </summary>
    private const int WarmUp = 35;

    public static void Run(int reps, string? outPath)
    {
        MatrixMultiply.MaxThreads = 1;
        var task = new RegressionTask(20, seed: -1);
        var cases = new List<(string Name, Dictionary<string, double> Result)>();

        var lrNetwork = new BenchMetaTeleporter();
        lrNetwork.InitializeParameters(0);
        var lr = lrNetwork.ToFloat64();
        foreach (var secondOrder in new[] { false, true })
        {
            var learner = new MetaLearner(MetaVariant.LearnedRateTeleport, new MetaSettings { SecondOrder = secondOrder }, lr);
            cases.Add((secondOrder ? "lr_tele_window_2nd" : "lr_tele_window", Timed(TrainingStep(learner, task, 1e-4), WarmUp, reps)));
        }

        var updateNetwork = new BenchMetaUpdater();
        updateNetwork.InitializeParameters(0);
        var update = updateNetwork.ToFloat64();
        // Small updates, so that the timed windows do not diverge (as the PyTorch script).
        for (var i = 0; i < update.Parameters.Length; i++) update.Parameters[i] *= 0.1;
        var updateLearner = new MetaLearner(MetaVariant.LearnedUpdate, new MetaSettings(), update);
        cases.Add(("update_window", Timed(TrainingStep(updateLearner, task, 1e-3), WarmUp, Math.Max(3, reps / 2))));

        var testLearner = new MetaLearner(MetaVariant.LearnedRateTeleport, new MetaSettings(), lr);
        cases.Add(("lr_tele_test", Timed(() =>
        {
            var optimizer = testLearner.Optimizer(task);
            for (var w = 0; w < 30; w++) optimizer.RunWindow(10);
        }, WarmUp, Math.Max(3, reps / 4))));

        var json = new StringBuilder("{\n \"threads\": 1,\n \"cases\": {\n");
        for (var i = 0; i < cases.Count; i++)
        {
            var (name, result) = cases[i];
            json.Append(CultureInfo.InvariantCulture, $"  \"{name}\": {{\"median_s\": {result["median_s"]:R}, \"min_s\": {result["min_s"]:R}, \"reps\": {result["reps"]:R}}}");
            json.Append(i + 1 < cases.Count ? ",\n" : "\n");
        }
        json.Append(" }\n}\n");
        Console.Write(json);
        if (outPath is not null) Teleport.Serialization.AtomicFile.WriteAllText(outPath, json.ToString());
    }

    private static Action TrainingStep(MetaLearner learner, RegressionTask task, double rate)
    {
        var network = learner.Networks[0];
        var adam = new Adam<double>(network.Parameters.Length, new OptimizerSettings { LearningRate = rate });
        var gradient = new double[network.Parameters.Length];
        var optimizer = learner.Optimizer(task);
        return () =>
        {
            optimizer.RunWindow(10);
            optimizer.MetaGradient(gradient);
            adam.Step(network.Parameters, gradient);
        };
    }

    private static Dictionary<string, double> Timed(Action work, int warmUp, int reps)
    {
        for (var i = 0; i < warmUp; i++) work();
        var samples = new double[reps];
        for (var i = 0; i < reps; i++)
        {
            var start = Stopwatch.GetTimestamp();
            work();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        return new Dictionary<string, double> { ["median_s"] = Median.Of(samples), ["min_s"] = MinOf(samples), ["reps"] = reps };
    }

    private static double MinOf(double[] values)
    {
        var min = double.PositiveInfinity;
        foreach (var v in values) min = Math.Min(min, v);
        return min;
    }
}
