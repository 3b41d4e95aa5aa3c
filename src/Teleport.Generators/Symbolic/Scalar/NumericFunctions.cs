using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Double-precision functions missing from netstandard2.0's <see cref="Math"/>, accurate to a few ulps:
/// log1p and expm1 by the Goldberg/Kahan correction (exact subtraction near 1), atanh through log1p.
/// </summary>
internal static class NumericFunctions
{
    public static double Sigmoid(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));

    /// <summary>log(1 + u) without cancellation for small u.</summary>
    public static double Log1p(double u)
    {
        var w = 1 + u;
        if (Math.Abs(u) >= 0.5 || double.IsNaN(u))
        {
            return Math.Log(w);
        }

        // w − 1 is exact here; log(w)·u/(w − 1) cancels the rounding of 1 + u.
        return w == 1 ? u : Math.Log(w) * (u / (w - 1));
    }

    /// <summary>exp(u) − 1 without cancellation for small u.</summary>
    public static double Expm1(double u)
    {
        var w = Math.Exp(u);
        if (Math.Abs(u) >= 0.5 || double.IsNaN(u))
        {
            return w - 1;
        }

        return w == 1 ? u : (w - 1) * (u / Math.Log(w));
    }

    public static double Atanh(double u) => 0.5 * (Log1p(u) - Log1p(-u));

    /// <summary>−1, 0 (keeping the sign of zero) or 1; NaN for NaN.</summary>
    public static double Sign(double u) => u > 0 ? 1 : u < 0 ? -1 : u;

    public static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

    public static bool IsInteger(double v) => IsFinite(v) && Math.Floor(v) == v;

    /// <summary>The next representable double above <paramref name="v"/> (identity for NaN and +∞).</summary>
    public static double NextUp(double v)
    {
        if (double.IsNaN(v) || double.IsPositiveInfinity(v))
        {
            return v;
        }

        if (v == 0)
        {
            return double.Epsilon;
        }

        var bits = BitConverter.DoubleToInt64Bits(v);
        return BitConverter.Int64BitsToDouble(v > 0 ? bits + 1 : bits - 1);
    }

    /// <summary>The next representable double below <paramref name="v"/>.</summary>
    public static double NextDown(double v) => -NextUp(-v);
}
