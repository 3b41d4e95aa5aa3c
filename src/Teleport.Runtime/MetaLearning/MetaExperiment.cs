using System;
using System.Collections.Generic;
using Teleport.Optimizers;

namespace Teleport.MetaLearning;

/// <summary>The protocol's sizes (the paper's LSTM(lr, tele) row by default: 30 training tasks × 300 steps, 5 test tasks × 300 steps).</summary>
public sealed record MetaProtocol
{
    public int TrainTasks { get; init; } = 30;
    public int Steps { get; init; } = 300;
    public int TestTasks { get; init; } = 5;
    public double MetaLearningRate { get; init; } = 1e-4;
    public double GradientDescentStepSize { get; init; } = 3e-4;
    public int Seed { get; init; }

    /// <summary>The task of size <paramref name="size"/> with the paper's seeds: n²·12345 (test) and n²·12345 − 1 (training).</summary>
    public static RegressionTask Task(int size, int n, bool test) => new(size, n * n * 12345 - (test ? 0 : 1));
}

/// <summary>Losses of one arm on the test tasks: [task, step], the step sizes it used, and the loss changes its teleports caused.</summary>
public sealed record ArmResult(string Name, double[][] Losses, double[][] StepSizes, double[][] TeleportLossChanges, double[] MetaLosses)
{
    /// <summary>Mean and standard deviation over the test tasks of the loss before step <paramref name="step"/>.</summary>
    public (double Mean, double Std) At(int step)
    {
        double sum = 0, squares = 0;
        foreach (var run in Losses) sum += run[step];
        var mean = sum / Losses.Length;
        foreach (var run in Losses) squares += (run[step] - mean) * (run[step] - mean);
        return (mean, Losses.Length > 1 ? Math.Sqrt(squares / (Losses.Length - 1)) : 0);
    }
}

/// <summary>
/// The Figure 6 protocol for LSTM(lr, tele) at the paper's task size: meta-train a network (Adam on the first-order
/// meta-gradient of every window) over the training tasks, then run it without meta-updates on the test tasks; the
/// control arms are GD with a fixed step size, and the same network and schedule trained with the teleport switched
/// off (LSTM(lr)), from the same initial meta-parameters.
/// </summary>
public static class MetaExperiment
{
    /// <summary>Meta-trains <paramref name="network"/> in place; returns the meta-loss (Σ L over the window) of every window.</summary>
    /// <remarks>A cancelled <paramref name="cancellation"/> stops before the next task (the network keeps what it learnt).</remarks>
    public static double[] Train(IRecurrentModel<double> network, int size, MetaSettings settings, MetaProtocol protocol, Action<int, double>? progress = null,
        System.Threading.CancellationToken cancellation = default)
    {
        var adam = new Adam<double>(network.Parameters.Length, new OptimizerSettings { LearningRate = protocol.MetaLearningRate });
        var gradient = new double[network.Parameters.Length];
        var windows = (protocol.Steps + settings.Window - 1) / settings.Window;
        var metaLosses = new List<double>();
        for (var task = 0; task < protocol.TrainTasks && !cancellation.IsCancellationRequested; task++)
        {
            var optimizer = new LearnedTeleportOptimizer(network, MetaProtocol.Task(size, task, test: false), settings);
            for (var w = 0; w < windows; w++)
            {
                var steps = Math.Min(settings.Window, protocol.Steps - w * settings.Window);
                var metaLoss = optimizer.RunWindow(steps);
                if (!double.IsFinite(metaLoss)) break; // a diverged trajectory ends; the next task starts afresh
                optimizer.MetaGradient(gradient);
                adam.Step(network.Parameters, gradient);
                metaLosses.Add(metaLoss);
            }
            progress?.Invoke(task + 1, metaLosses.Count > 0 ? metaLosses[^1] : double.NaN);
        }
        return metaLosses.ToArray();
    }

    /// <summary>Runs a (meta-trained) network's inner optimisation on the test tasks, without meta-updates.</summary>
    public static ArmResult Test(string name, IRecurrentModel<double> network, int size, MetaSettings settings, MetaProtocol protocol, double[] metaLosses)
    {
        var losses = new double[protocol.TestTasks][];
        var stepSizes = new double[protocol.TestTasks][];
        var changes = new double[protocol.TestTasks][];
        for (var task = 0; task < protocol.TestTasks; task++)
        {
            var optimizer = new LearnedTeleportOptimizer(network, MetaProtocol.Task(size, task, test: true), settings);
            losses[task] = new double[protocol.Steps];
            stepSizes[task] = new double[protocol.Steps];
            changes[task] = new double[protocol.Steps];
            for (var done = 0; done < protocol.Steps;)
            {
                var steps = Math.Min(settings.Window, protocol.Steps - done);
                optimizer.RunWindow(steps);
                Array.Copy(optimizer.Losses, 0, losses[task], done, steps);
                Array.Copy(optimizer.StepSizes, 0, stepSizes[task], done, steps);
                Array.Copy(optimizer.TeleportLossChanges, 0, changes[task], done, steps);
                done += steps;
            }
        }
        return new ArmResult(name, losses, stepSizes, changes, metaLosses);
    }

    /// <summary>Gradient descent with a fixed step size on the test tasks: the loss before each step.</summary>
    public static ArmResult GradientDescent(int size, MetaProtocol protocol)
    {
        var losses = new double[protocol.TestTasks][];
        var stepSizes = new double[protocol.TestTasks][];
        var changes = new double[protocol.TestTasks][];
        for (var t = 0; t < protocol.TestTasks; t++)
        {
            var task = MetaProtocol.Task(size, t, test: true);
            var w = (double[])task.InitialWeights.Clone();
            var g = new double[w.Length];
            losses[t] = new double[protocol.Steps];
            stepSizes[t] = new double[protocol.Steps];
            changes[t] = new double[protocol.Steps];
            for (var e = 0; e < protocol.Steps; e++)
            {
                losses[t][e] = task.LossAndGradient(w, g);
                stepSizes[t][e] = protocol.GradientDescentStepSize;
                for (var i = 0; i < w.Length; i++) w[i] -= protocol.GradientDescentStepSize * g[i];
            }
        }
        return new ArmResult("GD", losses, stepSizes, changes, Array.Empty<double>());
    }
}
