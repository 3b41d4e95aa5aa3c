using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Outward rounding: error-free transforms decide whether a computed end is exact.</summary>
internal static partial class IntervalArithmetic
{
    private static double SumDown(double a, double b)
    {
        var s = a + b;
        return double.IsInfinity(s) || TwoSumError(a, b, s) >= 0 ? s : NumericFunctions.NextDown(s);
    }

    private static double SumUp(double a, double b)
    {
        var s = a + b;
        return double.IsInfinity(s) || TwoSumError(a, b, s) <= 0 ? s : NumericFunctions.NextUp(s);
    }

    /// <summary>The exact error (a + b) − fl(a + b) (Knuth's TwoSum).</summary>
    private static double TwoSumError(double a, double b, double s)
    {
        var bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    private static double ProductDown(double a, double b)
    {
        var p = a * b;
        return double.IsInfinity(p) ? p : ProductError(a, b, p) is var e && e >= 0 ? p : NumericFunctions.NextDown(p);
    }

    private static double ProductUp(double a, double b)
    {
        var p = a * b;
        return double.IsInfinity(p) ? p : ProductError(a, b, p) is var e && e <= 0 ? p : NumericFunctions.NextUp(p);
    }

    /// <summary>
    /// The error a·b − fl(a·b) by Dekker's TwoProduct; NaN (treated as inexact in both directions) where the
    /// splitting could overflow or underflow.
    /// </summary>
    private static double ProductError(double a, double b, double p)
    {
        if (double.IsInfinity(a) || double.IsInfinity(b))
        {
            return 0;
        }

        var m = Math.Abs(p);
        if (Math.Abs(a) > 1e150 || Math.Abs(b) > 1e150 || (m != 0 && m < 1e-280))
        {
            return double.NaN;
        }

        var (ah, al) = Split(a);
        var (bh, bl) = Split(b);
        return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    }

    private static (double High, double Low) Split(double a)
    {
        var c = 134217729.0 * a;
        var high = c - (c - a);
        return (high, a - high);
    }

    private static double RecipDown(double v) =>
        double.IsInfinity(v) ? 0 : v == 0 ? double.PositiveInfinity : IsPowerOfTwo(v) ? 1 / v : NumericFunctions.NextDown(1 / v);

    private static double RecipUp(double v) =>
        double.IsInfinity(v) ? 0 : v == 0 ? double.PositiveInfinity : IsPowerOfTwo(v) ? 1 / v : NumericFunctions.NextUp(1 / v);

    private static bool IsPowerOfTwo(double v)
    {
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(v));
        return (bits & 0xFFFFFFFFFFFFFL) == 0 && (bits >> 52) is > 0 and < 2047;
    }
}
