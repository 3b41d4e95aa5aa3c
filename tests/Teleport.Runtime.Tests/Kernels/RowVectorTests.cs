using System;
using System.Collections.Generic;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

public class RowVectorTests
{
    public static IEnumerable<object[]> Widths()
    {
        foreach (var width in KernelScope.AllWidths) yield return [(int)width];
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AddToRowsAddsTheRowToEveryRow(int width)
    {
        using var scope = new KernelScope((SimdWidth)width);
        for (int rows = 0; rows <= 5; rows++)
            for (int cols = 0; cols <= 40; cols++)
            {
                var m = TestData.Floats(rows * cols + 2, rows * 100 + cols);
                var original = (float[])m.Clone();
                var row = TestData.Floats(cols, 7 + cols);
                RowVector.AddToRows(m, row, rows, cols);
                for (int r = 0; r < rows; r++)
                    for (int j = 0; j < cols; j++)
                        Assert.Equal(original[r * cols + j] + row[j], m[r * cols + j]);
                Assert.Equal(original[rows * cols], m[rows * cols]);

                var md = TestData.Doubles(rows * cols, rows + cols);
                var od = (double[])md.Clone();
                var rd = TestData.Doubles(cols, 3);
                RowVector.AddToRows(md.AsSpan(), rd, rows, cols);
                for (int e = 0; e < rows * cols; e++) Assert.Equal(od[e] + rd[e % cols], md[e]);
            }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ColumnSumsSumInRowOrder(int width)
    {
        using var scope = new KernelScope((SimdWidth)width);
        for (int rows = 0; rows <= 6; rows++)
            for (int cols = 1; cols <= 40; cols += 3)
            {
                var m = TestData.Floats(rows * cols, rows * 31 + cols);
                var sums = TestData.Floats(cols, 5);
                var start = (float[])sums.Clone();
                RowVector.ColumnSums<float>(m, sums, rows, cols, accumulate: true);
                var fresh = new float[cols];
                fresh.AsSpan().Fill(float.NaN);
                RowVector.ColumnSums<float>(m, fresh, rows, cols);
                for (int j = 0; j < cols; j++)
                {
                    float accumulated = start[j];
                    float plain = rows == 0 ? 0 : m[j];
                    for (int r = 0; r < rows; r++) accumulated += m[r * cols + j];
                    for (int r = 1; r < rows; r++) plain += m[r * cols + j];
                    Assert.Equal(accumulated, sums[j]);
                    Assert.Equal(plain, fresh[j]);
                }
            }
    }

    [Fact]
    public void CallSitesInferTheElementTypeFromSpans()
    {
        // The generator's call shape: spans of float or double, no explicit type arguments.
        Span<float> m = stackalloc float[6];
        Span<float> row = stackalloc float[] { 1, 2, 3 };
        RowVector.AddToRows(m, row, 2, 3);
        RowVector.ColumnSums(m, row, 2, 3);
        Assert.Equal(4f, row[1]);
        Span<double> md = stackalloc double[6];
        Span<double> rd = stackalloc double[] { 1, 2, 3 };
        RowVector.AddToRows(md, rd, 2, 3);
        RowVector.ColumnSums(md, rd, 2, 3, accumulate: true);
        Assert.Equal(6.0, rd[1]);
        Span<int> labels = stackalloc int[] { 0, 2 };
        Span<double> p = stackalloc double[6];
        Assert.True(SoftmaxCrossEntropy.Forward(md, labels, p, 2, 3) > 0);
        Assert.True(Reductions.Dot(md, md) > 0);
    }

    [Fact]
    public void RejectsBadShapes()
    {
        Assert.Throws<ArgumentException>("matrix", () => RowVector.AddToRows(new float[5], new float[3], 2, 3));
        Assert.Throws<ArgumentException>("row", () => RowVector.AddToRows(new float[6], new float[2], 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>("rows", () => RowVector.ColumnSums<double>(new double[6], new double[3], -1, 3));
        var shared = new float[9];
        Assert.Throws<ArgumentException>("row", () => RowVector.AddToRows(shared.AsSpan(0, 6), shared.AsSpan(5, 3), 2, 3));
    }
}
