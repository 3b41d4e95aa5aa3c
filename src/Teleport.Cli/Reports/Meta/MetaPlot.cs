using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;
using Teleport.Cli.Reports.Plots;
using Teleport.MetaLearning;
using PlotStyle = Teleport.Cli.Reports.Plots.PlotStyle;

namespace Teleport.Cli.Reports.Meta;

/// <summary>
/// The figures of a <c>meta-test</c> report: per arm the mean over the test tasks as a line and mean ± std shaded,
/// against the step or the wall time; GD black, the learners in the report's arm colours.
/// </summary>
internal static class MetaPlot
{
    private static readonly Color[] LearnerColors = [PlotStyle.Teleport, PlotStyle.Baseline, PlotStyle.Control, PlotStyle.Reference, PlotStyle.Muted];

    /// <summary>The test loss before step e for e &lt; <paramref name="steps"/> (log scale).</summary>
    public static byte[] LossByStep(IReadOnlyList<ArmResult> arms, int steps, string title) =>
        Render(arms, title, "step e", "test loss before step e (log scale)", arm => arm.Losses, arm => Step(arm, steps), log: true, steps);

    /// <summary>The test loss against the wall time spent on the task before the step (mean over the tasks; log scale).</summary>
    public static byte[] LossByTime(IReadOnlyList<ArmResult> arms) =>
        Render(arms, "Test loss by wall time", "wall time on the task before the step (s, mean over the tasks)",
            "test loss (log scale)", arm => arm.Losses, arm => MeanOver(arm.Seconds), log: true, steps: null);

    /// <summary>The step size of every step: learned (η_e, or ‖u_e‖/‖∇L_e‖ for update variants) and GD's fixed one (log scale).</summary>
    public static byte[] StepSizes(IReadOnlyList<ArmResult> arms, int steps) =>
        Render(arms, "Step size", "step e", "step size η_e (log scale)",
            arm => arm.StepSizes, arm => Step(arm, steps), log: true, steps);

    /// <summary>L(W_{e+1}) − L(W′_e), the loss change each teleport caused, for the arms that teleport (linear scale, 0 marked).</summary>
    public static byte[] TeleportLossChanges(IReadOnlyList<ArmResult> arms, int steps)
    {
        var bytes = Render(arms.Where(arm => arm.Teleports).ToList(), "Teleport loss change", "step e",
            "ΔL = L(after) − L(before)", arm => arm.TeleportLossChanges, arm => Step(arm, steps), log: false, steps,
            plot => plot.Add.HorizontalLine(0, 1, Colors.Black).LinePattern = LinePattern.Dotted);
        return bytes;
    }

    /// <summary>The meta-training curve: the meta-loss (Σ L over a window) of every window (log scale).</summary>
    public static byte[] MetaLosses(string title, double[] metaLosses)
    {
        var plot = PlotStyle.Create($"Meta-training of {title}", "window", "meta-loss Σ L over the window (log scale)");
        var (xs, ys) = Series.Finite(Enumerable.Range(0, metaLosses.Length).Select(i => (double)i).ToArray(), metaLosses.Select(LogScale.Log).ToArray());
        if (xs.Length > 0)
        {
            var line = plot.Add.Scatter(xs, ys, PlotStyle.Teleport);
            line.LineWidth = 1.5f;
            line.MarkerSize = xs.Length <= 50 ? 4 : 0;
            line.LegendText = title;
            LogScale.Apply(plot, ys.Min(), ys.Max());
        }
        PlotStyle.IntegerTicks(plot, 0, Math.Max(1, metaLosses.Length - 1));
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    private static byte[] Render(IReadOnlyList<ArmResult> arms, string title, string xLabel, string yLabel, Func<ArmResult, double[][]> values,
        Func<ArmResult, double[]> xs, bool log, int? steps, Action<Plot>? extra = null)
    {
        var plot = PlotStyle.Create($"{title} (mean ± std over {Tasks(arms)} test tasks)", xLabel, yLabel);
        var curves = new List<(ArmResult Arm, double[] X, double[] Low, double[] Mean, double[] High)>();
        foreach (var arm in arms)
        {
            var x = xs(arm);
            var (mean, std) = MeanAndStd(values(arm), x.Length);
            curves.Add((arm, x, Subtract(mean, std), mean, Add(mean, std)));
        }
        // On a log axis a band's lower edge at or below 0 is drawn at the axis' bottom.
        double bottom = double.PositiveInfinity, top = double.NegativeInfinity;
        foreach (var c in curves)
            foreach (var (m, h) in c.Mean.Zip(c.High))
            {
                var (lm, lh) = log ? (LogScale.Log(m), LogScale.Log(h)) : (m, h);
                if (double.IsFinite(lm)) bottom = Math.Min(bottom, lm);
                if (double.IsFinite(lh)) top = Math.Max(top, lh);
            }
        var learner = 0;
        foreach (var (arm, x, low, mean, high) in curves)
        {
            var keep = Enumerable.Range(0, x.Length).Where(i => double.IsFinite(x[i]) && double.IsFinite(log ? LogScale.Log(mean[i]) : mean[i])).ToArray();
            if (keep.Length == 0) continue;
            double Y(double v) => log ? (LogScale.Log(v) is var l && double.IsFinite(l) ? l : bottom) : (double.IsFinite(v) ? v : 0);
            var color = arm.Name == "GD" ? Colors.Black : LearnerColors[learner++ % LearnerColors.Length];
            var line = Band.Add(plot, keep.Select(i => x[i]).ToArray(), keep.Select(i => Y(low[i])).ToArray(), keep.Select(i => Y(mean[i])).ToArray(),
                keep.Select(i => Math.Min(Y(high[i]), log ? top : double.PositiveInfinity)).ToArray(), color, 0.18, arm.Name);
            line.MarkerSize = steps is <= 30 ? 4 : 0;
        }
        extra?.Invoke(plot);
        if (log && double.IsFinite(bottom) && double.IsFinite(top)) LogScale.Apply(plot, bottom, top);
        if (steps is { } n) PlotStyle.IntegerTicks(plot, 0, Math.Max(1, n - 1));
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    private static int Tasks(IReadOnlyList<ArmResult> arms) => arms.Count > 0 ? arms[0].Losses.Length : 0;

    private static double[] Step(ArmResult arm, int steps) => Enumerable.Range(0, Math.Min(steps, arm.Losses.Length > 0 ? arm.Losses[0].Length : 0)).Select(e => (double)e).ToArray();

    private static double[] MeanOver(double[][] rows) => MeanAndStd(rows, rows.Length > 0 ? rows[0].Length : 0).Mean;

    /// <summary>Mean and standard deviation over the rows (tasks) of the first <paramref name="count"/> columns (steps).</summary>
    private static (double[] Mean, double[] Std) MeanAndStd(double[][] rows, int count)
    {
        var mean = new double[count];
        var std = new double[count];
        for (var e = 0; e < count; e++) (mean[e], std[e]) = ArmResult.MeanAndStd(rows, e);
        return (mean, std);
    }

    private static double[] Subtract(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();

    private static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();
}
