using System;
using System.Collections.Generic;
using System.Globalization;
using ScottPlot;
using Teleport.Cli.Reports.Markdown;

namespace Teleport.Cli.Reports.Plots;

/// <summary>
/// Plot 4: each teleport's relative loss drift |L_after − L_before| / |L_before| on the teleport batch (log scale),
/// with the teleporter's loss tolerance when the configuration has one. A drift of exactly 0 (an exact symmetry
/// in exact arithmetic, or float rounding that happened to cancel) has no place on a log axis: it is drawn on a
/// row of its own labelled "0", a decade below everything else.
/// </summary>
internal static class LossDriftPlot
{
    public static bool Applies(IReadOnlyList<TeleportFacts> teleports) => teleports.Count > 0;

    public static byte[] Render(IReadOnlyList<TeleportFacts> teleports, double? tolerance)
    {
        var c = CultureInfo.InvariantCulture;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        var zeros = 0;
        foreach (var t in teleports)
        {
            var log = LogScale.Log(t.RelativeDrift);
            if (t.RelativeDrift == 0) zeros++;
            if (double.IsNaN(log)) continue;
            low = Math.Min(low, log);
            high = Math.Max(high, log);
        }
        var toleranceLog = tolerance is { } tol ? LogScale.Log(tol) : double.NaN;
        if (!double.IsNaN(toleranceLog))
        {
            low = Math.Min(low, toleranceLog);
            high = Math.Max(high, toleranceLog);
        }
        if (double.IsInfinity(low)) (low, high) = (-12, -12);
        double? zeroRow = zeros > 0 ? Math.Floor(low) - 1 : null;

        var title = zeros == teleports.Count ? "Loss drift of each teleport (all exactly 0)" : "Loss drift of each teleport";
        var plot = PlotStyle.Create(title, "teleport (in order of the table)", "relative loss drift |ΔL| / L (log scale)");
        var kept = (new List<double>(), new List<double>());
        var dropped = (new List<double>(), new List<double>());
        foreach (var t in teleports)
        {
            var y = t.RelativeDrift == 0 ? zeroRow!.Value : LogScale.Log(t.RelativeDrift);
            if (double.IsNaN(y)) continue;
            var group = t.Kept == false ? dropped : kept;
            group.Item1.Add(t.Index);
            group.Item2.Add(y);
        }
        AddMarkers(plot, kept, PlotStyle.Teleport, MarkerShape.FilledCircle, dropped.Item1.Count > 0 ? "kept" : "teleport");
        AddMarkers(plot, dropped, PlotStyle.Muted, MarkerShape.OpenCircle, "not kept by the look-ahead");
        if (!double.IsNaN(toleranceLog))
        {
            var line = plot.Add.HorizontalLine(toleranceLog, 1.5f, PlotStyle.Reference, LinePattern.Dashed);
            line.LegendText = $"loss tolerance {ReportNumbers.LogTick(tolerance!.Value)} (a step drifting more is rolled back)";
        }
        LogScale.Apply(plot, low, high, zeroRow);
        XTicks(plot, teleports.Count);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    private static void AddMarkers(Plot plot, (List<double> Xs, List<double> Ys) points, Color color, MarkerShape shape, string label)
    {
        if (points.Xs.Count == 0) return;
        var markers = plot.Add.Markers(points.Xs.ToArray(), points.Ys.ToArray(), shape, 10, color);
        markers.LegendText = label;
    }

    private static void XTicks(Plot plot, int count)
    {
        plot.Axes.SetLimitsX(0.5, count + 0.5);
        PlotStyle.IntegerTicks(plot, 1, count, "#");
    }
}
