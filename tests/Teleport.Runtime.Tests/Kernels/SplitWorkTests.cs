using System;
using System.Diagnostics;
using System.Threading;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// <see cref="MatrixMultiply.SplitWork"/>: each split call is counted once, the helper's chunks and the caller's wait for
/// them land in their sums, and work on one thread adds nothing.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public class SplitWorkTests
{
    /// <summary>A pass whose ranges spin for <see cref="Spin"/> on the helper and return at once on the caller.</summary>
    private readonly struct HelperSpinPass : IRangePass
    {
        public static TimeSpan Spin;

        public void Run(long from, long to)
        {
            if (!GemmParallel.OnWorker) return;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Spin) { }
        }
    }

    [Fact]
    public void TheHelpersChunksAndTheCallersWaitForThemAreCounted()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        HelperSpinPass.Spin = TimeSpan.FromMilliseconds(2);
        try
        {
            var clock = Stopwatch.StartNew();
            for (var attempt = 0; TwoThreads.KeepTrying(attempt, clock, 10); attempt++)
            {
                SplitCooldown.Reset();
                long jobs = GemmParallel.JobsCompleted;
                var before = MatrixMultiply.SplitWork;
                var call = Stopwatch.StartNew();
                RangeSplit.Run(new HelperSpinPass(), 1 << 20, 1 << 20);
                var wall = call.Elapsed.TotalSeconds;
                long helperChunks = GemmParallel.JobsCompleted - jobs;
                if (helperChunks == 0) continue; // the helper was busy or late: the caller took every range

                // The helper adds its time once its chunks are done, which may be just after the call returns.
                var spun = helperChunks * HelperSpinPass.Spin.TotalSeconds;
                SpinWait.SpinUntil(() => MatrixMultiply.SplitWork.Since(before).HelperSeconds >= spun, TimeSpan.FromSeconds(10));
                var split = MatrixMultiply.SplitWork.Since(before);
                Assert.Equal(1, split.Calls);
                Assert.True(split.HelperSeconds >= spun, $"helper {split.HelperSeconds} s, its chunks spun {spun} s");
                // The caller's own time and its wait lie inside the call.
                Assert.True(split.CallerSeconds >= 0 && split.WaitSeconds >= 0);
                Assert.True(split.CallerSeconds + split.WaitSeconds <= wall,
                    $"caller {split.CallerSeconds} s + wait {split.WaitSeconds} s, the call {wall} s");
                // Busy time over a wall time W: W less the waits, plus the helper's.
                Assert.Equal(1.0 - split.WaitSeconds + split.HelperSeconds, split.BusySeconds(1.0), 12);
                return;
            }
            Assert.Fail("the helper never took a range");
        }
        finally
        {
            SplitCooldown.Reset();
        }
    }

    [Fact]
    public void WorkOnOneThreadIsNotCounted()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        const int m = 128, k = 784, n = 512; // large enough to split on two threads
        Assert.True((long)m * k * n >= GemmParallel.MinimumWork);
        var a = TestData.Floats(m * k, 1);
        var b = TestData.Floats(k * n, 2);
        var c = new float[m * n];
        var before = MatrixMultiply.SplitWork;
        for (var i = 0; i < 3; i++) MatrixMultiply.NN(a, b, c, m, k, n);
        Assert.Equal(default, MatrixMultiply.SplitWork.Since(before));
    }

    [Fact]
    public void SinceSubtractsEveryField()
    {
        var later = new SplitWork(7, 3.0, 0.5, 2.5);
        var earlier = new SplitWork(2, 1.0, 0.25, 0.5);
        Assert.Equal(new SplitWork(5, 2.0, 0.25, 2.0), later.Since(earlier));
    }
}
