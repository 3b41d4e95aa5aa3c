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

    /// <summary>A map over a matrix (<c>columns:</c>, split by blocks of columns): the bits of one thread too, ragged last block included.</summary>
    [Theory]
    [InlineData(128, 512)]
    [InlineData(70, 520)]
    [InlineData(300, 130)]
    public void ByColumnsTwoThreadsGiveTheBitsOfOne(int rows, int columns)
    {
        Check<float>(rows * columns, columns);
        Check<double>(rows * columns, columns);
    }

    /// <summary>
    /// Each thread maps whole blocks of columns — every row of a column on the same thread — and the worker's are the last
    /// columns (it claims from the end), the columns it computes in a product split by columns.
    /// </summary>
    [Fact]
    public void ByColumnsTheWorkerMapsWholeColumnsAtTheEnd()
    {
        const int rows = 128, columns = 512;
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        var x = new float[rows * columns];
        var who = new float[rows * columns];
        var splitRuns = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; TwoThreads.KeepTrying(attempt, clock) && splitRuns < 20; attempt++)
        {
            Elementwise.Map<float, ThreadTagOperator>(x, who, columns);
            var workerColumns = 0;
            for (var c = 0; c < columns; c++)
            {
                for (var r = 1; r < rows; r++)
                    Assert.True(who[r * columns + c] == who[c], $"column {c}: rows 0 and {r} were mapped on different threads");
                if (who[c] == 1) workerColumns++;
            }
            if (workerColumns == 0) continue;
            splitRuns++;
            // The open blocks are always a contiguous range and the worker takes its last one: a suffix, however late it starts.
            for (var c = columns - workerColumns; c < columns; c++)
                Assert.True(who[c] == 1, $"the worker mapped {workerColumns} columns, but not column {c} of the last {workerColumns}");
        }
        Assert.True(splitRuns > 0, "no map ran on two threads");
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

    private static void Check<T>(int length, int? columns = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = TestData.Values<T>(1, length);
        var y = TestData.Values<T>(2, length);
        var z = TestData.Values<T>(3, length);
        var w = TestData.Values<T>(4, length);

        T[][] All()
        {
            var outputs = new T[6][];
            for (var i = 0; i < outputs.Length; i++) outputs[i] = new T[length];
            // The flat overloads are the matrix ones with a single row.
            var c = columns ?? length;
            Elementwise.Map<T, WidthTagOperator<T>>(x, outputs[0], c);
            Elementwise.Map<T, ProductMinusOperator<T>>(x, y, outputs[1], c);
            Elementwise.Map<T, MultiplyAddOneOperator<T>>(x, y, z, outputs[2], c);
            Elementwise.Map<T, DifferenceScaleAddOperator<T>>(x, y, z, w, outputs[3], c);
            // In place: the destination is an input (the operators are not idempotent, so a re-read element shows).
            x.AsSpan().CopyTo(outputs[4]);
            Elementwise.Map<T, AffineOperator<T>>(outputs[4], outputs[4], c);
            y.AsSpan().CopyTo(outputs[5]);
            Elementwise.Map<T, MultiplyAddOneOperator<T>>(x, outputs[5], z, outputs[5], c);
            if (columns is null)
            {
                // And the flat overloads themselves.
                var flat = new T[length];
                Elementwise.Map<T, WidthTagOperator<T>>(x, flat);
                Assert.True(flat.AsSpan().SequenceEqual(outputs[0]), "the flat overload differs from one row");
            }
            return outputs;
        }

        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        var one = All();
        MatrixMultiply.MaxThreads = 2;
        var two = TwoThreads.UntilSplit(All, $"{typeof(T).Name} {length}: the maps");
        for (var i = 0; i < one.Length; i++)
            Assert.True(one[i].AsSpan().SequenceEqual(two[i]), $"{typeof(T).Name} {length}: map {i} differs from one thread's");
        var destination = new T[length];
        Assert.Equal(0, Allocations.SteadyState(() => Elementwise.Map<T, MultiplyAddOneOperator<T>>(x, y, z, destination, columns ?? length)));
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

/// <summary>1 where the worker thread computed the element, 0 where the caller did (x ignored).</summary>
internal readonly struct ThreadTagOperator : IUnaryOperator<float>
{
    public static float Invoke(float x) => GemmParallel.OnWorker ? 1 : 0;
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Create(Invoke(0f));
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Create(Invoke(0f));
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Create(Invoke(0f));
}
