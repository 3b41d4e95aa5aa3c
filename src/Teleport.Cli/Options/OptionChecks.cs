using System.Globalization;

namespace Teleport.Cli.Options;

/// <summary>Range checks for the geometry commands' options, as one-line usage errors naming the option (exit code 2).</summary>
internal static class OptionChecks
{
    public static int AtLeast(string option, int value, int min) =>
        value >= min ? value : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be ≥ {min}, not {value}."));

    public static double Positive(string option, double value) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} must be a finite number > 0, not {value}."));
}
