using System;
using System.Globalization;
using System.IO;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Teleport.Cli.Reports.Plots;

/// <summary>The look shared by the report's plots: size, font, arm colours, titles and legends outside the data.</summary>
internal static class PlotStyle
{
    public const int Width = 800;
    public const int Height = 500;

    /// <summary>The baseline: blue.</summary>
    public static readonly Color Baseline = Color.FromHex("#1F77B4");

    /// <summary>The teleport arm: orange.</summary>
    public static readonly Color Teleport = Color.FromHex("#E8710A");

    /// <summary>The control arm: green.</summary>
    public static readonly Color Control = Color.FromHex("#2CA02C");

    /// <summary>Reference lines (target loss, tolerance): dark red.</summary>
    public static readonly Color Reference = Color.FromHex("#B22222");

    /// <summary>Things set apart (teleports the look-ahead did not keep): grey.</summary>
    public static readonly Color Muted = Color.FromHex("#7F7F7F");

    /// <summary>A plot with a title and axis labels (units in the labels), sans-serif text and a light grid.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 17);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        plot.Axes.Title.Label.Bold = true;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.1);
        return plot;
    }

    /// <summary>The colour of an arm (another run's name gets the teleport colour, or the baseline's for a plain run).</summary>
    public static Color ArmColor(ReportArm arm) => arm.Name switch
    {
        "baseline" => Baseline,
        "control" => Control,
        "teleport" => Teleport,
        _ => arm.Run.Teleports.Count > 0 ? Teleport : Baseline,
    };

    /// <summary>The loss axis label with its unit, from the model's loss in the configuration.</summary>
    public static string LossLabel(ReportInput input)
    {
        var loss = ReportInput.ConfigText(input.Primary.Run.Config, "model_info.loss");
        return loss switch
        {
            "SoftmaxCrossEntropy" => "loss: cross-entropy (nats, mean per sample)",
            "MeanSquaredError" => "loss: mean squared error (per output)",
            _ => "loss (mean per sample)",
        };
    }

    /// <summary>Shows the legend below the data area, where it cannot cover a curve.</summary>
    public static void LegendBelow(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>Integer ticks on the bottom axis for <paramref name="first"/>…<paramref name="last"/> (epochs, steps, teleports), at most 12 labels, no minor ticks.</summary>
    public static void IntegerTicks(Plot plot, long first, long last, string prefix = "")
    {
        var span = Math.Max(1, last - first);
        long step = 1;
        for (var k = 0; span / step > 11; k++) step = (k % 3) switch { 0 => step * 2, 1 => step * 5 / 2, _ => step * 2 };
        var ticks = new NumericManual();
        for (var v = (first + step - 1) / step * step; v <= last; v += step)
            ticks.AddMajor(v, prefix + v.ToString(CultureInfo.InvariantCulture));
        if (step > 1 && first % step != 0) ticks.AddMajor(first, prefix + first.ToString(CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = ticks;
    }

    /// <summary>The largest magnitude a plotted value may have: ScottPlot's autoscaler adds margins to the data's span, which overflow near the largest double.</summary>
    public const double LargestPlottable = 1e300;

    /// <summary>
    /// The plot as PNG bytes at the report's size. A value beyond ±<see cref="LargestPlottable"/> is refused first with
    /// the plot's title (<see cref="InvalidDataException"/>): an edited record's loss of 1.7e308 stopped <c>report</c> with
    /// ScottPlot's "limits returned by the autoscaler must always be in a good state" and a stack trace.
    /// </summary>
    public static byte[] Png(Plot plot)
    {
        // Each plottable's own data limits (the plot's, GetDataLimits, run the autoscaler that fails); a plottable
        // without data has non-finite ones, which are skipped.
        var largest = 0.0;
        foreach (var plottable in plot.GetPlottables())
        {
            var limits = plottable.GetAxisLimits();
            foreach (var edge in new[] { limits.Left, limits.Right, limits.Bottom, limits.Top })
                if (double.IsFinite(edge)) largest = Math.Max(largest, Math.Abs(edge));
        }
        if (largest > LargestPlottable)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"the plot \"{plot.Axes.Title.Label.Text}\" cannot be drawn: it holds a value of magnitude {largest:G3}, beyond the {LargestPlottable:G0} a plot axis can scale to; the report was not written"));
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
