using System.Linq;
using ScottPlot;
using Teleport.Geometry.Experiments;
using PlotStyle = Teleport.Cli.Reports.Plots.PlotStyle;
using Teleport.Cli.Output;

namespace Teleport.Cli.Geometry;

/// <summary>
/// The Figure 4 figures. <see cref="Render"/>: test loss (solid) and train loss (dashed) by epoch from the checkpoint on,
/// the mean over seeds per arm with mean ± one standard deviation shaded (the authors' plot shows ±std bands);
/// <see cref="RenderDifference"/>: test loss minus the same seed's control arm, median with the range shaded. The
/// control arm black, increases warm, decreases cool (the authors' plot: black baseline, orange increase, blue decrease).
/// </summary>
internal static class GeneralizePlot
{
    public static byte[] Render(GeneralizationResult result)
    {
        var o = result.Options;
        var plot = PlotStyle.Create($"Teleports in epoch {o.TeleportEpoch + 1}: mean ± std over {Format.Count(result.Seeds.Count, "seed")}", "epoch", "loss (cross-entropy, nats)");
        // From the checkpoint on: before it every arm is the same baseline.
        var from = System.Math.Max(1, o.TeleportEpoch);
        foreach (var arm in result.Arms)
        {
            var (xs, keep) = FromEpoch(arm, from);
            var color = ColorOf(arm.Arm);
            var test = MeanAndStd(plot, xs, keep, arm.TestLoss, color, 0.15, $"{arm.Arm.Name} test (± std shaded)");
            test.MarkerSize = 0;
            var train = MeanAndStd(plot, xs, keep, arm.TrainLoss, color, 0.08, $"{arm.Arm.Name} train");
            train.LineWidth = 1.5f;
            train.LinePattern = LinePattern.Dashed;
            train.MarkerSize = 0;
        }
        var teleport = plot.Add.VerticalLine(o.TeleportEpoch + 0.5, 1, PlotStyle.Muted);
        teleport.LinePattern = LinePattern.Dotted;
        teleport.LegendText = "teleports";
        PlotStyle.IntegerTicks(plot, from, o.Epochs);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    /// <summary>The paired view: each arm's test loss minus its own seed's control arm, median and range over seeds, from the checkpoint on.</summary>
    public static byte[] RenderDifference(GeneralizationResult result)
    {
        var o = result.Options;
        var plot = PlotStyle.Create($"Test loss minus the control arm's (paired by seed): median and range over {Format.Count(result.Seeds.Count, "seed")}", "epoch", "Δ test loss (nats)");
        var from = System.Math.Max(1, o.TeleportEpoch);
        foreach (var arm in result.Arms.Where(a => !a.Arm.IsControl))
        {
            var (xs, keep) = FromEpoch(arm, from);
            var line = MedianAndRange(plot, xs, keep, arm.TestLossMinusControl, ColorOf(arm.Arm), 0.12, $"{arm.Arm.Name} (range shaded)");
            line.MarkerSize = 4;
        }
        var zero = plot.Add.HorizontalLine(0, 1, Colors.Black);
        zero.LegendText = "control";
        var teleport = plot.Add.VerticalLine(o.TeleportEpoch + 0.5, 1, PlotStyle.Muted);
        teleport.LinePattern = LinePattern.Dotted;
        teleport.LegendText = "teleports";
        PlotStyle.IntegerTicks(plot, from, o.Epochs);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    /// <summary>The epochs from <paramref name="from"/> on, and their indices in the arm's curves.</summary>
    private static (double[] Xs, int[] Keep) FromEpoch(GeneralizationArmSummary arm, int from)
    {
        var keep = arm.Epochs.Select((e, i) => (e, i)).Where(p => p.e >= from).Select(p => p.i).ToArray();
        return (keep.Select(i => (double)arm.Epochs[i]).ToArray(), keep);
    }

    /// <summary>Mean ± one standard deviation over seeds shaded and the mean as a line (returned for its style).</summary>
    private static ScottPlot.Plottables.Scatter MeanAndStd(Plot plot, double[] xs, int[] keep, System.Collections.Generic.IReadOnlyList<SeedSpread> spreads, Color color, double alpha, string label) =>
        Reports.Plots.Band.Add(plot, xs, keep.Select(i => spreads[i].Mean - spreads[i].Std).ToArray(), keep.Select(i => spreads[i].Mean).ToArray(),
            keep.Select(i => spreads[i].Mean + spreads[i].Std).ToArray(), color, alpha, label);

    /// <summary>The range over seeds shaded and the median as a line (returned for its markers).</summary>
    private static ScottPlot.Plottables.Scatter MedianAndRange(Plot plot, double[] xs, int[] keep, System.Collections.Generic.IReadOnlyList<SeedSpread> spreads, Color color, double alpha, string label) =>
        Reports.Plots.Band.Add(plot, xs, keep.Select(i => spreads[i].Min).ToArray(), keep.Select(i => spreads[i].Median).ToArray(), keep.Select(i => spreads[i].Max).ToArray(), color, alpha, label);

    private static Color ColorOf(GeneralizationArm arm) => arm switch
    {
        { IsControl: true } => Colors.Black,
        { Objective: Teleport.Teleportation.TeleportObjective.Sharpness, Direction: Teleport.Teleportation.ObjectiveDirection.Increase } => PlotStyle.Teleport,
        { Objective: Teleport.Teleportation.TeleportObjective.Sharpness } => PlotStyle.Baseline,
        { Direction: Teleport.Teleportation.ObjectiveDirection.Increase } => PlotStyle.Reference,
        _ => PlotStyle.Control,
    };
}
