using System;
using System.Threading;
using Teleport.Data;

namespace Teleport.Geometry.Statistics;

/// <summary>A percentile bootstrap confidence interval of a correlation coefficient.</summary>
/// <param name="Low">The lower end (the (1 − level)/2 quantile of the resampled coefficients).</param>
/// <param name="High">The upper end (the (1 + level)/2 quantile).</param>
/// <param name="Level">The confidence level, e.g. 0.95.</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="Valid">Resamples whose coefficient was defined (a resample with a constant variable has none and is left out).</param>
public readonly record struct BootstrapInterval(double Low, double High, double Level, int Resamples, int Valid)
{
    /// <summary>
    /// Resamples the n pairs with replacement <paramref name="resamples"/> times (indices from a
    /// <see cref="SeededRandom"/> of <paramref name="seed"/>, so the interval is reproducible), computes the
    /// coefficient of each resample, and returns the percentile interval: the quantiles (1 ∓ level)/2 of the
    /// defined coefficients, linearly interpolated between order statistics (NumPy's default quantile).
    /// NaN ends when fewer than 2 resamples are defined.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled (checked every
    /// <see cref="CancellationInterval"/> resamples: <c>--bootstrap 10000000</c> is minutes of work per interval).</exception>
    public static BootstrapInterval Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, CorrelationKind kind, int resamples, long seed, double level = 0.95,
        CancellationToken cancellation = default)
    {
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} values and y has {y.Length}.", nameof(y));
        if (kind is not (CorrelationKind.Pearson or CorrelationKind.Spearman))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The correlation kind must be Pearson or Spearman.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be in (0, 1).");
        var n = x.Length;
        var random = new SeededRandom(seed);
        var bx = new double[n];
        var by = new double[n];
        var rx = new double[n];
        var ry = new double[n];
        var order = new int[n];
        var values = new double[resamples];
        var valid = 0;
        for (var b = 0; b < resamples; b++)
        {
            if (b % CancellationInterval == 0) cancellation.ThrowIfCancellationRequested();
            for (var i = 0; i < n; i++)
            {
                var j = random.NextInt(n);
                bx[i] = x[j];
                by[i] = y[j];
            }
            var r = kind == CorrelationKind.Pearson ? Correlation.PearsonR(bx, by) : Correlation.SpearmanR(bx, by, rx, ry, order);
            if (!double.IsNaN(r)) values[valid++] = r;
        }
        if (valid < 2) return new BootstrapInterval(double.NaN, double.NaN, level, resamples, valid);
        var defined = values.AsSpan(0, valid);
        defined.Sort();
        return new BootstrapInterval(Quantile(defined, (1 - level) / 2), Quantile(defined, (1 + level) / 2), level, resamples, valid);
    }

    /// <summary>Resamples between two looks at the token: a few hundred resamples of a study's runs take microseconds.</summary>
    internal const int CancellationInterval = 256;

    /// <summary>The p-quantile of sorted values, linear between order statistics at h = (m − 1)p.</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
