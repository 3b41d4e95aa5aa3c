using ScottPlot;

namespace Teleport.Cli.Reports.Plots;

/// <summary>A spread drawn as a shaded band (low to high) under its centre line (median or mean), the report's look for seeds and tasks.</summary>
internal static class Band
{
    /// <summary>Adds the band and the line; returns the line (for its markers). The arrays are parallel and finite.</summary>
    public static ScottPlot.Plottables.Scatter Add(Plot plot, double[] xs, double[] low, double[] centre, double[] high, Color color, double alpha, string label)
    {
        var band = plot.Add.FillY(xs, low, high);
        band.FillColor = color.WithAlpha(alpha);
        band.LineWidth = 0;
        var line = plot.Add.Scatter(xs, centre, color);
        line.LegendText = label;
        line.LineWidth = 2;
        return line;
    }
}
