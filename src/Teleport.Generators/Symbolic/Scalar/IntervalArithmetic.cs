using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Sound interval arithmetic over the extended reals with open/closed ends. Results enclose the true
/// image: inexact finite ends are rounded outward (error-free transforms decide exactness of + and ×;
/// transcendental values move two ulps unless the point is special, e.g. exp(0) = 1). Limits at ±∞ are
/// exact (tanh → ±1, exp(−∞) → 0). A function applied outside its domain gives <see cref="Interval.Real"/>
/// ("anything, possibly NaN"), which no proof accepts.
/// </summary>
internal static partial class IntervalArithmetic
{
    public static Interval Negate(Interval a) =>
        a.IsEmpty ? a : Interval.Of(-a.Upper, a.UpperClosed, -a.Lower, a.LowerClosed);

    public static Interval Add(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return Interval.Empty;
        }

        return Interval.Of(
            SumDown(a.Lower, b.Lower), a.LowerClosed && b.LowerClosed,
            SumUp(a.Upper, b.Upper), a.UpperClosed && b.UpperClosed);
    }

    public static Interval Subtract(Interval a, Interval b) => Add(a, Negate(b));

    public static Interval Multiply(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return Interval.Empty;
        }

        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        bool loClosed = false, hiClosed = false;
        foreach (var (p, pClosed) in new[] { (a.Lower, a.LowerClosed), (a.Upper, a.UpperClosed) })
        {
            foreach (var (q, qClosed) in new[] { (b.Lower, b.LowerClosed), (b.Upper, b.UpperClosed) })
            {
                // 0·∞ = 0: an infinite end is an open limit, and a product with a zero factor is zero.
                var zero = p == 0 || q == 0;
                var exact = zero ? 0 : p * q;
                var attained = (pClosed && qClosed) || (p == 0 && pClosed) || (q == 0 && qClosed);
                var down = zero ? 0 : ProductDown(p, q);
                var up = zero ? 0 : ProductUp(p, q);

                // A rounded end is a strict outer bound: closing it is harmless and keeps ties simple.
                var downClosed = down != exact || attained;
                var upClosed = up != exact || attained;
                if (down < lo)
                {
                    (lo, loClosed) = (down, downClosed);
                }
                else if (down == lo)
                {
                    loClosed |= downClosed;
                }

                if (up > hi)
                {
                    (hi, hiClosed) = (up, upClosed);
                }
                else if (up == hi)
                {
                    hiClosed |= upClosed;
                }
            }
        }

        return Interval.Of(lo, loClosed, hi, hiClosed);
    }

    /// <summary>1/a; <see cref="Interval.Real"/> when a may be zero.</summary>
    public static Interval Reciprocal(Interval a)
    {
        if (a.IsEmpty)
        {
            return a;
        }

        if (a.Contains(0) || (a.Lower < 0 && a.Upper > 0))
        {
            return Interval.Real;
        }

        if (a.Upper <= 0)
        {
            return Negate(Reciprocal(Negate(a)));
        }

        // a ⊂ (0, ∞) (0 at most as an open end): 1/v is decreasing there, 1/0+ = ∞, 1/∞ = 0.
        return Interval.Of(RecipDown(a.Upper), a.UpperClosed, RecipUp(a.Lower), a.LowerClosed);
    }

    public static Interval Divide(Interval a, Interval b) => Multiply(a, Reciprocal(b));

    public static Interval Abs(Interval a)
    {
        if (a.IsEmpty || a.Lower >= 0)
        {
            return a;
        }

        if (a.Upper <= 0)
        {
            return Negate(a);
        }

        var (hi, hiClosed) = -a.Lower > a.Upper ? (-a.Lower, a.LowerClosed)
            : a.Upper > -a.Lower ? (a.Upper, a.UpperClosed)
            : (a.Upper, a.UpperClosed || a.LowerClosed);
        return Interval.Of(0, true, hi, hiClosed);
    }

    public static Interval Sign(Interval a)
    {
        var result = Interval.Empty;
        if (a.Lower < 0)
        {
            result = result.Hull(Interval.Point(-1));
        }

        if (a.Contains(0))
        {
            result = result.Hull(Interval.Point(0));
        }

        if (a.Upper > 0)
        {
            result = result.Hull(Interval.Point(1));
        }

        return result;
    }

    public static Interval Max(Interval a, Interval b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return Interval.Empty;
        }

        var (lo, loClosed) = a.Lower > b.Lower ? (a.Lower, a.LowerClosed)
            : b.Lower > a.Lower ? (b.Lower, b.LowerClosed)
            : (a.Lower, a.LowerClosed && b.LowerClosed);
        var (hi, hiClosed) = a.Upper > b.Upper ? (a.Upper, a.UpperClosed)
            : b.Upper > a.Upper ? (b.Upper, b.UpperClosed)
            : (a.Upper, a.UpperClosed || b.UpperClosed);
        return Interval.Of(lo, loClosed, hi, hiClosed);
    }

    public static Interval Min(Interval a, Interval b) => Negate(Max(Negate(a), Negate(b)));

    /// <summary>a^n for an integer n.</summary>
    public static Interval PowInteger(Interval a, int n)
    {
        if (a.IsEmpty)
        {
            return a;
        }

        if (n == 0)
        {
            return Interval.Point(1);
        }

        if (n < 0)
        {
            return Reciprocal(PowInteger(a, -n));
        }

        if (n == 1)
        {
            return a;
        }

        Func<double, double> pow = v => Math.Pow(v, n);

        // Odd powers are increasing on ℝ; even powers are increasing in |a|.
        return Increasing(n % 2 == 1 ? a : Abs(a), pow, IsExactPower);
    }

    /// <summary>a^q for a non-integer q (domain a ≥ 0, a &gt; 0 when q &lt; 0).</summary>
    public static Interval PowReal(Interval a, double q)
    {
        if (a.IsEmpty)
        {
            return a;
        }

        if (a.Lower < 0 || (q < 0 && a.Contains(0)))
        {
            return Interval.Real;
        }

        Func<double, double> pow = v => Math.Pow(v, q);
        return q > 0
            ? Increasing(a, pow, v => v == 0 || v == 1 || double.IsInfinity(v))
            : Negate(Increasing(a, v => -Math.Pow(v, q), v => v == 1 || double.IsInfinity(v)));
    }

    /// <summary>
    /// The image of an increasing function over <paramref name="a"/>, which must lie in the function's domain.
    /// <paramref name="isExactAt"/> tells where the library value is exact (no outward rounding needed).
    /// </summary>
    public static Interval Increasing(Interval a, Func<double, double> f, Func<double, bool> isExactAt)
    {
        if (a.IsEmpty)
        {
            return a;
        }

        var lo = f(a.Lower);
        var hi = f(a.Upper);
        if (!double.IsInfinity(a.Lower) && !isExactAt(a.Lower))
        {
            lo = NumericFunctions.NextDown(NumericFunctions.NextDown(lo));
        }

        if (!double.IsInfinity(a.Upper) && !isExactAt(a.Upper))
        {
            hi = NumericFunctions.NextUp(NumericFunctions.NextUp(hi));
        }

        return Interval.Of(lo, a.LowerClosed, hi, a.UpperClosed);
    }

    private static bool IsExactPower(double v) => v == 0 || v == 1 || v == -1 || double.IsInfinity(v);
}
