using System;

namespace Teleport.Geometry.Statistics;

/// <summary>Pearson's r and Spearman's ρ with their two-sided p-values (the tests of SciPy's pearsonr and spearmanr).</summary>
public static class Correlation
{
    /// <summary>Pearson's r of the pairs (x_i, y_i), with its p-value.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or hold NaN.</exception>
    public static CorrelationTest Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        var r = PearsonR(x, y);
        return new CorrelationTest(r, PValue(r, x.Length), x.Length);
    }

    /// <summary>Spearman's ρ (Pearson's r of the average ranks) of the pairs, with its p-value.</summary>
    /// <exception cref="ArgumentException">The spans differ in length or hold NaN.</exception>
    public static CorrelationTest Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        Check(x, y);
        var n = x.Length;
        var rx = new double[n];
        var ry = new double[n];
        var order = new int[n];
        var r = SpearmanR(x, y, rx, ry, order);
        return new CorrelationTest(r, PValue(r, n), n);
    }

    /// <summary>
    /// r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²), two passes in double, clamped to [−1, 1];
    /// NaN when n &lt; 2, either variable is constant, or a value is infinite. Allocation-free.
    /// </summary>
    /// <remarks>
    /// Each variable is first scaled by a power of two that brings its largest magnitude into [1, 2): r does not change
    /// with the scale, and a power of two changes no rounding, so the result has the same bits as unscaled whenever that
    /// neither overflows nor underflows — and stays finite when it would (a bad-input sweep's test loss of 10³⁰⁸ made
    /// Σ(x − x̄)² infinite and r NaN; values near 10⁻³²³ made it 0).
    /// </remarks>
    public static double PearsonR(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        if (n < 2) return double.NaN;
        double ax = UnitScale(x), ay = UnitScale(y);
        if (double.IsNaN(ax) || double.IsNaN(ay)) return double.NaN;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += x[i] * ax;
            my += y[i] * ay;
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] * ax - mx;
            var dy = y[i] * ay - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary><see cref="PowerOfTwoScale.ToUnit"/> of the largest magnitude.</summary>
    private static double UnitScale(ReadOnlySpan<double> values)
    {
        var largest = 0.0;
        foreach (var v in values) largest = Math.Max(largest, Math.Abs(v));
        return PowerOfTwoScale.ToUnit(largest);
    }

    /// <summary>Spearman's ρ with caller scratch (ranks of x and y, an index buffer, each of length n). Allocation-free.</summary>
    public static double SpearmanR(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> xRanks, Span<double> yRanks, Span<int> order)
    {
        Ranks.Average(x, xRanks, order);
        Ranks.Average(y, yRanks, order);
        return PearsonR(xRanks, yRanks);
    }

    /// <summary>The two-sided p-value of a correlation r over n pairs: Student's t with n − 2 degrees of freedom.</summary>
    public static double PValue(double r, int n)
    {
        if (double.IsNaN(r) || n < 3) return double.NaN;
        if (Math.Abs(r) >= 1) return 0;
        var df = n - 2.0;
        var t = r * Math.Sqrt(df / ((1 - r) * (1 + r)));
        return StudentT.TwoSidedPValue(t, df);
    }

    private static void Check(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"x has {x.Length} values and y has {y.Length}: correlations need pairs.", nameof(y));
        for (var i = 0; i < x.Length; i++)
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
                throw new ArgumentException($"pair {i} holds NaN.", double.IsNaN(x[i]) ? nameof(x) : nameof(y));
    }
}
