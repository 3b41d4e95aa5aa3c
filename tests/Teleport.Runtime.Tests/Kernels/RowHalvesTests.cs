using System;
using System.Linq;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// The plan of a parameter vector for two threads: every index once; in claiming order, the first half of the rows of every
/// weight (this thread's, from the front), then the second halves (the worker's, from the back); small tensors and gaps on
/// this thread's side.
/// </summary>
public sealed class RowHalvesTests
{
    // 784-512-512-10 with a bias on the first layer: W1 [512 × 784], b1 [512], W2 [512 × 512], W3 [10 × 512].
    private static readonly (long Offset, long Length, int Rows)[] Wide =
        [(0, 512 * 784, 512), (512 * 784, 512, 512), (512 * 785, 512 * 512, 512), (512 * 785 + 512 * 512, 10 * 512, 10)];

    private static long WideCount => 512 * 785 + 512 * 512 + 10 * 512;

    [Fact]
    public void EveryIndexOnceFirstHalvesThenSecondHalves()
    {
        var plan = RowHalves.Create(WideCount + 100, Wide); // and 100 values after the last tensor
        var hits = new int[plan.Count];
        for (var i = 0; i < plan.From.Length; i++)
            for (var x = plan.From[i]; x < plan.To[i]; x++) hits[x]++;
        Assert.All(hits, h => Assert.Equal(1, h));

        // Which half of its tensor each range is in (small tensors and gaps count as first halves).
        bool SecondHalf(long from)
        {
            foreach (var (offset, length, rows) in Wide)
                if (from >= offset && from < offset + length)
                    return length >= RowHalves.MinimumSplit && from >= offset + rows / 2 * (length / rows);
            return false;
        }
        var halves = plan.From.Select(SecondHalf).ToArray();
        int firstSecond = Array.IndexOf(halves, true);
        Assert.True(firstSecond > 0, "no second half");
        Assert.All(halves[firstSecond..], h => Assert.True(h, "a first half after a second half"));
        // Whole rows, and the pieces of each half of W1 split further (a late thread can take some of the other's).
        foreach (var (from, to) in plan.From.Zip(plan.To).Where(r => r.First < 512 * 784))
        {
            Assert.Equal(0, from % 784);
            Assert.Equal(0, to % 784);
        }
        Assert.Equal(2 * RowHalves.PiecesPerHalf, plan.From.Count(f => f < 512 * 784));
        // The bias (512 values) stays whole, on this thread's side.
        Assert.Contains(plan.From.Zip(plan.To), r => r == (512L * 784, 512L * 785));
    }

    [Fact]
    public void OverlappingOrOverlongTensorsAreRefused()
    {
        Assert.Equal("tensors", Assert.Throws<ArgumentException>(() => RowHalves.Create(100, [(0, 60, 6), (50, 50, 5)])).ParamName);
        Assert.Equal("tensors", Assert.Throws<ArgumentException>(() => RowHalves.Create(100, [(0, 120, 6)])).ParamName);
    }
}
