using System;
using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace Teleport.Cli.Options;

/// <summary>Range checks that System.CommandLine reports as parse errors (exit code 2).</summary>
internal static class OptionValidation
{
    /// <summary>Requires the value, when given, to be at least <paramref name="min"/> (and, for floating point, finite).</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T min) where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!(value >= min) || !T.IsFinite(value))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a finite number ≥ {min}, not {value}."));
        });
        return option;
    }

    /// <summary>Requires the value, when given, to be finite and strictly positive.</summary>
    public static Option<T> Positive<T>(this Option<T> option) where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!(value > T.Zero) || !T.IsFinite(value))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a finite number > 0, not {value}."));
        });
        return option;
    }

    /// <summary>Like <see cref="Positive{T}"/> for an optional value.</summary>
    public static Option<T?> Positive<T>(this Option<T?> option) where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is not { } value) return;
            if (!(value > T.Zero) || !T.IsFinite(value))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a finite number > 0, not {value}."));
        });
        return option;
    }

    /// <summary>Like <see cref="AtLeast{T}"/> for an optional value.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T min) where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is not { } value) return;
            if (!(value >= min) || !T.IsFinite(value))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a finite number ≥ {min}, not {value}."));
        });
        return option;
    }

    /// <summary>Requires a fraction in [0, 1).</summary>
    public static Option<double> Fraction(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value >= 0 && value < 1))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be in [0, 1), not {value}."));
        });
        return option;
    }

    /// <summary>Parses "1 3" or "1,3" into positive integers (epochs are 1-based).</summary>
    public static int[] ParseEpochs(System.CommandLine.Parsing.ArgumentResult result)
    {
        var values = new System.Collections.Generic.List<int>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch) && epoch >= 1)
                {
                    values.Add(epoch);
                    continue;
                }
                result.AddError($"--teleport-epochs takes 1-based epoch numbers (e.g. 1 or 2,3), not \"{part}\".");
                return [];
            }
        }
        return [.. values];
    }
}
