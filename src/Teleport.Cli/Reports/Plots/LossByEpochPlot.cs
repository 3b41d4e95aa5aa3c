using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Teleport.Cli.Reports.Plots;

/// <summary>Plot 1: train loss (solid) and test loss (dashed) against epoch, one colour per arm.</summary>
internal static class LossByEpochPlot
{
    public static bool Applies(ReportInput input) => input.Arms.Any(a => a.Run.Epochs.Count > 0);

    public static byte[] Render(ReportInput input)
    {
        var plot = PlotStyle.Create("Train and test loss by epoch", "epoch", PlotStyle.LossLabel(input));
        long first = long.MaxValue, last = long.MinValue;
        foreach (var arm in input.Arms)
        {
            var epochs = new List<double>();
            var train = new List<double>();
            var test = new List<double>();
            foreach (var e in arm.Run.Epochs)
            {
                epochs.Add(e.Epoch);
                first = Math.Min(first, e.Epoch);
                last = Math.Max(last, e.Epoch);
                train.Add(e.TrainLoss);
                test.Add(e.TestLoss ?? double.NaN);
            }
            var color = PlotStyle.ArmColor(arm);
            Add(plot, Series.Finite(epochs, train), color, $"{arm.Name} train (mean over the epoch)", LinePattern.Solid, MarkerShape.FilledCircle);
            Add(plot, Series.Finite(epochs, test), color, $"{arm.Name} test (after the epoch)", LinePattern.Dashed, MarkerShape.OpenSquare);
        }
        PlotStyle.IntegerTicks(plot, first, last);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    private static void Add(Plot plot, (double[] Xs, double[] Ys) points, Color color, string label, LinePattern pattern, MarkerShape marker)
    {
        if (points.Xs.Length == 0) return;
        var line = plot.Add.Scatter(points.Xs, points.Ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.LinePattern = pattern;
        line.MarkerShape = marker;
        line.MarkerSize = 8;
    }
}
