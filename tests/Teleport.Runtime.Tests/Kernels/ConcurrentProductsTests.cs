using System;
using System.Threading;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// Products large enough to split, issued from several threads at once (they contend for the one worker: whoever gets
/// it splits, the others run alone) or from inside a chunk of split work (the worker is held: the product runs on the
/// chunk's thread): every one gives the bits of one thread, and none waits forever.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public class ConcurrentProductsTests
{
    private const int M = 128, K = 256, N = 256; // 8.4 M multiply-adds: above the split threshold

    private static float[] OneThread(float[] a, float[] b)
    {
        var c = new float[M * N];
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        MatrixMultiplyReference.Call(ProductKind.NN, a, b, c, M, K, N, accumulate: false);
        return c;
    }

    [Fact]
    public void ProductsFromThreeThreadsAtOnceGiveTheBitsOfOneThread()
    {
        var inputs = new (float[] A, float[] B)[3];
        var expected = new float[3][];
        for (var t = 0; t < 3; t++)
        {
            inputs[t] = (TestData.Floats(M * K, 10 + t), TestData.Floats(K * N, 20 + t));
            expected[t] = OneThread(inputs[t].A, inputs[t].B);
        }
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        SplitCooldown.Reset();
        var mismatches = new int[3];
        Exception? error = null;
        using var barrier = new Barrier(3);
        var workers = new Thread[3];
        for (var t = 0; t < 3; t++)
        {
            var index = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    var c = new float[M * N];
                    barrier.SignalAndWait();
                    for (var round = 0; round < 60; round++)
                    {
                        MatrixMultiplyReference.Call(ProductKind.NN, inputs[index].A, inputs[index].B, c, M, K, N, accumulate: false);
                        if (!c.AsSpan().SequenceEqual(expected[index])) mismatches[index]++;
                    }
                }
                catch (Exception e)
                {
                    error = e;
                }
            });
            workers[t].Start();
        }
        foreach (var worker in workers) worker.Join();
        SplitCooldown.Reset();
        Assert.Null(error);
        Assert.Equal(new int[3], mismatches);
    }

    // The nested product's operands, pinned: the pass reaches them from either thread.
    private static readonly float[] s_a = GC.AllocateArray<float>(M * K, pinned: true);
    private static readonly float[] s_b = GC.AllocateArray<float>(K * N, pinned: true);
    private static readonly float[][] s_c = [GC.AllocateArray<float>(M * N, pinned: true), GC.AllocateArray<float>(M * N, pinned: true)];

    /// <summary>Each of its two ranges computes the product into its own output.</summary>
    private readonly struct ProductPerRange : IRangePass
    {
        public void Run(long from, long to)
        {
            for (var i = from; i < to; i++)
                MatrixMultiplyReference.Call(ProductKind.NN, s_a, s_b, s_c[i], M, K, N, accumulate: false);
        }
    }

    [Fact]
    public void AProductInsideAChunkOfSplitWorkRunsOnThatChunksThread()
    {
        TestData.Floats(M * K, 31).CopyTo(s_a, 0);
        TestData.Floats(K * N, 32).CopyTo(s_b, 0);
        var expected = OneThread(s_a, s_b);
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        // Two ranges of one element each, split as if they were large: the worker takes one, the caller the other.
        TwoThreads.UntilSplit(() =>
        {
            SplitCooldown.Reset();
            Array.Clear(s_c[0]);
            Array.Clear(s_c[1]);
            RangeSplit.Run(new ProductPerRange(), 2, GemmParallel.MinimumElements, alignment: 1);
            return 0;
        }, "the pass of two products");
        SplitCooldown.Reset();
        Assert.Equal(expected, s_c[0]);
        Assert.Equal(expected, s_c[1]);
    }
}
