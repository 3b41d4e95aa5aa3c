using System;
using System.Collections.Generic;
using System.Diagnostics;
using Teleport.Optimizers;

namespace Teleport.MetaLearning;

/// <summary>The protocol's sizes (the paper's LSTM(lr, tele) row by default: 30 training tasks × 300 steps, 5 test tasks × 300 steps).</summary>
public sealed record MetaProtocol
{
    public int TrainTasks { get; init; } = 30;
    public int Steps { get; init; } = 300;
    public int TestTasks { get; init; } = 5;
    public double MetaLearningRate { get; init; } = 1e-4;

    /// <summary>Adam's learning rate for the teleport network of LSTM(update, tele) (the paper: 1e-4).</summary>
    public double TeleportLearningRate { get; init; } = 1e-4;
    public double GradientDescentStepSize { get; init; } = 3e-4;
    public int Seed { get; init; }

    /// <summary>How the tasks draw their data (the paper's U[0, 1) by default).</summary>
    public TaskFamily Family { get; init; } = TaskFamily.Paper;

    /// <summary>The task of size <paramref name="size"/> with the paper's seeds: n²·12345 (test) and n²·12345 − 1 (training), of <see cref="Family"/>.</summary>
    public RegressionTask Task(int size, int n, bool test) => new(size, n * n * 12345 - (test ? 0 : 1), Family);

    /// <summary>
    /// Checks every value (0 tasks or steps gave empty arms that failed later in the report, a NaN rate trained to NaN);
    /// throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.
    /// </summary>
    public void Validate()
    {
        OptionChecks.AtLeast(TrainTasks, 1, nameof(MetaProtocol), nameof(TrainTasks));
        OptionChecks.AtLeast(Steps, 1, nameof(MetaProtocol), nameof(Steps));
        OptionChecks.AtLeast(TestTasks, 1, nameof(MetaProtocol), nameof(TestTasks));
        OptionChecks.FiniteAtLeast(MetaLearningRate, 0, nameof(MetaProtocol), nameof(MetaLearningRate));
        OptionChecks.FiniteAtLeast(TeleportLearningRate, 0, nameof(MetaProtocol), nameof(TeleportLearningRate));
        OptionChecks.Finite(GradientDescentStepSize, nameof(MetaProtocol), nameof(GradientDescentStepSize));
        OptionChecks.Defined(Family, nameof(MetaProtocol), nameof(Family));
    }
}

/// <summary>
/// Losses of one arm on the test tasks: [task, step], the step sizes it used, the loss changes its teleports caused,
/// and <paramref name="Seconds"/>: the wall time spent on the task before step e (Σ of the earlier steps' times, 0 at e = 0).
/// </summary>
public sealed record ArmResult(string Name, double[][] Losses, double[][] StepSizes, double[][] TeleportLossChanges, double[] MetaLosses, double[][] Seconds)
{
    /// <summary>
    /// Whether the arm teleports (a learner whose <see cref="MetaSettings.Teleport"/> is set): its
    /// <see cref="TeleportLossChanges"/> are then the teleports' effects, else zeros that mean nothing.
    /// </summary>
    public bool Teleports { get; init; }

    /// <summary>Mean and standard deviation over the test tasks of the loss before step <paramref name="step"/>.</summary>
    public (double Mean, double Std) At(int step) => MeanAndStd(Losses, step);

    /// <summary>
    /// Mean and sample standard deviation over the tasks (rows) of column <paramref name="step"/> of any [task, step]
    /// record; NaN or ±∞ when a value is. Computed on the values scaled by <see cref="Geometry.Statistics.PowerOfTwoScale"/>,
    /// so a diverging task's loss of 10³⁰⁰ gives a finite standard deviation (its square overflowed).
    /// </summary>
    public static (double Mean, double Std) MeanAndStd(double[][] rows, int step)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var run in rows)
            if ((uint)step >= (uint)(run ?? throw new ArgumentNullException(nameof(rows), "A row is null.")).Length)
                throw new ArgumentOutOfRangeException(nameof(step), step, $"A row holds {run.Length} steps: step must be in [0, {run.Length}).");
        var largest = 0.0;
        foreach (var run in rows) largest = Math.Max(largest, Math.Abs(run[step]));
        var scale = Geometry.Statistics.PowerOfTwoScale.ToUnit(largest);
        if (double.IsNaN(scale)) scale = 1; // NaN or ±∞ among the values: they propagate as before
        double sum = 0, squares = 0;
        foreach (var run in rows) sum += run[step] * scale;
        var mean = sum / rows.Length;
        foreach (var run in rows) squares += (run[step] * scale - mean) * (run[step] * scale - mean);
        return (mean / scale, rows.Length > 1 ? Math.Sqrt(squares / (rows.Length - 1)) / scale : 0);
    }
}

/// <summary>
/// The Figure 6 protocol: meta-train a learned optimiser (Adam on the meta-gradient of every window, one Adam per
/// network) over the training tasks (seeds n²·12345 − 1), then run it without meta-updates on the held-out test tasks
/// (seeds n²·12345); the baseline is GD with a fixed step size.
/// </summary>
public static class MetaExperiment
{
    /// <summary>Meta-trains <paramref name="learner"/>'s networks in place; returns the meta-loss (Σ L over the window) of every window.</summary>
    /// <remarks>A cancelled <paramref name="cancellation"/> stops before the next window or task (the networks keep what they learnt).</remarks>
    public static double[] Train(MetaLearner learner, int size, MetaProtocol protocol, Action<int, double>? progress = null,
        System.Threading.CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(protocol);
        protocol.Validate();
        var networks = learner.Networks;
        var adams = new Adam<double>[networks.Length];
        var gradients = new double[networks.Length][];
        for (var i = 0; i < networks.Length; i++)
        {
            var rate = i == 0 ? protocol.MetaLearningRate : protocol.TeleportLearningRate;
            adams[i] = new Adam<double>(networks[i].Parameters.Length, new OptimizerSettings { LearningRate = rate });
            gradients[i] = new double[networks[i].Parameters.Length];
        }
        var window = learner.Settings.Window;
        var windows = (protocol.Steps + window - 1) / window;
        var metaLosses = new List<double>();
        for (var task = 0; task < protocol.TrainTasks && !cancellation.IsCancellationRequested; task++)
        {
            var optimizer = learner.Optimizer(protocol.Task(size, task, test: false));
            for (var w = 0; w < windows && !cancellation.IsCancellationRequested; w++)
            {
                var steps = Math.Min(window, protocol.Steps - w * window);
                var metaLoss = optimizer.RunWindow(steps);
                if (!double.IsFinite(metaLoss)) break; // a diverged trajectory ends; the next task starts afresh
                optimizer.MetaGradient(gradients[0], networks.Length > 1 ? gradients[1] : default);
                for (var i = 0; i < networks.Length; i++) adams[i].Step(networks[i].Parameters, gradients[i]);
                metaLosses.Add(metaLoss);
            }
            if (cancellation.IsCancellationRequested) break; // a task cut short is not reported as trained
            progress?.Invoke(task + 1, metaLosses.Count > 0 ? metaLosses[^1] : double.NaN);
        }
        return metaLosses.ToArray();
    }

    /// <summary>Runs a (meta-trained) learner's inner optimisation on the test tasks, without meta-updates.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled: checked before each task and window.</exception>
    public static ArmResult Test(string name, MetaLearner learner, int size, MetaProtocol protocol, double[] metaLosses,
        System.Threading.CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(protocol);
        protocol.Validate();
        ArgumentNullException.ThrowIfNull(metaLosses);
        var losses = new double[protocol.TestTasks][];
        var stepSizes = new double[protocol.TestTasks][];
        var changes = new double[protocol.TestTasks][];
        var seconds = new double[protocol.TestTasks][];
        var window = learner.Settings.Window;
        for (var task = 0; task < protocol.TestTasks; task++)
        {
            cancellation.ThrowIfCancellationRequested();
            var optimizer = learner.Optimizer(protocol.Task(size, task, test: true));
            losses[task] = new double[protocol.Steps];
            stepSizes[task] = new double[protocol.Steps];
            changes[task] = new double[protocol.Steps];
            seconds[task] = new double[protocol.Steps];
            var elapsed = 0.0;
            for (var done = 0; done < protocol.Steps;)
            {
                cancellation.ThrowIfCancellationRequested();
                var steps = Math.Min(window, protocol.Steps - done);
                optimizer.RunWindow(steps);
                Array.Copy(optimizer.Losses, 0, losses[task], done, steps);
                Array.Copy(optimizer.StepSizes, 0, stepSizes[task], done, steps);
                Array.Copy(optimizer.TeleportLossChanges, 0, changes[task], done, steps);
                for (var i = 0; i < steps; i++)
                {
                    seconds[task][done + i] = elapsed;
                    elapsed += optimizer.StepSeconds[i];
                }
                done += steps;
            }
        }
        return new ArmResult(name, losses, stepSizes, changes, metaLosses, seconds) { Teleports = learner.Settings.Teleport };
    }

    /// <summary>Gradient descent with a fixed step size on the test tasks: the loss before each step.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled: checked before each task and step.</exception>
    public static ArmResult GradientDescent(int size, MetaProtocol protocol, System.Threading.CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        protocol.Validate();
        var losses = new double[protocol.TestTasks][];
        var stepSizes = new double[protocol.TestTasks][];
        var changes = new double[protocol.TestTasks][];
        var seconds = new double[protocol.TestTasks][];
        for (var t = 0; t < protocol.TestTasks; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            var task = protocol.Task(size, t, test: true);
            var w = (double[])task.InitialWeights.Clone();
            var g = new double[w.Length];
            losses[t] = new double[protocol.Steps];
            stepSizes[t] = new double[protocol.Steps];
            changes[t] = new double[protocol.Steps];
            seconds[t] = new double[protocol.Steps];
            var elapsed = 0.0;
            for (var e = 0; e < protocol.Steps; e++)
            {
                cancellation.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                seconds[t][e] = elapsed;
                losses[t][e] = task.LossAndGradient(w, g);
                stepSizes[t][e] = protocol.GradientDescentStepSize;
                for (var i = 0; i < w.Length; i++) w[i] -= protocol.GradientDescentStepSize * g[i];
                elapsed += Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        }
        return new ArmResult("GD", losses, stepSizes, changes, Array.Empty<double>(), seconds);
    }
}
