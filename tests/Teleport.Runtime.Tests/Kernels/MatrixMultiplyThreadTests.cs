using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Kernels;
using Teleport.Testing;

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
    /// Chunks of columns or of rows (<see cref="GemmParallel.SplitsRows"/>), claimed by whichever thread is free, with A packed once for both on the packed
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
    [InlineData(ProductKind.TN, 512, 128, 512, 0)]
    [InlineData(ProductKind.NT, 700, 300, 200, 12)]
    [InlineData(ProductKind.TN, 517, 100, 700, 6)]
    [InlineData(ProductKind.NN, 256, 256, 256, 0)] // 16.8 M multiply-adds: split since the threshold is 8 M
    [InlineData(ProductKind.TN, 200, 256, 164, 0)] // 8.4 M, just above it
    public void TwoThreadsGiveBitIdenticalResults(ProductKind kind, int m, int k, int n, int tileRows)
    {
        using var threads = new ThreadCountScope();
        using var scope = new KernelScope(SimdWidth.Auto, tileRows: tileRows);
        var a = TestData.Floats(m * k, 1);
        var b = TestData.Floats(k * n, 2);
        var start = TestData.Floats(m * n, 3);
        var one = (float[])start.Clone();
        var two = (float[])start.Clone();
        MatrixMultiply.MaxThreads = 1;
        MatrixMultiplyReference.Call(kind, a, b, one, m, k, n, accumulate: true);
        MatrixMultiply.MaxThreads = 2;
        // Until the worker really takes chunks, then the bits of one thread.
        TwoThreads.UntilSplit(() =>
        {
            start.CopyTo(two, 0);
            MatrixMultiplyReference.Call(kind, a, b, two, m, k, n, accumulate: true);
            return two;
        }, "the product");
        Assert.Equal(one, two);
        MatrixMultiplyChecker.Check<double>(kind, m, k, n, accumulate: false, seed: 4);
        Assert.Equal(0, Allocations.SteadyState(() => MatrixMultiplyReference.Call(kind, a, b, two, m, k, n, accumulate: false)));
    }

    /// <summary>
    /// On the packed path a column-split product's A is packed by both threads, panel by panel, into one buffer that
    /// every such product reuses: two products in a row with different A (several row blocks, tile heights that do not
    /// divide the 144-row block, a partial last panel) each give one thread's bits, so no panel is left from the first.
    /// </summary>
    [Theory]
    [InlineData(ProductKind.NT, 301, 517, 400, 5)]
    [InlineData(ProductKind.NN, 145, 300, 512, 12)]
    [InlineData(ProductKind.TN, 250, 260, 300, 6)]
    public void ThePackOfAOnBothThreadsLeavesNoPanelBehind(ProductKind kind, int m, int k, int n, int tileRows)
    {
        using var threads = new ThreadCountScope();
        using var scope = new KernelScope(SimdWidth.Auto, GemmPath.Packed, tileRows);
        Assert.False(GemmParallel.SplitsRows(m, k, n));
        var b = TestData.Floats(k * n, 2);
        foreach (var seed in new[] { 11, 12 })
        {
            var a = TestData.Floats(m * k, seed);
            var one = new float[m * n];
            MatrixMultiply.MaxThreads = 1;
            MatrixMultiplyReference.Call(kind, a, b, one, m, k, n, accumulate: false);
            MatrixMultiply.MaxThreads = 2;
            var two = TwoThreads.UntilSplit(() =>
            {
                var c = new float[m * n];
                MatrixMultiplyReference.Call(kind, a, b, c, m, k, n, accumulate: false);
                return c;
            }, $"{kind} {m}×{k}×{n}, A seeded {seed}");
            Assert.Equal(one, two);
        }
    }

    /// <summary>A product just below <see cref="GemmParallel.MinimumWork"/> (128·256·255 multiply-adds) stays on the caller's thread.</summary>
    [Fact]
    public void ProductsBelowTheThresholdStayOnTheCallersThread()
    {
        using var threads = new ThreadCountScope();
        const int m = 128, k = 256, n = 255;
        Assert.True((long)m * k * n < GemmParallel.MinimumWork);
        var a = TestData.Floats(m * k, 1);
        var b = TestData.Floats(k * n, 2);
        var c = new float[m * n];
        MatrixMultiply.MaxThreads = 2;
        long jobs = GemmParallel.JobsCompleted;
        for (var i = 0; i < 20; i++) MatrixMultiply.NN(a, b, c, m, k, n);
        Assert.Equal(jobs, GemmParallel.JobsCompleted);
    }
}

/// <summary>How a split product is cut: along the dimension of its largest operand, rows on whole tiles.</summary>
public class GemmSplitTests
{
    [Theory]
    [InlineData(128, 784, 512, false)] // the wide net's forward X·W0ᵀ: half of W0 per thread
    [InlineData(128, 512, 512, false)] // δH0 = δZ1·W1 and the second forward
    [InlineData(512, 128, 784, true)]  // ∂L/∂W0 = δZ0ᵀ·X: whole rows of the gradient per thread
    [InlineData(512, 128, 512, true)]  // ∂L/∂W1
    [InlineData(512, 512, 512, false)] // square: columns, as before
    [InlineData(700, 300, 200, true)]  // A larger than B
    public void SplitsAlongTheLargestOperand(int m, int k, int n, bool rows) =>
        Assert.Equal(rows, GemmParallel.SplitsRows(m, k, n));

    [Theory]
    [InlineData(512, 12)]
    [InlineData(517, 6)]
    [InlineData(301, 5)]
    public void RowChunksStartOnWholeTilesAndCoverEveryRow(int m, int mr)
    {
        int chunks = GemmParallel.Chunks(m);
        Assert.Equal(0, GemmParallel.RowChunkStart(m, mr, chunks, 0));
        Assert.Equal(m, GemmParallel.RowChunkStart(m, mr, chunks, chunks));
        for (int i = 1; i < chunks; i++)
        {
            int start = GemmParallel.RowChunkStart(m, mr, chunks, i);
            Assert.Equal(0, start % mr);
            Assert.True(start > GemmParallel.RowChunkStart(m, mr, chunks, i - 1));
            Assert.True(start < m);
        }
    }
}

/// <summary>The worker claims from the back and records the gradient rows it wrote, which the next update gives it.</summary>
[Collection(nameof(GlobalKernelSettings))]
public unsafe class GemmWorkerRecordTests
{
    /// <summary>
    /// Of 20 products the worker took part in, at least 15 show its rows as the last elements and the caller's
    /// as the first. Not all 20: the record is process-wide, and a test outside this collection may run a
    /// product on the worker between this test's clearing of the record and its reading (the product's
    /// own update reads it only while holding the worker). With the worker claiming from the front too, its
    /// rows interleave with the caller's in nearly every product.
    /// </summary>
    [Fact]
    public void TheWorkerRecordsTheLastRowsOfARowSplitProduct()
    {
        using var threads = new ThreadCountScope();
        const int m = 512, k = 128, n = 784;
        var a = TestData.Floats(k * m, 1);
        var b = TestData.Floats(k * n, 2);
        var c = GC.AllocateArray<float>(m * n, pinned: true);
        MatrixMultiply.MaxThreads = 2;
        var from = new long[WorkerWrites.Blocks];
        var to = new long[WorkerWrites.Blocks];
        int observed = 0, workerLast = 0;
        fixed (float* pc = c)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int attempt = 0; TwoThreads.KeepTrying(attempt, clock, 2_000) && observed < 20; attempt++)
            {
                WorkerWrites.Clear();
                MatrixMultiply.TN(a, b, c, m, k, n);
                int chunks = WorkerWrites.Plan(pc, (long)m * n, sizeof(float), from, to, out int callerChunks);
                if (chunks == 0) continue;
                observed++;
                // The caller's chunks come first in the plan: they end where the worker's begin.
                if (from[0] == 0 && to[chunks - 1] == (long)m * n && to[callerChunks - 1] == from[callerChunks]
                    && Enumerable.Range(1, chunks - 1).All(i => i == callerChunks || from[i] == to[i - 1])) workerLast++;
            }
        }
        WorkerWrites.Clear();
        Assert.True(observed == 20, $"the worker wrote part of only {observed} products");
        Assert.True(workerLast >= 15, $"the worker's rows came last in {workerLast} of {observed} products");
    }
}

/// <summary>After a product whose caller waited for a preempted worker, splitting pauses for a while, then resumes.</summary>
[Collection(nameof(GlobalKernelSettings))]
public class GemmCooldownTests
{
    private static bool Splits() => GemmParallel.ShouldSplit(128, 784, 512);

    /// <summary>Calls that do not split before one does (at most <paramref name="limit"/> + 1 calls).</summary>
    private static int HeldCalls(int limit)
    {
        var held = 0;
        while (held <= limit && !Splits()) held++;
        return held;
    }

    [Fact]
    public void SplittingPausesForTheCooldownThenResumes()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        SplitCooldown.Reset();
        Assert.True(Splits());
        long started = MatrixMultiply.Cooldowns, kept = MatrixMultiply.CallsKeptOnOneThread;
        SplitCooldown.Start();
        Assert.Equal(SplitCooldown.Minimum, HeldCalls(SplitCooldown.Maximum));
        Assert.Equal(started + 1, MatrixMultiply.Cooldowns);
        Assert.Equal(kept + SplitCooldown.Minimum, MatrixMultiply.CallsKeptOnOneThread);
        // Products too small to split do not use up the cooldown.
        SplitCooldown.Reset();
        SplitCooldown.Start();
        Assert.False(GemmParallel.ShouldSplit(20, 784, 16));
        Assert.Equal(SplitCooldown.Minimum, HeldCalls(SplitCooldown.Maximum));
        SplitCooldown.Reset();
    }

    /// <summary>
    /// Cooldowns in a row double in length up to the maximum; a good split halves the next once a quiet time has
    /// passed since the last cooldown or halving (timestamps given, so the test does not depend on the clock).
    /// </summary>
    [Fact]
    public void CooldownsLengthenWhenTheyRecurAndShortenAfterQuietTime()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        SplitCooldown.Reset();
        long quiet = (long)Math.Ceiling(SplitCooldown.QuietSeconds * System.Diagnostics.Stopwatch.Frequency);
        long t = 1L << 40;
        var expected = SplitCooldown.Minimum;
        for (var i = 0; i < 8; i++)
        {
            SplitCooldown.Start(t);
            Assert.Equal(expected, HeldCalls(SplitCooldown.Maximum));
            expected = Math.Min(2 * expected, SplitCooldown.Maximum);
        }
        Assert.Equal(SplitCooldown.Maximum, SplitCooldown.Length);
        SplitCooldown.RecordGoodSplit(t + quiet - 2);
        Assert.Equal(SplitCooldown.Maximum, SplitCooldown.Length);
        SplitCooldown.RecordGoodSplit(t + quiet);
        Assert.Equal(SplitCooldown.Maximum / 2, SplitCooldown.Length);
        // Halved once per quiet time, not once per good split.
        SplitCooldown.RecordGoodSplit(t + quiet + 1);
        Assert.Equal(SplitCooldown.Maximum / 2, SplitCooldown.Length);
        // A cooldown restarts the quiet time (and doubles the length again).
        t += 3 * quiet / 2;
        SplitCooldown.Start(t);
        Assert.Equal(SplitCooldown.Maximum, SplitCooldown.Length);
        Assert.Equal(SplitCooldown.Maximum / 2, HeldCalls(SplitCooldown.Maximum));
        SplitCooldown.RecordGoodSplit(t + quiet - 2);
        Assert.Equal(SplitCooldown.Maximum, SplitCooldown.Length);
        for (var i = 1; i <= 10; i++) SplitCooldown.RecordGoodSplit(t + i * quiet);
        Assert.Equal(SplitCooldown.Minimum, SplitCooldown.Length);
        SplitCooldown.Reset();
    }

    /// <summary>Real splits that ran without a long wait count as good: after the quiet time, one halves the next cooldown.</summary>
    [Fact]
    public void GoodSplitsShortenTheNextCooldown()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        const int m = 128, k = 784, n = 512;
        var a = TestData.Floats(m * k, 1);
        var b = TestData.Floats(n * k, 2);
        var c = new float[m * n];
        // Retried: on a loaded machine a split may itself end in a cooldown, or run without the worker.
        var halved = false;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; TwoThreads.KeepTrying(attempt, clock, 20) && !halved; attempt++)
        {
            SplitCooldown.Reset();
            SplitCooldown.Start(); // the next cooldown would be 2·Minimum
            while (!Splits()) { }
            long started = MatrixMultiply.Cooldowns;
            var quiet = System.Diagnostics.Stopwatch.StartNew();
            while (quiet.Elapsed.TotalSeconds < 2 * SplitCooldown.QuietSeconds && SplitCooldown.Length > SplitCooldown.Minimum)
                MatrixMultiply.NT(a, b, c, m, k, n);
            halved = MatrixMultiply.Cooldowns == started && SplitCooldown.Length == SplitCooldown.Minimum;
        }
        SplitCooldown.Reset();
        Assert.True(halved, "no good split halved the next cooldown after the quiet time");
    }

    /// <summary>A pass whose ranges on the worker spin for <see cref="WorkerDelay"/> and on the caller do nothing.</summary>
    private readonly struct DelayedWorkerPass : IRangePass
    {
        public static TimeSpan WorkerDelay;

        public void Run(long from, long to)
        {
            if (!GemmParallel.OnWorker) return;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < WorkerDelay) { }
        }
    }

    /// <summary>Runs the delayed pass until the worker took a range; returns whether that run started a cooldown.</summary>
    private static bool SplitStartsACooldown(TimeSpan workerDelay)
    {
        DelayedWorkerPass.WorkerDelay = workerDelay;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; TwoThreads.KeepTrying(attempt, clock); attempt++)
        {
            SplitCooldown.Reset();
            long jobs = GemmParallel.JobsCompleted, started = MatrixMultiply.Cooldowns;
            RangeSplit.Run(new DelayedWorkerPass(), 1 << 20, 1 << 20);
            if (GemmParallel.JobsCompleted > jobs) return MatrixMultiply.Cooldowns > started;
        }
        Assert.Fail("the worker never took a range");
        return false;
    }

    /// <summary>
    /// A caller that waited milliseconds for the worker (a preemption) starts a cooldown; one that waited a few
    /// microseconds longer than it worked (a late wake) does not. Each is asked of runs until one shows it (at least 10,
    /// then for up to <see cref="Retries.GiveUpAfter"/>), not of one: on a loaded machine the caller may itself be
    /// preempted while it claims its ranges — waking the worker can hand it the caller's core — and then it worked
    /// longer than it waited: no cooldown, rightly. With the other test processes on both cores that happened in all of
    /// ten runs once (a full `.ci/run`); the worker may likewise be preempted in its 10 µs spin.
    /// </summary>
    [Fact]
    public void OnlyAWaitLikeAPreemptionStartsACooldown()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var longWaitStarted = false;
            for (var i = 0; !longWaitStarted && Retries.KeepTrying(i, clock, 10); i++)
                longWaitStarted = SplitStartsACooldown(TimeSpan.FromMilliseconds(5));
            Assert.True(longWaitStarted, "no 5 ms wait started a cooldown");
            clock.Restart();
            var shortWaitPassed = false;
            for (var i = 0; !shortWaitPassed && Retries.KeepTrying(i, clock, 10); i++)
                shortWaitPassed = !SplitStartsACooldown(TimeSpan.FromMilliseconds(0.01));
            Assert.True(shortWaitPassed, "every 10 µs wait started a cooldown");
        }
        finally
        {
            SplitCooldown.Reset();
        }
    }

    [Fact]
    public void ChunksCoverTheColumnsOnWholePanels()
    {
        foreach (int n in new[] { 128, 290, 512, 600, 784, 4100 })
        {
            int chunks = GemmParallel.Chunks(n);
            Assert.InRange(chunks, 2, GemmParallel.MaxChunks);
            Assert.Equal(0, GemmParallel.ChunkStart(n, chunks, 0));
            Assert.Equal(n, GemmParallel.ChunkStart(n, chunks, chunks));
            for (int i = 1; i < chunks; i++)
            {
                Assert.Equal(0, GemmParallel.ChunkStart(n, chunks, i) % 32);
                Assert.True(GemmParallel.ChunkStart(n, chunks, i) > GemmParallel.ChunkStart(n, chunks, i - 1), $"n={n}: empty chunk {i - 1}");
            }
        }
    }
}

/// <summary>The collection of tests that touch process-wide kernel settings; not run in parallel with anything.</summary>
[CollectionDefinition(nameof(GlobalKernelSettings), DisableParallelization = true)]
public sealed class GlobalKernelSettings;
