using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// A whole parameter vector's copy, finiteness check and widening to double (≥ <see cref="GemmParallel.MinimumElements"/>
/// values) are shared with the GEMM worker by ranges (<see cref="RangeSplit"/>): every range once, the results of one
/// thread, nothing allocated, and the worker really used.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class LongVectorsThreadTests
{
    // A wide network's parameter count (784-512-512-10 without biases), and a ragged one.
    [Theory]
    [InlineData(669_696)]
    [InlineData(300_001)]
    public void TwoThreadsGiveTheResultsOfOne(int length)
    {
        Check<float>(length);
        Check<double>(length);
        var floats = TestData.Values<float>(7, length);
        double[] Widened()
        {
            var wide = new double[length];
            LongVectors.Widen(floats, wide);
            return wide;
        }
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        var two = TwoThreads.UntilSplit(Widened, $"widening {length} floats");
        for (var i = 0; i < length; i++) Assert.Equal((double)floats[i], two[i]);
        var plan = RowHalves.Create(length, [(0, length / 2 / 32 * 32, 32)]);
        var byPlan = TwoThreads.UntilSplit(() =>
        {
            var wide = new double[length];
            LongVectors.Widen(floats, wide, plan);
            return wide;
        }, $"widening {length} floats by a plan");
        Assert.True(two.AsSpan().SequenceEqual(byPlan));
        var target = new double[length];
        Assert.Equal(0, Allocations.SteadyState(() => LongVectors.Widen(floats, target)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(150_000)]
    [InlineData(669_695)]
    public void ANonFiniteValueAnywhereIsFoundOnTwoThreads(int at)
    {
        const int length = 669_696;
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var values = TestData.Values<float>(8, length);
            values[at] = bad;
            Assert.False(TwoThreads.UntilSplit(() => LongVectors.AllFinite<float>(values), $"{bad} at {at}"), $"{bad} at {at} not found");
        }
    }

    [Fact]
    public void EveryRangeRunsOnceOnMultiplesOfItsAlignment()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        foreach (var (count, alignment) in new[] { (512L, 1), (1_000L, 16), (669_696L, 64), (300_001L, 64), (130L, 64) })
        {
            var hits = new int[count];
            TwoThreads.UntilSplit(() =>
            {
                Array.Clear(hits);
                RangeSplit.Run(new CountingPass(hits, alignment), count, GemmParallel.MinimumElements, alignment);
                return 0;
            }, $"{count} in ranges of {alignment}");
            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void ShortVectorsStayOnTheCallersThread()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        var values = TestData.Values<float>(9, (int)GemmParallel.MinimumElements - 1);
        var copy = new float[values.Length];
        long jobs = GemmParallel.JobsCompleted;
        LongVectors.Copy<float>(values, copy);
        Assert.True(LongVectors.AllFinite<float>(values));
        Assert.Equal(jobs, GemmParallel.JobsCompleted);
        Assert.Equal(values, copy);
        Assert.True(LongVectors.AllFinite<float>(ReadOnlySpan<float>.Empty));
    }

    [Fact]
    public void AShortDestinationIsRefusedByName()
    {
        var values = new float[10];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => LongVectors.Copy<float>(values, new float[9])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => LongVectors.Widen(values, new double[9])).ParamName);
    }

    private static void Check<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = TestData.Values<T>(5, length);
        T[] Copied()
        {
            var copy = new T[length];
            LongVectors.Copy<T>(values, copy);
            return copy;
        }
        // And in the ranges of a plan: two weights of whole rows and what lies between and after them.
        var plan = RowHalves.Create(length, [(0, length / 3 / 64 * 64, 64), (length / 2, length / 4 / 16 * 16, 16)]);
        T[] CopiedByPlan()
        {
            var copy = new T[length];
            LongVectors.Copy<T>(values, copy, plan);
            return copy;
        }
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        Assert.True(TwoThreads.UntilSplit(Copied, $"copying {length} {typeof(T).Name}").AsSpan().SequenceEqual(values));
        Assert.True(TwoThreads.UntilSplit(CopiedByPlan, $"copying {length} {typeof(T).Name} by a plan").AsSpan().SequenceEqual(values));
        Assert.True(TwoThreads.UntilSplit(() => LongVectors.AllFinite<T>(values), $"checking {length} {typeof(T).Name}"));
        Assert.True(TwoThreads.UntilSplit(() => LongVectors.AllFinite<T>(values, plan), $"checking {length} {typeof(T).Name} by a plan"));
        var bad = (T[])values.Clone();
        bad[length - 1] = T.NaN;
        Assert.False(TwoThreads.UntilSplit(() => LongVectors.AllFinite<T>(bad, plan), $"a NaN at the end by a plan"));
        var target = new T[length];
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            LongVectors.Copy<T>(values, target);
            LongVectors.AllFinite<T>(values);
        }));
    }

    /// <summary>Counts each index it is run on, and checks that every range starts on a multiple of the alignment.</summary>
    private readonly struct CountingPass(int[] hits, int alignment) : IRangePass
    {
        public void Run(long from, long to)
        {
            Assert.True(from % alignment == 0 || from == hits.Length, $"a range starts at {from}, not on a multiple of {alignment}");
            for (var i = from; i < to; i++) System.Threading.Interlocked.Increment(ref hits[i]);
        }
    }
}
