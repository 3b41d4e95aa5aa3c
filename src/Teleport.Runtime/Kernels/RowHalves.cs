using System;
using System.Collections.Generic;

namespace Teleport.Kernels;

/// <summary>
/// A parameter vector cut into ranges, listed in the order in which two threads claim them (<see cref="GemmParallel"/>:
/// this thread from the front, the worker from the back) so that, both on time, this thread runs the first half of the
/// rows of every weight tensor and the worker the second half — the rows each already holds from the products split
/// between them (a product split by rows or columns of W gives this thread the first rows of W, its gradient and its
/// update). Small tensors and anything between tensors go to this thread's half.
/// </summary>
/// <remarks>
/// Why: a pass over the whole vector cut into equal ranges gave this thread all of the first weight's first 430 of 512
/// rows and the worker all of the second weight. On a VM in a phase where a core reads what the other has just written
/// at a third of the speed of its own data, the wide network's teleport then took 15.9–17.0 ms on two threads against
/// 14.4 ms with these passes on one (two interleaved pairs).
/// </remarks>
internal sealed class RowHalves
{
    /// <summary>Tensors of fewer values stay whole on this thread's side.</summary>
    internal const long MinimumSplit = 4096;

    /// <summary>Ranges per half of a split tensor, so that a thread that finds the other late can take part of its half.</summary>
    internal const int PiecesPerHalf = 4;

    private RowHalves(long count, long[] from, long[] to)
    {
        Count = count;
        From = from;
        To = to;
    }

    /// <summary>The length of the vector the ranges cover, each index once.</summary>
    public long Count { get; }

    /// <summary>Start of each range, in claiming order.</summary>
    internal long[] From { get; }

    /// <summary>End (exclusive) of each range, in claiming order.</summary>
    internal long[] To { get; }

    /// <summary>The plan for a vector of <paramref name="count"/> values holding <paramref name="tensors"/> (offset, length, rows; non-overlapping).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> is null.</exception>
    /// <exception cref="ArgumentException">A tensor overlaps another or ends past <paramref name="count"/>.</exception>
    public static RowHalves Create(long count, IEnumerable<(long Offset, long Length, int Rows)> tensors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(tensors);
        var sorted = new List<(long Offset, long Length, int Rows)>(tensors);
        sorted.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        var front = new List<(long, long)>();
        var back = new List<(long, long)>();
        long position = 0;
        foreach (var (offset, length, rows) in sorted)
        {
            if (offset < position || length < 0 || offset + length > count)
                throw new ArgumentException($"The tensor at {offset} of {length} values overlaps another or ends past {count}.", nameof(tensors));
            if (offset > position) front.Add((position, offset));
            if (length < MinimumSplit || rows < 2 || length % rows != 0)
            {
                if (length > 0) front.Add((offset, offset + length));
            }
            else
            {
                long rowLength = length / rows, middle = offset + rows / 2 * rowLength;
                AddPieces(front, offset, middle, rowLength);
                AddPieces(back, middle, offset + length, rowLength);
            }
            position = offset + length;
        }
        if (position < count) front.Add((position, count));
        back.Reverse();
        front.AddRange(back);
        var from = new long[front.Count];
        var to = new long[front.Count];
        for (int i = 0; i < front.Count; i++) (from[i], to[i]) = front[i];
        return new RowHalves(count, from, to);
    }

    /// <summary>[start, end) in up to <see cref="PiecesPerHalf"/> ranges of whole rows.</summary>
    private static void AddPieces(List<(long, long)> ranges, long start, long end, long rowLength)
    {
        long rows = (end - start) / rowLength;
        int pieces = (int)Math.Min(PiecesPerHalf, rows);
        for (int p = 0; p < pieces; p++)
        {
            long a = start + rows * p / pieces * rowLength, b = start + rows * (p + 1) / pieces * rowLength;
            if (b > a) ranges.Add((a, b));
        }
    }
}
