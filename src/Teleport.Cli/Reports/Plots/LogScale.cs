using System;
using System.Collections.Generic;
using ScottPlot;
using ScottPlot.TickGenerators;
using Teleport.Cli.Reports.Markdown;

namespace Teleport.Cli.Reports.Plots;

/// <summary>
/// A base-10 logarithmic vertical axis: values are plotted as log₁₀(y) and the axis gets ticks at readable
/// values — decades when the range spans several, else 1-2-5 multiples, else evenly spaced round values —
/// labelled with the values themselves. Only positive finite values belong on it.
/// </summary>
internal static class LogScale
{
    /// <summary>log₁₀ of <paramref name="value"/>, or NaN for a value that has no place on a log axis (≤ 0, NaN, ∞).</summary>
    public static double Log(double value) => value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN;

    /// <summary>
    /// Sets the left axis to show log₁₀ values in [<paramref name="low"/>, <paramref name="high"/>] (padded a little),
    /// with an optional extra row at <paramref name="zeroRow"/> labelled "0" for values that are exactly zero.
    /// </summary>
    public static void Apply(Plot plot, double low, double high, double? zeroRow = null)
    {
        if (!(high > low)) (low, high) = (low - 0.5, high + 0.5);
        var ticks = new NumericManual();
        var values = Values(Math.Pow(10, low), Math.Pow(10, high), out var minors);
        foreach (var v in values) ticks.AddMajor(Math.Log10(v), ReportNumbers.LogTick(v));
        foreach (var v in minors) ticks.AddMinor(Math.Log10(v));
        var bottom = low;
        if (zeroRow is { } zero)
        {
            ticks.AddMajor(zero, "0");
            bottom = Math.Min(bottom, zero);
        }
        plot.Axes.Left.TickGenerator = ticks;
        var pad = 0.06 * (high - bottom);
        plot.Axes.SetLimitsY(bottom - pad, high + pad);
    }

    /// <summary>Tick values in [<paramref name="min"/>, <paramref name="max"/>]: at least three where possible.</summary>
    private static List<double> Values(double min, double max, out List<double> minors)
    {
        minors = [];
        int first = (int)Math.Floor(Math.Log10(min)), last = (int)Math.Ceiling(Math.Log10(max));
        var decades = Multiples(min, max, first, last, [1]);
        if (decades.Count >= 3)
        {
            // Thin the decades to at most 8 labels; minor ticks at 2…9 × 10ᵏ when the decades are few.
            var step = (decades.Count + 7) / 8;
            var thinned = new List<double>();
            for (var i = 0; i < decades.Count; i += step) thinned.Add(decades[i]);
            if (decades.Count <= 6) minors = Multiples(min, max, first, last, [2, 3, 4, 5, 6, 7, 8, 9]);
            return thinned;
        }
        var multiples = Multiples(min, max, first, last, [1, 2, 5]);
        if (multiples.Count >= 3) return multiples;
        return Linear(min, max);
    }

    private static List<double> Multiples(double min, double max, int first, int last, double[] mantissas)
    {
        var values = new List<double>();
        for (var k = first; k <= last; k++)
        {
            foreach (var m in mantissas)
            {
                var v = m * Math.Pow(10, k);
                if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) values.Add(v);
            }
        }
        return values;
    }

    /// <summary>About six round, evenly spaced values across a range too narrow for 1-2-5 multiples.</summary>
    private static List<double> Linear(double min, double max)
    {
        var raw = (max - min) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        // The round step (1, 2, 5 or 10 × 10ᵏ) nearest to a fifth of the range, in ratio.
        var step = magnitude;
        foreach (var m in new double[] { 2, 5, 10 })
            if (Math.Abs(Math.Log(m * magnitude / raw)) < Math.Abs(Math.Log(step / raw))) step = m * magnitude;
        var values = new List<double>();
        for (var v = Math.Ceiling(min / step) * step; v <= max * (1 + 1e-12); v += step)
            values.Add(Math.Round(v / step) * step);
        return values;
    }
}
