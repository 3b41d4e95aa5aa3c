using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// The record of what the GEMM worker wrote (<see cref="WorkerWrites"/>) and the update chunks planned from
/// it: the worker's elements last in claiming order, where the worker claims. Process-wide state, so in the
/// collection of tests that change kernel settings.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public unsafe class WorkerWritesTests
{
    private const int Count = 100_000;

    [Fact]
    public void AnUnrecordedGradientGetsNoPlan()
    {
        WorkerWrites.Clear();
        Assert.Equal(0, Plan(out _, out _, out _));
    }

    [Fact]
    public void ARecordCoveringEverythingGetsNoPlan()
    {
        WorkerWrites.Clear();
        WorkerWrites.Note(Base, Count * sizeof(float));
        Assert.Equal(0, Plan(out _, out _, out _));
        WorkerWrites.Clear();
    }

    [Fact]
    public void TheWorkersRowsComeLastAndEveryElementOnce()
    {
        WorkerWrites.Clear();
        // Written from the back in two chunks, as the worker claims: one merged range [60 000, 100 000).
        WorkerWrites.Note(Base + 80_000, 20_000 * sizeof(float));
        WorkerWrites.Note(Base + 60_000, 20_000 * sizeof(float));
        int chunks = Plan(out var from, out var to, out int callerChunks);
        WorkerWrites.Clear();

        Assert.InRange(callerChunks, 1, chunks - 1);
        var covered = new int[Count];
        for (int c = 0; c < chunks; c++)
        {
            Assert.Equal(0, from[c] % GemmParallel.ElementChunkAlignment);
            Assert.True(to[c] > from[c]);
            Assert.True(to[c] - from[c] <= WorkerWrites.BlocksPerChunk * BlockLength);
            for (long i = from[c]; i < to[c]; i++) covered[i]++;
            // Caller's chunks hold the elements before the worker's range, the worker's the ones in it (to a block).
            if (c < callerChunks) Assert.True(to[c] <= 60_000 + BlockLength / 2, $"caller chunk {c}: [{from[c]}, {to[c]})");
            else Assert.True(from[c] >= 60_000 - BlockLength / 2, $"worker chunk {c}: [{from[c]}, {to[c]})");
        }
        Assert.All(covered, n => Assert.Equal(1, n));
    }

    [Fact]
    public void RangesOutsideTheGradientAreIgnored()
    {
        WorkerWrites.Clear();
        WorkerWrites.Note(Base - 10_000, 5_000 * sizeof(float));
        WorkerWrites.Note(Base + Count + 64, 5_000 * sizeof(float));
        Assert.Equal(0, Plan(out _, out _, out _));
        WorkerWrites.Clear();
    }

    [Fact]
    public void TheOldestRangeGoesWhenTheRingIsFull()
    {
        WorkerWrites.Clear();
        // The first range would give the worker the first block; Capacity later ranges, far away, push it out.
        WorkerWrites.Note(Base, 1_024 * sizeof(float));
        for (int r = 0; r < WorkerWrites.Capacity; r++) WorkerWrites.Note(Base + 2 * Count + 2 * r * 64, 64 * sizeof(float));
        Assert.Equal(0, Plan(out _, out _, out _));
        WorkerWrites.Note(Base, 1_024 * sizeof(float));
        Assert.True(Plan(out _, out _, out _) > 0);
        WorkerWrites.Clear();
    }

    /// <summary>A fake address: the plan only compares addresses, it never reads them.</summary>
    private static float* Base => (float*)unchecked((nint)0x10_0000_0000);

    private static long BlockLength => (Count + WorkerWrites.Blocks - 1) / WorkerWrites.Blocks / GemmParallel.ElementChunkAlignment * GemmParallel.ElementChunkAlignment + GemmParallel.ElementChunkAlignment;

    private static int Plan(out long[] from, out long[] to, out int callerChunks)
    {
        from = new long[WorkerWrites.Blocks];
        to = new long[WorkerWrites.Blocks];
        return WorkerWrites.Plan(Base, Count, sizeof(float), from, to, out callerChunks);
    }
}
