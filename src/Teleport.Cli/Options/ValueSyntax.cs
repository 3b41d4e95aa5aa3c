using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;

namespace Teleport.Cli.Options;

/// <summary>
/// How the text of an option value becomes a value: numbers in the invariant culture and one strict syntax
/// (digits, an optional sign, a decimal point and an exponent for real numbers; no digit grouping, no
/// spaces, no hexadecimal, never ∞ or NaN), names from a fixed list, and path names. Each parser returns the
/// value or a problem in words without the option's name (<see cref="CliOption"/> prefixes it); nothing here
/// throws on any input.
/// </summary>
internal static class ValueSyntax
{
    /// <summary>Whole numbers: digits with an optional sign (so "1.5", "1e3" and "1,000" are not whole numbers).</summary>
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;

    /// <summary>Real numbers: digits, an optional sign, decimal point and exponent ("1e-3", "0.5", "-2").</summary>
    private const NumberStyles RealStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>A whole number of type <typeparamref name="T"/> in <paramref name="range"/>.</summary>
    public static bool TryParseInteger<T>(string text, ValueRange<T> range, out T value, out string problem)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var expected = "expected a whole number" + Suffix(range.Describe());
        value = default;
        if (NotANumber(text, expected, out problem)) return false;
        if (!T.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out value))
        {
            problem = BigInteger.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out _)
                ? $"{text} is out of range; expected a whole number{Suffix(range.Describe(withLimits: true))}"
                : double.TryParse(text, RealStyle, CultureInfo.InvariantCulture, out _)
                    ? $"\"{text}\" is not a whole number (digits only, e.g. 3); {expected}"
                    : NotNumberProblem(text, expected);
            return false;
        }
        return InRange(text, value, range, expected, out problem);
    }

    /// <summary>A finite real number in <paramref name="range"/>.</summary>
    public static bool TryParseReal(string text, ValueRange<double> range, out double value, out string problem)
    {
        var expected = "expected a number" + Suffix(range.Describe());
        value = 0;
        if (NotANumber(text, expected, out problem)) return false;
        // A number needs a digit: this also turns away the culture's words for ∞ and NaN, which .NET parses
        // whatever the style ("Infinity", "-infinity", "NaN").
        if (!HasDigit(text) || !double.TryParse(text, RealStyle, CultureInfo.InvariantCulture, out value))
        {
            problem = NotNumberProblem(text, expected);
            return false;
        }
        if (!double.IsFinite(value))
        {
            problem = $"\"{text}\" is too large to be a finite number; {expected}";
            return false;
        }
        // `--teleport-adaptive 1e-400` turned the trigger off and `--momentum 1e-400` trained without momentum: below
        // double's smallest subnormal (4.9e-324) a non-zero value rounds to 0, a value nobody wrote.
        if (value == 0 && HasNonZeroMantissa(text))
        {
            problem = $"\"{text}\" is too small to be told from 0 (it rounds to 0 below 4.9e-324); {expected}";
            return false;
        }
        return InRange(text, value, range, expected, out problem);
    }

    private static bool InRange<T>(string text, T value, ValueRange<T> range, string expected, out string problem)
        where T : struct, INumber<T>, IMinMaxValue<T>
    {
        problem = range.Contains(value) ? "" : $"{text} is out of range; {expected}";
        return problem.Length == 0;
    }

    /// <summary>One of <paramref name="choices"/>, spelled exactly (names are lower case).</summary>
    public static bool TryParseChoice(string text, IReadOnlyList<string> choices, out string problem)
    {
        foreach (var choice in choices)
        {
            if (string.Equals(text, choice, StringComparison.Ordinal))
            {
                problem = "";
                return true;
            }
        }
        problem = text.Length == 0
            ? $"an empty value is not one of {string.Join(", ", choices)}"
            : $"\"{text}\" is not one of {string.Join(", ", choices)}";
        return false;
    }

    /// <summary>A path name: not empty or blank, no NUL character (which no file system allows), not starting with - (an option).</summary>
    public static bool TryParsePath(string text, out string problem)
    {
        problem = string.IsNullOrWhiteSpace(text) ? "an empty value is not a path"
            : text.Contains('\0', StringComparison.Ordinal) ? "a path cannot contain a NUL character"
            // `--out -` wrote a file named "-" where the convention reads standard output (which carries the progress here)
            : text == "-" ? "\"-\" (standard input or output) is not read or written here; name a file (./- for a file called -)"
            // `--out --shuffle` wrote a file named --shuffle and trained unshuffled, and `--merge --out m.json` merged a
            // file called --out: a value that starts with - is an option that took the place of a missing value.
            : text[0] == '-' ? $"\"{text}\" starts with - as an option does (was the value left out?); a path that starts with - is written ./{text}"
            : "";
        return problem.Length == 0;
    }

    /// <summary>
    /// <see cref="TryParsePath"/> for a file: also refuses a path ending in a separator, which names a folder (`--out run.json/`
    /// ran the whole command and then failed in .NET's words, "Could not find a part of the path", leaving an empty folder).
    /// </summary>
    public static bool TryParseFilePath(string text, out string problem)
    {
        if (!TryParsePath(text, out problem)) return false;
        if (text.EndsWith('/') || text.EndsWith(System.IO.Path.DirectorySeparatorChar))
            problem = $"\"{text}\" ends in {text[^1]}, so it names a folder; a file is needed here (drop the {text[^1]})";
        return problem.Length == 0;
    }

    private static bool NotANumber(string text, string expected, out string problem)
    {
        problem = text.Length == 0 ? $"an empty value is not a number; {expected}" : "";
        return text.Length == 0;
    }

    private static string NotNumberProblem(string text, string expected) =>
        text.Contains(',', StringComparison.Ordinal)
            ? $"\"{text}\" is not a number (a decimal point, not a comma, and no digit grouping: 1.5, 1000); {expected}"
            : $"\"{text}\" is not a number; {expected}";

    /// <summary>Whether a digit before the exponent is not 0: the text names a number other than 0.</summary>
    private static bool HasNonZeroMantissa(string text)
    {
        foreach (var ch in text)
        {
            if (ch is 'e' or 'E') return false;
            if (ch is >= '1' and <= '9') return true;
        }
        return false;
    }

    private static bool HasDigit(string text)
    {
        foreach (var ch in text)
            if (ch is >= '0' and <= '9') return true;
        return false;
    }

    private static string Suffix(string range) => range.Length == 0 ? "" : " " + range;
}
