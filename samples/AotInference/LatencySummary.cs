using System;
using System.Diagnostics;

namespace AotInference;

/// <summary>Median, 99th percentile and mean of per-image latencies, in microseconds.</summary>
public readonly record struct LatencySummary(double MedianMicroseconds, double P99Microseconds, double MeanMicroseconds, int Count)
{
    /// <summary>Summarises latencies given in <see cref="Stopwatch"/> ticks (nearest-rank percentiles).</summary>
    public static LatencySummary FromTicks(ReadOnlySpan<long> ticks)
    {
        if (ticks.IsEmpty) throw new ArgumentException("No latencies to summarise.", nameof(ticks));
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        foreach (var t in sorted) sum += t;
        var toMicroseconds = 1e6 / Stopwatch.Frequency;
        return new LatencySummary(
            Percentile(sorted, 0.50) * toMicroseconds,
            Percentile(sorted, 0.99) * toMicroseconds,
            sum / sorted.Length * toMicroseconds,
            sorted.Length);
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="fraction"/> of the values at or below it.</summary>
    public static long Percentile(ReadOnlySpan<long> sorted, double fraction)
    {
        if (sorted.IsEmpty) throw new ArgumentException("No values.", nameof(sorted));
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
