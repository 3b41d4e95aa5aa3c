using System;
using System.Collections.Generic;
using System.Globalization;
using ScottPlot;

namespace Teleport.Cli.Reports.Plots;

/// <summary>
/// Plot 3: ‖∇L‖² on the teleport batch before the ascent (step 0) and after each accepted group-ascent step, one
/// line per teleport (log scale). Teleports the look-ahead did not keep are dashed. Up to ten are told apart by
/// colour; more are coloured by order (viridis: early dark, late yellow) with every k-th and the last labelled.
/// </summary>
internal static class AscentTracePlot
{
    /// <summary>Teleports told apart by a categorical colour and each labelled; beyond, colour by order.</summary>
    private const int MaxLabels = 10;

    /// <summary>Labelled lines when there are more than <see cref="MaxLabels"/>: every k-th and the last.</summary>
    private const int SampledLabels = 8;

    public static bool Applies(IReadOnlyList<TeleportFacts> teleports) => Traced(teleports).Count > 0;

    public static byte[] Render(IReadOnlyList<TeleportFacts> teleports, bool severalArms)
    {
        var plot = PlotStyle.Create("‖∇L‖² during each teleport's ascent", "group-ascent step (0 = before the teleport)", "‖∇L‖² on the teleport batch (log scale)");
        var traced = Traced(teleports);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        var every = traced.Count <= MaxLabels ? 1 : (traced.Count + SampledLabels - 2) / (SampledLabels - 1);
        var palette = new ScottPlot.Palettes.Category10();
        var viridis = new ScottPlot.Colormaps.Viridis();
        var maxStep = 0L;
        for (var i = 0; i < traced.Count; i++)
        {
            var (t, steps, logs) = traced[i];
            var color = traced.Count <= MaxLabels ? palette.GetColor(i) : viridis.GetColor(0.9 * i / (traced.Count - 1));
            var line = plot.Add.Scatter(steps, logs, color);
            line.LineWidth = 2;
            line.MarkerSize = traced.Count <= MaxLabels ? 6 : 0;
            var dropped = t.Kept == false;
            if (dropped) line.LinePattern = LinePattern.Dashed;
            if (i % every == 0 || i == traced.Count - 1)
            {
                line.LegendText = string.Create(CultureInfo.InvariantCulture,
                    $"#{t.Index}{(severalArms ? " " + t.Arm : "")} at step {t.Event.Step}{(dropped ? " (not kept)" : "")}");
            }
            maxStep = Math.Max(maxStep, (long)steps[^1]);
            foreach (var v in logs)
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }
        LogScale.Apply(plot, low, high);
        PlotStyle.IntegerTicks(plot, 0, maxStep);
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    /// <summary>The teleports with at least one plottable trace value: (teleport, ascent steps, log₁₀ ‖∇L‖²).</summary>
    private static List<(TeleportFacts Teleport, double[] Steps, double[] Logs)> Traced(IReadOnlyList<TeleportFacts> teleports)
    {
        var traced = new List<(TeleportFacts, double[], double[])>();
        foreach (var t in teleports)
        {
            var trace = t.GradNormTrace;
            var steps = new List<double>();
            var logs = new List<double>();
            for (var k = 0; k < trace.Count; k++)
            {
                var log = LogScale.Log(trace[k]);
                if (double.IsNaN(log)) continue;
                steps.Add(k);
                logs.Add(log);
            }
            if (steps.Count > 0) traced.Add((t, steps.ToArray(), logs.ToArray()));
        }
        return traced;
    }
}
