using System;
using System.Globalization;

namespace Teleport.Cli.Reports.Markdown;

/// <summary>Numbers as the report prints them (invariant culture); losses, accuracies and ratios as the console does.</summary>
internal static class ReportNumbers
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Seconds of training time, to the millisecond.</summary>
    public static string Seconds(double? value) => value is { } v ? Output.Format.Fixed(v, "F3") : "-";

    /// <summary>Milliseconds, from seconds.</summary>
    public static string Milliseconds(double seconds) => Output.Format.Fixed(1e3 * seconds, "F2");

    /// <summary>Four significant digits (‖∇L‖², gains).</summary>
    public static string General(double value) => double.IsFinite(value) ? value.ToString("G4", C) : Special(value);

    /// <summary>A small positive quantity in scientific notation ("0", "3.1e-6", "1e4").</summary>
    public static string Scientific(double value)
    {
        if (!double.IsFinite(value)) return Special(value);
        if (value == 0) return "0";
        return value.ToString("0.##e0", C);
    }

    /// <summary>An axis label of a logarithmic scale: plain for 0.001 … 10⁴, else scientific ("1e-5").</summary>
    public static string LogTick(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude is >= 1e-3 and < 1e4 ? value.ToString("G4", C) : value.ToString("0.##e0", C);
    }

    /// <summary>A relative change as a percentage without sign ("8.5%").</summary>
    public static string Percent(double fraction) => (100 * Math.Abs(fraction)).ToString("0.#", C) + "%";

    /// <summary>An integer.</summary>
    public static string Integer(long value) => value.ToString(C);

    private static string Special(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞";
}
