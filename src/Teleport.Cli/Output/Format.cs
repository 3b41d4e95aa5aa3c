using System.Globalization;

namespace Teleport.Cli.Output;

/// <summary>Numbers as the tool prints them: invariant culture, fixed widths where tables need them.</summary>
internal static class Format
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Loss(double? value) => value is { } v ? v.ToString("F5", C) : "-";

    public static string Percent(double? fraction) => fraction is { } f ? (100 * f).ToString("F2", C) + "%" : "-";

    public static string Seconds(double value) => value.ToString("F2", C) + "s";

    public static string General(double value) => value.ToString("G4", C);

    public static string Ratio(double? value) => value is { } v ? v.ToString("F3", C) : "never reached";

    public static string Number(double value) => value.ToString("R", C);
}
