using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// A large map (≥ <see cref="GemmParallel.MinimumMapElements"/> elements) is shared with the GEMM worker when two threads are
/// allowed: every arity, in place or not, must give the bits of one thread — each element computed at the same width as
/// there (<see cref="WidthTagOperator{T}"/> writes which width computed it) — allocate nothing and really use the worker.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class MapThreadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4_099)]
    [InlineData(100_003)]
    public void TwoThreadsGiveTheBitsOfOne(int extra)
    {
        int length = (int)GemmParallel.MinimumMapElements + extra;
        Check<float>(length);
        Check<double>(length);
    }

    [Fact]
    public void ASmallMapStaysOnTheCallersThread()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        Assert.False(GemmParallel.ShouldSplitMap(GemmParallel.MinimumMapElements - 1));
        MatrixMultiply.MaxThreads = 1;
        Assert.False(GemmParallel.ShouldSplitMap(GemmParallel.MinimumMapElements * 4));
    }

    private static void Check<T>(int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Values<T>(1, length);
        var y = Values<T>(2, length);
        var z = Values<T>(3, length);
        var w = Values<T>(4, length);

        T[][] All()
        {
            var outputs = new T[6][];
            for (var i = 0; i < outputs.Length; i++) outputs[i] = new T[length];
            Elementwise.Map<T, WidthTagOperator<T>>(x, outputs[0]);
            Elementwise.Map<T, ProductMinusOperator<T>>(x, y, outputs[1]);
            Elementwise.Map<T, MultiplyAddOneOperator<T>>(x, y, z, outputs[2]);
            Elementwise.Map<T, DifferenceScaleAddOperator<T>>(x, y, z, w, outputs[3]);
            // In place: the destination is an input (the operators are not idempotent, so a re-read element shows).
            x.AsSpan().CopyTo(outputs[4]);
            Elementwise.Map<T, AffineOperator<T>>(outputs[4], outputs[4]);
            y.AsSpan().CopyTo(outputs[5]);
            Elementwise.Map<T, MultiplyAddOneOperator<T>>(x, outputs[5], z, outputs[5]);
            return outputs;
        }

        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        var one = All();
        MatrixMultiply.MaxThreads = 2;
        T[][] two = [];
        var split = false;
        for (var attempt = 0; attempt < 200 && !split; attempt++)
        {
            long jobs = GemmParallel.JobsCompleted;
            two = All();
            split = GemmParallel.JobsCompleted > jobs;
        }
        Assert.True(split, $"{typeof(T).Name} {length}: no map ran on two threads");
        for (var i = 0; i < one.Length; i++)
            Assert.True(one[i].AsSpan().SequenceEqual(two[i]), $"{typeof(T).Name} {length}: map {i} differs from one thread's");
        var destination = new T[length];
        Assert.Equal(0, Allocations.SteadyState(() => Elementwise.Map<T, MultiplyAddOneOperator<T>>(x, y, z, destination)));
    }

    private static T[] Values<T>(int seed, int length) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (var i = 0; i < length; i++) values[i] = T.CreateTruncating(random.NextDouble() * 4 - 2);
        return values;
    }
}

/// <summary>x + k, where k says which width computed the element (scalar 1, 128-bit 2, 256-bit 3, 512-bit 4).</summary>
internal readonly struct WidthTagOperator<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x) => x + T.One;
    public static Vector128<T> Invoke(Vector128<T> x) => x + Vector128.Create(T.CreateTruncating(2));
    public static Vector256<T> Invoke(Vector256<T> x) => x + Vector256.Create(T.CreateTruncating(3));
    public static Vector512<T> Invoke(Vector512<T> x) => x + Vector512.Create(T.CreateTruncating(4));
}
