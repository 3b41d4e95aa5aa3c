using System.Linq;
using ScottPlot;
using Teleport.Geometry.Experiments;
using PlotStyle = Teleport.Cli.Reports.Plots.PlotStyle;

namespace Teleport.Cli.Geometry;

/// <summary>
/// The Figure 4 figure: test loss (solid) and train loss (dashed) by epoch, the median over seeds per arm with the range
/// of the test loss shaded; the control arm black, increases warm, decreases cool (the authors' plot: black baseline,
/// orange increase, blue decrease).
/// </summary>
internal static class GeneralizePlot
{
    public static byte[] Render(GeneralizationResult result)
    {
        var o = result.Options;
        var plot = PlotStyle.Create($"Teleport to change φ or κ in epoch {o.TeleportEpoch + 1}: median and range over {result.Seeds.Count} seeds", "epoch", "loss (cross-entropy, nats)");
        foreach (var arm in result.Arms)
        {
            var color = ColorOf(arm.Arm);
            var xs = arm.Epochs.Select(e => (double)e).ToArray();
            var band = plot.Add.FillY(xs, arm.TestLoss.Select(s => s.Min).ToArray(), arm.TestLoss.Select(s => s.Max).ToArray());
            band.FillColor = color.WithAlpha(0.15);
            band.LineWidth = 0;
            var test = plot.Add.Scatter(xs, arm.TestLoss.Select(s => s.Median).ToArray(), color);
            test.LegendText = $"{arm.Arm} test";
            test.LineWidth = 2;
            test.MarkerSize = 0;
            var train = plot.Add.Scatter(xs, arm.TrainLoss.Select(s => s.Median).ToArray(), color);
            train.LegendText = $"{arm.Arm} train";
            train.LineWidth = 1.5f;
            train.LinePattern = LinePattern.Dashed;
            train.MarkerSize = 0;
        }
        var teleport = plot.Add.VerticalLine(o.TeleportEpoch + 0.5, 1, PlotStyle.Muted);
        teleport.LinePattern = LinePattern.Dotted;
        teleport.LegendText = "teleports";
        PlotStyle.IntegerTicks(plot, 1, o.Epochs);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    private static Color ColorOf(GeneralizationArm arm) => arm switch
    {
        { IsControl: true } => Colors.Black,
        { Objective: Teleport.Teleportation.TeleportObjective.Sharpness, Direction: Teleport.Teleportation.ObjectiveDirection.Increase } => PlotStyle.Teleport,
        { Objective: Teleport.Teleportation.TeleportObjective.Sharpness } => PlotStyle.Baseline,
        { Direction: Teleport.Teleportation.ObjectiveDirection.Increase } => PlotStyle.Reference,
        _ => PlotStyle.Control,
    };
}
