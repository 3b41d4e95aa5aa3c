using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// A long reduction (≥ <see cref="DeterministicReduction.RangedLength"/> values: a wide network's ‖∇L‖²) is the in-order sum
/// of fixed ranges, each reduced as a short vector is: the same bits on one thread and two, at every width, and a double
/// sum's accuracy.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class ReductionThreadTests
{
    [Theory]
    [InlineData(669_696)]
    [InlineData(300_001)]
    public void TwoThreadsGiveTheBitsOfOneAndTheFixedRangesDefinition(int length)
    {
        Check<float>(length);
        Check<double>(length);
    }

    [Fact]
    public void AShortReductionIsOneRange()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        var x = TestData.Values<float>(3, (int)DeterministicReduction.RangedLength - 1);
        long jobs = GemmParallel.JobsCompleted;
        double squares = Reductions.DotAsDouble<float>(x, x);
        Assert.Equal(jobs, GemmParallel.JobsCompleted);
        double reference = 0;
        foreach (var v in x) reference += (double)v * v;
        Assert.Equal(reference, squares, reference * 1e-11);
    }

    private static void Check<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = TestData.Values<T>(1, length);
        var y = TestData.Values<T>(2, length);
        double[] All() => [Reductions.DotAsDouble<T>(x, y), double.CreateTruncating(Reductions.SumOfSquares<T>(x)), double.CreateTruncating(Reductions.Sum<T>(x))];

        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        var one = All();
        // The definition: the fixed ranges' reductions (each shorter than the threshold: one range), added in order.
        double definition = 0, naive = 0;
        for (var r = 0; r < DeterministicReduction.Ranges; r++)
        {
            int start = (int)DeterministicReduction.RangeStart(length, r), end = (int)DeterministicReduction.RangeStart(length, r + 1);
            Assert.Equal(0, start % DeterministicReduction.Lanes);
            definition += Reductions.DotAsDouble<T>(x.AsSpan(start, end - start), y.AsSpan(start, end - start));
        }
        for (var i = 0; i < length; i++) naive += double.CreateTruncating(x[i]) * double.CreateTruncating(y[i]);
        Assert.Equal(definition, one[0]);
        Assert.Equal(naive, one[0], Math.Abs(naive) * 1e-10 + 1e-9);
        foreach (var width in KernelScope.AllWidths)
        {
            using var scope = new KernelScope(width);
            Assert.Equal(one, All());
        }
        MatrixMultiply.MaxThreads = 2;
        var two = TwoThreads.UntilSplit(All, $"{typeof(T).Name} reductions of {length}");
        Assert.Equal(one, two);
        Assert.Equal(0, Allocations.SteadyState(() => Reductions.SumOfSquares<T>(x)));
    }
}
