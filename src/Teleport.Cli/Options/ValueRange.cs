using System.Globalization;
using System.Numerics;

namespace Teleport.Cli.Options;

/// <summary>
/// The values a numeric option accepts: [<see cref="Min"/>, <see cref="Max"/>], either end possibly open.
/// Floating-point ranges never include ±∞ or NaN (their ends are finite), so "a number ≥ 0" means a finite one.
/// </summary>
internal readonly record struct ValueRange<T>(T Min, T Max, bool MinExclusive = false, bool MaxExclusive = false)
    where T : struct, INumber<T>, IMinMaxValue<T>
{
    /// <summary>Every finite value of <typeparamref name="T"/>.</summary>
    public static ValueRange<T> Any => new(T.MinValue, T.MaxValue);

    /// <summary>Values ≥ <paramref name="min"/>.</summary>
    public static ValueRange<T> AtLeast(T min) => new(min, T.MaxValue);

    /// <summary>Values &gt; 0.</summary>
    public static ValueRange<T> Positive => new(T.Zero, T.MaxValue, MinExclusive: true);

    /// <summary>Values in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ValueRange<T> Between(T min, T max) => new(min, max);

    /// <summary>Values in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static ValueRange<T> FromUpTo(T min, T max) => new(min, max, MaxExclusive: true);

    /// <summary>Whether <paramref name="value"/> lies in the range (NaN never does).</summary>
    public bool Contains(T value) =>
        (MinExclusive ? value > Min : value >= Min) && (MaxExclusive ? value < Max : value <= Max);

    /// <summary>
    /// The range in words for messages and help: "≥ 1", "&gt; 0", "in [0, 1)", "in [1, 2]"; the type's own
    /// limits are left out unless <paramref name="withLimits"/> (then "≥ 1 and at most 2147483647").
    /// </summary>
    public string Describe(bool withLimits = false)
    {
        var c = CultureInfo.InvariantCulture;
        var low = Min == T.MinValue && !MinExclusive ? null : string.Create(c, $"{(MinExclusive ? ">" : "≥")} {Min}");
        var high = Max == T.MaxValue && !MaxExclusive ? null : string.Create(c, $"{(MaxExclusive ? "<" : "≤")} {Max}");
        if (low is not null && high is not null)
            return string.Create(c, $"in {(MinExclusive ? "(" : "[")}{Min}, {Max}{(MaxExclusive ? ")" : "]")}");
        var text = low ?? high ?? "";
        if (!withLimits) return text;
        var limits = string.Create(c, $"at least {T.MinValue} and at most {T.MaxValue}");
        if (low is null && high is null) return limits;
        return low is null ? string.Create(c, $"{text} and at least {T.MinValue}") : string.Create(c, $"{text} and at most {T.MaxValue}");
    }
}
