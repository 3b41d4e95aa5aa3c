using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// The bias add and the bias gradient of a wide layer (≥ <see cref="GemmParallel.MinimumMapElements"/> elements, at least two
/// blocks of columns) are shared with the GEMM worker by blocks of columns: the bits of one thread (a column sum adds its rows
/// in the same order), nothing allocated, and the worker really used.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class RowVectorThreadTests
{
    [Theory]
    [InlineData(128, 512)]
    [InlineData(70, 520)]
    [InlineData(300, 130)]
    public void TwoThreadsGiveTheBitsOfOne(int rows, int cols)
    {
        Check<float>(rows, cols);
        Check<double>(rows, cols);
    }

    [Fact]
    public void ANarrowMatrixStaysOnTheCallersThread()
    {
        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 2;
        // Many rows but fewer than two blocks of columns: nothing to split by columns.
        Assert.False(ColumnBlocks.TrySplit(100_000, 2 * GemmParallel.ChunkColumns - 1));
    }

    private static void Check<T>(int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var matrix = TestData.Values<T>(1, rows * cols);
        var row = TestData.Values<T>(2, cols);
        var start = TestData.Values<T>(3, cols);

        T[][] All()
        {
            var added = (T[])matrix.Clone();
            RowVector.AddToRows<T>(added, row, rows, cols);
            var sums = new T[cols];
            RowVector.ColumnSums<T>(matrix, sums, rows, cols);
            var accumulated = (T[])start.Clone();
            RowVector.ColumnSums<T>(matrix, accumulated, rows, cols, accumulate: true);
            return [added, sums, accumulated];
        }

        using var threads = new ThreadCountScope();
        MatrixMultiply.MaxThreads = 1;
        var one = All();
        // One thread: the definitions themselves (sums in increasing row order).
        for (var c = 0; c < cols; c++)
        {
            T sum = matrix[c], accumulated = start[c];
            accumulated += matrix[c];
            for (var r = 1; r < rows; r++)
            {
                sum += matrix[r * cols + c];
                accumulated += matrix[r * cols + c];
            }
            Assert.Equal(sum, one[1][c]);
            Assert.Equal(accumulated, one[2][c]);
            Assert.Equal(matrix[c] + row[c], one[0][c]);
        }
        MatrixMultiply.MaxThreads = 2;
        var two = TwoThreads.UntilSplit(All, $"{typeof(T).Name} {rows}×{cols}: the bias add and column sums");
        string[] names = ["AddToRows", "ColumnSums", "ColumnSums (accumulate)"];
        for (var i = 0; i < one.Length; i++)
            Assert.True(one[i].AsSpan().SequenceEqual(two[i]), $"{typeof(T).Name} {rows}×{cols}: {names[i]} differs from one thread's");
        var target = (T[])matrix.Clone();
        var sumsTarget = new T[cols];
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            RowVector.AddToRows<T>(target, row, rows, cols);
            RowVector.ColumnSums<T>(matrix, sumsTarget, rows, cols);
        }));
    }
}
