using System;
using System.Collections.Generic;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// Tests that change <see cref="MatrixMultiply.MaxThreads"/>, a process-wide setting: they run in a
/// collection of their own, never in parallel with other tests (whose allocation checks would see the
/// worker thread's products otherwise).
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public class MatrixMultiplyThreadTests
{
    /// <summary>
    /// Chunks of columns, claimed by whichever thread is free, with A packed once for both on the packed
    /// path (several row and depth blocks: 301 × 400, 517 deep), at every tile height (5 does not divide
    /// the 144-row block): the bits of one thread.
    /// </summary>
    [Theory]
    [InlineData(ProductKind.NT, 128, 784, 512, 0)]
    [InlineData(ProductKind.TN, 512, 128, 784, 0)]
    [InlineData(ProductKind.NN, 301, 400, 290, 0)]
    [InlineData(ProductKind.NN, 301, 517, 290, 5)]
    [InlineData(ProductKind.TN, 300, 517, 301, 6)]
    [InlineData(ProductKind.NT, 200, 300, 1000, 12)]
    [InlineData(ProductKind.NN, 7, 9000, 600, 0)]
    public void TwoThreadsGiveBitIdenticalResults(ProductKind kind, int m, int k, int n, int tileRows)
    {
        int saved = MatrixMultiply.MaxThreads;
        using var scope = new KernelScope(SimdWidth.Auto, tileRows: tileRows);
        try
        {
            var a = TestData.Floats(m * k, 1);
            var b = TestData.Floats(k * n, 2);
            var start = TestData.Floats(m * n, 3);
            var one = (float[])start.Clone();
            var two = (float[])start.Clone();
            MatrixMultiply.MaxThreads = 1;
            MatrixMultiplyReference.Call(kind, a, b, one, m, k, n, accumulate: true);
            MatrixMultiply.MaxThreads = 2;
            MatrixMultiplyReference.Call(kind, a, b, two, m, k, n, accumulate: true);
            Assert.Equal(one, two);
            // The worker really takes chunks (retry: a concurrently running test may hold it, or a worker that was
            // preempted on a loaded machine may have put splitting on hold for GemmParallel.Cooldown products).
            bool split = false;
            for (int attempt = 0; attempt < 200 && !split; attempt++)
            {
                long jobs = GemmParallel.JobsCompleted;
                MatrixMultiplyReference.Call(kind, a, b, two, m, k, n, accumulate: false);
                split = GemmParallel.JobsCompleted > jobs;
            }
            Assert.True(split, "the product never ran on two threads");
            MatrixMultiplyChecker.Check<double>(kind, m, k, n, accumulate: false, seed: 4);
            long before = GC.GetAllocatedBytesForCurrentThread();
            MatrixMultiplyReference.Call(kind, a, b, two, m, k, n, accumulate: false);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            MatrixMultiply.MaxThreads = saved;
        }
    }
}

/// <summary>The collection of tests that touch process-wide kernel settings; not run in parallel with anything.</summary>
[CollectionDefinition(nameof(GlobalKernelSettings), DisableParallelization = true)]
public sealed class GlobalKernelSettings;
