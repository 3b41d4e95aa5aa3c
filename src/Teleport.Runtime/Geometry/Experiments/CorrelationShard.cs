using System;
using System.Globalization;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// Part K of N of a study (1 ≤ K ≤ N): the runs i with i mod N = K − 1, so every shard gets runs from the whole
/// range and the parts of N processes cover each run exactly once.
/// </summary>
public readonly record struct CorrelationShard(int Index, int Count)
{
    /// <summary>The whole study in one part.</summary>
    public static CorrelationShard Whole => new(1, 1);

    /// <summary>Whether run <paramref name="run"/> belongs to this shard.</summary>
    public bool Contains(int run) => run % Count == Index - 1;

    /// <summary>Parses "K/N"; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static CorrelationShard Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new FormatException($"--shard takes K/N (e.g. 2/8: the second of 8 parts), not \"{text}\".");
        if (n < 1 || k < 1 || k > n) throw new FormatException($"--shard {text}: K must be between 1 and N.");
        return new CorrelationShard(k, n);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
