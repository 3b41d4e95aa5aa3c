using System.Globalization;
using System.Linq;
using ScottPlot;
using Teleport.Records;

namespace Teleport.Cli.Reports.Plots;

/// <summary>
/// Plot 2, the time-to-target picture: train loss against cumulative training time for every arm (the loss
/// trace when the comparison used it, else the epochs), the target (the baseline's final train loss) as a
/// horizontal line, the baseline's training time as a vertical one, and where each other arm first reaches the target.
/// </summary>
internal static class LossByTimePlot
{
    public static bool Applies(ReportInput input) => input.Arms.Any(a => a.Run.Epochs.Count > 0 || a.Run.LossTrace.Count > 0);

    public static byte[] Render(ReportInput input)
    {
        var source = Series.Source(input);
        var c = CultureInfo.InvariantCulture;
        var title = input.Compare is null ? "Train loss against training time" : "Time to target: train loss against training time";
        var plot = PlotStyle.Create(title, "cumulative training time (s; evaluation excluded)", PlotStyle.LossLabel(input));
        foreach (var arm in input.Arms)
        {
            var (seconds, losses) = Series.LossByTime(arm.Run, source);
            if (seconds.Length == 0) continue;
            var line = plot.Add.Scatter(seconds, losses, PlotStyle.ArmColor(arm));
            line.LineWidth = 2;
            line.MarkerSize = source == LossCurveSource.Epochs ? 8 : 0;
            line.LegendText = arm.Name + (source switch
            {
                LossCurveSource.SmoothedLossTrace => " (smoothed loss trace)",
                LossCurveSource.LossTrace => " (loss trace)",
                _ => " (per epoch)",
            });
        }
        if (input.Compare?.TimeToTarget is { TargetLoss: { } target } t)
        {
            var targetLine = plot.Add.HorizontalLine(target, 1.5f, PlotStyle.Reference, LinePattern.Dashed);
            targetLine.LegendText = string.Create(c, $"target: baseline's final train loss {target:F5}");
            if (t.BaselineSeconds is { } total)
            {
                var end = plot.Add.VerticalLine(total, 1.5f, PlotStyle.Baseline, LinePattern.Dotted);
                end.LegendText = string.Create(c, $"baseline's training time {total:F3} s");
            }
            foreach (var arm in input.Arms)
            {
                if (arm.TimeToTarget is not { Seconds: { } reached, Ratio: { } ratio }) continue;
                var marker = plot.Add.Marker(reached, target, MarkerShape.FilledDiamond, 14, PlotStyle.ArmColor(arm));
                marker.LegendText = string.Create(c, $"{arm.Name} reaches it at {reached:F3} s (ratio {ratio:F3})");
            }
        }
        plot.Axes.SetLimitsX(0, MaxSeconds(input, source) * 1.03);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    private static double MaxSeconds(ReportInput input, LossCurveSource source)
    {
        var max = 0.0;
        foreach (var arm in input.Arms)
        {
            var (seconds, _) = Series.LossByTime(arm.Run, source);
            if (seconds.Length > 0 && seconds[^1] > max) max = seconds[^1];
        }
        return max > 0 ? max : 1;
    }
}
