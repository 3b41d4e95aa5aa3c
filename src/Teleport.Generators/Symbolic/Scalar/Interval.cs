namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// A real interval with open or closed ends; ±∞ ends are always open. The empty interval has one
/// representation (<see cref="Empty"/>), so intervals compare structurally.
/// </summary>
internal sealed record Interval
{
    private Interval(double lower, bool lowerClosed, double upper, bool upperClosed)
    {
        // −0 and 0 are one end (so intervals compare and print alike).
        Lower = lower == 0 ? 0 : lower;
        Upper = upper == 0 ? 0 : upper;
        LowerClosed = lowerClosed && !double.IsInfinity(lower);
        UpperClosed = upperClosed && !double.IsInfinity(upper);
    }

    public double Lower { get; }

    public double Upper { get; }

    public bool LowerClosed { get; }

    public bool UpperClosed { get; }

    /// <summary>(−∞, ∞).</summary>
    public static Interval Real { get; } = new(double.NegativeInfinity, false, double.PositiveInfinity, false);

    /// <summary>The empty set.</summary>
    public static Interval Empty { get; } = new(double.PositiveInfinity, false, double.NegativeInfinity, false);

    /// <summary>An interval from its ends; NaN ends or an empty range give <see cref="Empty"/>.</summary>
    public static Interval Of(double lower, bool lowerClosed, double upper, bool upperClosed)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper
            || (lower == upper && !(lowerClosed && upperClosed)))
        {
            return Empty;
        }

        return new Interval(lower, lowerClosed, upper, upperClosed);
    }

    public static Interval Point(double value) => Of(value, true, value, true);

    public static Interval Open(double lower, double upper) => Of(lower, false, upper, false);

    public static Interval Closed(double lower, double upper) => Of(lower, true, upper, true);

    public bool IsEmpty => Lower > Upper;

    public bool IsReal => double.IsNegativeInfinity(Lower) && double.IsPositiveInfinity(Upper);

    public bool IsPoint => !IsEmpty && Lower == Upper;

    /// <summary>Every element is &gt; 0.</summary>
    public bool IsPositive => !IsEmpty && (Lower > 0 || (Lower == 0 && !LowerClosed));

    /// <summary>Every element is &lt; 0.</summary>
    public bool IsNegative => !IsEmpty && (Upper < 0 || (Upper == 0 && !UpperClosed));

    /// <summary>Every element is ≥ 0.</summary>
    public bool IsNonNegative => !IsEmpty && Lower >= 0;

    /// <summary>Every element is ≤ 0.</summary>
    public bool IsNonPositive => !IsEmpty && Upper <= 0;

    public bool Contains(double v) =>
        !IsEmpty && (v > Lower || (v == Lower && LowerClosed)) && (v < Upper || (v == Upper && UpperClosed));

    /// <summary>The smallest interval holding both.</summary>
    public Interval Hull(Interval other)
    {
        if (IsEmpty)
        {
            return other;
        }

        if (other.IsEmpty)
        {
            return this;
        }

        var (lo, loClosed) = Lower < other.Lower ? (Lower, LowerClosed)
            : other.Lower < Lower ? (other.Lower, other.LowerClosed)
            : (Lower, LowerClosed || other.LowerClosed);
        var (hi, hiClosed) = Upper > other.Upper ? (Upper, UpperClosed)
            : other.Upper > Upper ? (other.Upper, other.UpperClosed)
            : (Upper, UpperClosed || other.UpperClosed);
        return Of(lo, loClosed, hi, hiClosed);
    }

    public Interval Intersect(Interval other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return Empty;
        }

        var (lo, loClosed) = Lower > other.Lower ? (Lower, LowerClosed)
            : other.Lower > Lower ? (other.Lower, other.LowerClosed)
            : (Lower, LowerClosed && other.LowerClosed);
        var (hi, hiClosed) = Upper < other.Upper ? (Upper, UpperClosed)
            : other.Upper < Upper ? (other.Upper, other.UpperClosed)
            : (Upper, UpperClosed && other.UpperClosed);
        return Of(lo, loClosed, hi, hiClosed);
    }

    /// <summary>Interval notation, e.g. <c>(−1, 1)</c>, <c>[0, ∞)</c>, <c>∅</c>.</summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "∅";
        }

        return (LowerClosed ? "[" : "(") + Format(Lower) + ", " + Format(Upper) + (UpperClosed ? "]" : ")");
    }

    private static string Format(double v) => MathText.Number(v);
}
