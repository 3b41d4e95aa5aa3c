using System;
using System.Globalization;

namespace Teleport;

/// <summary>
/// Checks of an options object's settings, each failing with an <see cref="ArgumentOutOfRangeException"/> whose
/// parameter is the setting's name and whose message names its owner, the value and what is allowed
/// ("MetaSettings.Window is 0; it must be ≥ 1."), as <see cref="Training.TrainerOptions"/> words its own.
/// </summary>
internal static class OptionChecks
{
    /// <summary>An integer setting that must be at least <paramref name="minimum"/>.</summary>
    public static void AtLeast(long value, long minimum, string owner, string name)
    {
        if (value < minimum)
            throw Bad(owner, name, value, string.Create(CultureInfo.InvariantCulture, $"≥ {minimum}"));
    }

    /// <summary>A real setting that must be finite.</summary>
    public static void Finite(double value, string owner, string name)
    {
        if (!double.IsFinite(value))
            throw Bad(owner, name, value, "finite");
    }

    /// <summary>A real setting that must be finite and at least <paramref name="minimum"/> (NaN fails).</summary>
    public static void FiniteAtLeast(double value, double minimum, string owner, string name)
    {
        if (!(value >= minimum) || !double.IsFinite(value))
            throw Bad(owner, name, value, string.Create(CultureInfo.InvariantCulture, $"finite and ≥ {minimum}"));
    }

    /// <summary>A real setting that must be greater than 0 (+∞ allowed; NaN fails).</summary>
    public static void Positive(double value, string owner, string name)
    {
        if (!(value > 0))
            throw Bad(owner, name, value, "> 0");
    }

    /// <summary>An enum setting that must be one of its declared values.</summary>
    public static void Defined<TEnum>(TEnum value, string owner, string name) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw Bad(owner, name, value, $"one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }

    private static ArgumentOutOfRangeException Bad(string owner, string name, object value, string rule) =>
        new(name, string.Create(CultureInfo.InvariantCulture, $"{owner}.{name} is {value}; it must be {rule}."));
}
