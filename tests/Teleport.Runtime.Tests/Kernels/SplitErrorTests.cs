using System;
using System.Diagnostics;
using System.Threading;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// An exception thrown in a chunk of split work — on the worker or on the caller — reaches the caller, and leaves the
/// worker free: the next split runs on both threads with the right result.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public class SplitErrorTests
{
    private sealed class ChunkFailure(string message) : Exception(message);

    // Pinned: the passes reach them through pointers, from both threads.
    private static readonly int[] s_filled = GC.AllocateArray<int>(1, pinned: true);
    private static readonly int[] s_sum = GC.AllocateArray<int>(1, pinned: true);

    /// <summary>Throws in the ranges of one thread (the worker's or the caller's); fills the others' ranges.</summary>
    private readonly unsafe struct ThrowingPass(bool onWorker, int* filled) : IRangePass
    {
        public void Run(long from, long to)
        {
            if (GemmParallel.OnWorker == onWorker) throw new ChunkFailure(onWorker ? "worker" : "caller");
            Interlocked.Add(ref *filled, (int)(to - from));
        }
    }

    /// <summary>Adds each range's length: a pass whose total says every range ran once.</summary>
    private readonly unsafe struct CountingPass(int* filled) : IRangePass
    {
        public void Run(long from, long to) => Interlocked.Add(ref *filled, (int)(to - from));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public unsafe void AChunksExceptionReachesTheCallerAndTheWorkerStaysUsable(bool onWorker)
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        const int count = 1 << 20;
        int* filled = (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref s_filled[0]);
        int* sum = (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref s_sum[0]);
        var clock = Stopwatch.StartNew();
        var thrown = false;
        // Retried until the worker took part (it may be late or busy with a concurrently running test).
        for (var attempt = 0; TwoThreads.KeepTrying(attempt, clock) && !thrown; attempt++)
        {
            SplitCooldown.Reset();
            long jobs = GemmParallel.JobsCompleted;
            var error = Record.Exception(() => RangeSplit.Run(new ThrowingPass(onWorker, filled), count, count));
            var workerTookPart = GemmParallel.JobsCompleted > jobs;
            if (!onWorker || workerTookPart)
            {
                if (onWorker || error is not null)
                {
                    Assert.Equal(onWorker ? "worker" : "caller", Assert.IsType<ChunkFailure>(error).Message);
                    thrown = true;
                }
            }
            else
            {
                Assert.Null(error); // the caller ran every range: nothing was thrown
            }
        }
        Assert.True(thrown, "the throwing thread never ran a range");

        // Not wedged: the next split runs on both threads, every range once.
        var total = TwoThreads.UntilSplit(() =>
        {
            SplitCooldown.Reset();
            *sum = 0;
            RangeSplit.Run(new CountingPass(sum), count, count);
            return *sum;
        }, "the split after the failed one");
        Assert.Equal(count, total);
        SplitCooldown.Reset();
    }
}
