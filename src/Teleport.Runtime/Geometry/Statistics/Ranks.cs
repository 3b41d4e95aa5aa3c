using System;

namespace Teleport.Geometry.Statistics;

/// <summary>Ranks for Spearman's ρ: 1 … n in increasing order, ties sharing the mean of their ranks.</summary>
public static class Ranks
{
    /// <summary>
    /// Writes the average ranks of <paramref name="values"/> to <paramref name="ranks"/>, using
    /// <paramref name="order"/> (same length) as scratch. NaN is not allowed (it has no order).
    /// Allocation-free.
    /// </summary>
    public static void Average(ReadOnlySpan<double> values, Span<double> ranks, Span<int> order)
    {
        var n = values.Length;
        if (ranks.Length != n || order.Length != n)
            throw new ArgumentException($"ranks and order need {n} values, like values.", nameof(ranks));
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i])) throw new ArgumentException($"values[{i}] is NaN, which has no rank.", nameof(values));
            order[i] = i;
        }
        // Insertion sort of the indices by value, stable; n is a number of runs (tens to hundreds).
        for (var i = 1; i < n; i++)
        {
            var index = order[i];
            var value = values[index];
            var j = i - 1;
            while (j >= 0 && values[order[j]] > value)
            {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = index;
        }
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) end++;
            // Ranks start + 1 … end share their mean.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++) ranks[order[k]] = rank;
            start = end;
        }
    }
}
