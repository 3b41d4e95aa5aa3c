using System;
using System.Globalization;
using ScottPlot;
using PlotStyle = Teleport.Cli.Reports.Plots.PlotStyle;
using Teleport.Geometry.Experiments;
using Teleport.Cli.Output;

namespace Teleport.Cli.Geometry;

/// <summary>One measure against one target over the runs: a point per run and the least-squares line, r and ρ in the title.</summary>
internal static class ScatterPlot
{
    public static byte[] Render(CorrelationResult result, CorrelationStatistic statistic)
    {
        var x = CorrelationResult.Column(result.Runs, statistic.Measure)!;
        var y = CorrelationResult.Column(result.Runs, statistic.Target)!;
        var c = CultureInfo.InvariantCulture;
        var title = string.Create(c, $"{statistic.Target} vs {statistic.Measure}: Pearson r = {statistic.Pearson.R:F3}, Spearman ρ = {statistic.Spearman.R:F3}");
        var plot = PlotStyle.Create(title, Label(statistic.Measure), Label(statistic.Target));
        var points = plot.Add.ScatterPoints(x, y, PlotStyle.Baseline);
        points.MarkerSize = 8;
        points.LegendText = string.Create(c, $"{Format.Count(x.Length, "run")} (one point per seed)");
        if (Fit(x, y) is var (slope, intercept) && double.IsFinite(slope))
        {
            double lo = x[0], hi = x[0];
            foreach (var v in x)
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
            var line = plot.Add.Line(lo, intercept + slope * lo, hi, intercept + slope * hi);
            line.Color = PlotStyle.Reference;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.LegendText = string.Create(c, $"least squares (p = {statistic.Pearson.PValue:G2}; 95% bootstrap CI of r {CorrelateReport.Interval(statistic.PearsonInterval, "F2")})");
        }
        PlotStyle.LegendBelow(plot);
        return PlotStyle.Png(plot);
    }

    /// <summary>The file of a measure–target plot.</summary>
    public static string File(string measure, string target) => $"scatter-{measure.Replace('_', '-')}-vs-{target.Replace('_', '-')}.png";

    private static string Label(string name) => name switch
    {
        CorrelationMeasures.TestLoss => "test loss (cross-entropy, nats)",
        CorrelationMeasures.GeneralizationGap => "generalisation gap: test − train loss (nats)",
        CorrelationMeasures.TrainLoss => "train loss (nats)",
        CorrelationMeasures.SharpnessPhi => "φ (paper's sharpness, mean perturbed loss / 200)",
        CorrelationMeasures.SharpnessPhiIncrease => "φ's mean loss increase (nats)",
        CorrelationMeasures.HessianTrace => "Hessian trace tr H",
        CorrelationMeasures.HessianTopEigenvalue => "top Hessian eigenvalue λmax",
        CorrelationMeasures.AdaptiveSharpness => "adaptive sharpness (nats)",
        _ => name,
    };

    private static (double Slope, double Intercept) Fit(double[] x, double[] y)
    {
        double mx = 0, my = 0;
        for (var i = 0; i < x.Length; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        var slope = sxy / sxx;
        return (slope, my - slope * mx);
    }
}
