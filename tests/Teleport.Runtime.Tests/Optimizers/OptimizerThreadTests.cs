using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>
/// A large update (≥ <see cref="GemmParallel.MinimumElements"/> parameters) is shared with the GEMM
/// worker when two threads are allowed: every optimizer must give the bits of one thread, in its
/// parameters and in every state buffer, allocate nothing, and really use the worker. Runs in the
/// collection of tests that change the process-wide thread setting.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class OptimizerThreadTests
{
    /// <summary>Not a multiple of any chunk or register width: the last chunk ends in a scalar tail.</summary>
    private const int Length = (int)GemmParallel.MinimumElements + 4_099;

    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void TwoThreadsGiveTheBitsOfOne(OptimizerKind kind)
    {
        Check<float>(kind);
        Check<double>(kind);
    }

    [Fact]
    public void ASmallUpdateStaysOnTheCallersThread()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        Assert.False(GemmParallel.ShouldSplitElements(GemmParallel.MinimumElements - 1));
        MatrixMultiply.MaxThreads = 1;
        Assert.False(GemmParallel.ShouldSplitElements(GemmParallel.MinimumElements * 4));
    }

    [Fact]
    public void ChunksCoverTheRangeOnAlignedBoundaries()
    {
        const long count = 1_000_003;
        int chunks = GemmParallel.MaxChunks;
        Assert.Equal(0, GemmParallel.ElementChunkStart(count, chunks, 0));
        Assert.Equal(count, GemmParallel.ElementChunkStart(count, chunks, chunks));
        for (int i = 1; i < chunks; i++)
        {
            long start = GemmParallel.ElementChunkStart(count, chunks, i);
            Assert.Equal(0, start % GemmParallel.ElementChunkAlignment);
            Assert.True(start > GemmParallel.ElementChunkStart(count, chunks, i - 1));
        }
    }

    private static void Check<T>(OptimizerKind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var threads = new ThreadCountScope();
        OptimizerSettings settings = OptimizerTestData.FullSettings(kind);
        T[] initial = OptimizerTestData.Random<T>(1, Length);
        T[][] gradients = [OptimizerTestData.Random<T>(2, Length, 3), OptimizerTestData.Random<T>(3, Length, 3), OptimizerTestData.Random<T>(4, Length, 3)];

        MatrixMultiply.MaxThreads = 1;
        (T[] one, Optimizer<T> oneOptimizer) = Run(kind, settings, initial, gradients);

        // Until the worker really takes chunks, then the bits of one thread.
        MatrixMultiply.MaxThreads = 2;
        var (two, twoOptimizer) = TwoThreads.UntilSplit(() => Run(kind, settings, initial, gradients), $"{kind} {typeof(T).Name}: the update");

        Assert.True(one.AsSpan().SequenceEqual(two), $"{kind} {typeof(T).Name}: parameters differ from one thread's");
        for (int b = 0; b < oneOptimizer.Buffers.Count; b++)
        {
            Assert.True(oneOptimizer.Buffers[b].Values.SequenceEqual(twoOptimizer.Buffers[b].Values),
                $"{kind} {typeof(T).Name}: state {oneOptimizer.Buffers[b].Name} differs from one thread's");
        }

        Assert.Equal(0, Allocations.SteadyState(() => twoOptimizer.Step(two, gradients[0])));
    }

    /// <summary>
    /// Each step as after a two-thread backward: the worker recorded (<see cref="WorkerWrites"/>) that it wrote
    /// a middle third of the gradient, so the update runs in the planned chunks (<see cref="WorkerWrites.Plan"/>).
    /// </summary>
    private static unsafe (T[] Parameters, Optimizer<T> Optimizer) Run<T>(OptimizerKind kind, OptimizerSettings settings, T[] initial, T[][] gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Optimizer<T> optimizer = OptimizerFactory.Create<T>(kind, settings, initial.Length);
        T[] parameters = initial.AsSpan().ToArray();
        foreach (T[] gradient in gradients)
        {
            fixed (T* g = gradient)
            {
                WorkerWrites.Note(g + gradient.Length / 3, gradient.Length / 3 * sizeof(T));
                optimizer.Step(parameters, gradient);
            }
        }

        return (parameters, optimizer);
    }
}
