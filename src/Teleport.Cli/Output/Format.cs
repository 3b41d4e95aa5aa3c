using System;
using System.Globalization;

namespace Teleport.Cli.Output;

/// <summary>Numbers as the tool prints them: invariant culture, fixed widths where tables need them.</summary>
internal static class Format
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Loss(double? value) => value is { } v ? Fixed(v, "F5") : "-";

    public static string Percent(double? fraction) => fraction is { } f ? (100 * f).ToString("F2", C) + "%" : "-";

    public static string Seconds(double value) => Fixed(value, "F2") + "s";

    /// <summary>
    /// <paramref name="value"/> in <paramref name="format"/> below a million, else six significant digits with an exponent:
    /// a loss of 1.2·10²⁹ printed in F5 was 35 characters wide, a time of 10³⁰⁸ over 300 (a bad-input sweep).
    /// </summary>
    public static string Fixed(double value, string format) => Math.Abs(value) < 1e6 ? value.ToString(format, C) : value.ToString("G6", C);

    public static string General(double value) => value.ToString("G4", C);

    public static string Ratio(double? value) => value is { } v ? Fixed(v, "F3") : "never reached";

    public static string Number(double value) => value.ToString("R", C);

    /// <summary>
    /// How a quantity changed: "×1.56" (after / before), or "0 → 0" when it started at 0 and a factor does not exist
    /// (a teleport from zero weights printed "‖∇L‖² ×NaN").
    /// </summary>
    public static string Change(double before, double after, string format = "G3") =>
        before == 0 ? before.ToString(format, C) + " → " + after.ToString(format, C) : "×" + (after / before).ToString(format, C);

    /// <summary>"1 task", "5 tasks", "2 batches": a count and its noun, plural (<paramref name="plural"/>, else noun + s) unless the count is one.</summary>
    public static string Count(long n, string noun, string? plural = null) => n.ToString(C) + " " + Noun(n, noun, plural);

    /// <summary>The noun alone, plural unless <paramref name="n"/> is one: "epoch" or "epochs", "batch" or "batches".</summary>
    public static string Noun(long n, string noun, string? plural = null) => n == 1 ? noun : plural ?? noun + "s";
}
