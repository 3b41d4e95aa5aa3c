using System;
using System.Collections.Generic;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

public class MatrixMultiplyTests
{
    private static readonly int[] SampledSizes = [0, 1, 2, 3, 5, 6, 7, 8, 9, 12, 13, 16, 17, 20];

    public static IEnumerable<object[]> Kinds() => [[ProductKind.NN], [ProductKind.NT], [ProductKind.TN]];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EverySizeUpTo20(ProductKind kind)
    {
        int seed = 1;
        for (int m = 0; m <= 20; m++)
            for (int k = 0; k <= 20; k++)
                for (int n = 0; n <= 20; n++)
                {
                    bool accumulate = ((m + k + n) & 1) == 1;
                    MatrixMultiplyChecker.Check<float>(kind, m, k, n, accumulate, seed++);
                    MatrixMultiplyChecker.Check<double>(kind, m, k, n, !accumulate, seed++);
                }
    }

    public static IEnumerable<object[]> WidthsAndPaths()
    {
        foreach (var width in KernelScope.AllWidths)
            foreach (var path in new[] { GemmPath.Direct, GemmPath.Packed, GemmPath.Dot })
                yield return [(int)width, (int)path];
    }

    [Theory]
    [MemberData(nameof(WidthsAndPaths))]
    public void SampledSizesOnEveryWidthAndPath(int width, int path)
    {
        using var scope = new KernelScope((SimdWidth)width, (GemmPath)path);
        int seed = 1000;
        foreach (var kind in new[] { ProductKind.NN, ProductKind.NT, ProductKind.TN })
            foreach (int m in SampledSizes)
                foreach (int k in SampledSizes)
                    foreach (int n in SampledSizes)
                    {
                        MatrixMultiplyChecker.Check<float>(kind, m, k, n, accumulate: (seed & 1) == 0, seed++);
                        MatrixMultiplyChecker.Check<double>(kind, m, k, n, accumulate: (seed & 1) == 0, seed++);
                    }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LinesFrom1To70(ProductKind kind)
    {
        int seed = 5000;
        foreach (var width in KernelScope.AllWidths)
        {
            using var scope = new KernelScope(width);
            for (int d = 1; d <= 70; d++)
            {
                MatrixMultiplyChecker.Check<float>(kind, d, 19, 17, accumulate: false, seed++);
                MatrixMultiplyChecker.Check<float>(kind, 13, d, 9, accumulate: true, seed++);
                MatrixMultiplyChecker.Check<float>(kind, 7, 11, d, accumulate: false, seed++);
                MatrixMultiplyChecker.Check<float>(kind, d, d, d, accumulate: true, seed++);
                MatrixMultiplyChecker.Check<double>(kind, d, 19, 17, accumulate: true, seed++);
                MatrixMultiplyChecker.Check<double>(kind, 13, d, 9, accumulate: false, seed++);
                MatrixMultiplyChecker.Check<double>(kind, 7, 11, d, accumulate: true, seed++);
                MatrixMultiplyChecker.Check<double>(kind, d, d, d, accumulate: false, seed++);
            }
        }
    }

    /// <summary>The paper's 784-16-10-10 net at batch 20 and the wide 784-512-512-10 net at batch 128.</summary>
    public static IEnumerable<object[]> PaperShapes()
    {
        int[][] shapes =
        [
            [20, 784, 16], [20, 16, 10], [20, 10, 10], [20, 10, 16], [16, 20, 784], [10, 20, 16], [10, 20, 10],
            [128, 784, 512], [128, 512, 512], [128, 512, 10], [128, 10, 512], [512, 128, 784], [512, 128, 512], [10, 128, 512],
        ];
        foreach (var kind in new[] { ProductKind.NN, ProductKind.NT, ProductKind.TN })
            foreach (var s in shapes)
                yield return [kind, s[0], s[1], s[2]];
    }

    [Theory]
    [MemberData(nameof(PaperShapes))]
    public void PaperShapesMatchTheReference(ProductKind kind, int m, int k, int n)
    {
        MatrixMultiplyChecker.Check<float>(kind, m, k, n, accumulate: false, seed: m * 7 + k * 3 + n);
        MatrixMultiplyChecker.Check<float>(kind, m, k, n, accumulate: true, seed: m * 7 + k * 3 + n + 1);
        MatrixMultiplyChecker.Check<double>(kind, m, k, n, accumulate: false, seed: m * 7 + k * 3 + n + 2);
    }

    /// <summary>Shapes that cross every block boundary of the packed path: MC rows, KC depth, NC columns.</summary>
    [Theory]
    [InlineData(ProductKind.NN)]
    [InlineData(ProductKind.NT)]
    [InlineData(ProductKind.TN)]
    public void PackedPathCrossesEveryBlock(ProductKind kind)
    {
        using var scope = new KernelScope(SimdWidth.Auto, GemmPath.Packed);
        MatrixMultiplyChecker.Check<float>(kind, 301, 517, 37, accumulate: false, seed: 1);
        MatrixMultiplyChecker.Check<float>(kind, 151, 300, 45, accumulate: true, seed: 2);
        MatrixMultiplyChecker.Check<float>(kind, 7, 5, 4100, accumulate: true, seed: 3);
        MatrixMultiplyChecker.Check<double>(kind, 150, 513, 29, accumulate: true, seed: 4);
        MatrixMultiplyChecker.Check<double>(kind, 75, 257, 19, accumulate: false, seed: 5);
        MatrixMultiplyChecker.Check<double>(kind, 9, 3, 2053, accumulate: false, seed: 6);
    }

    public static IEnumerable<object[]> TileHeightsAndPaths()
    {
        foreach (var rows in KernelScope.TileHeights)
            foreach (var path in new[] { GemmPath.Direct, GemmPath.Packed })
                yield return [rows, (int)path];
    }

    /// <summary>
    /// The tile height (12 rows where AVX-512 has 32 registers, 6 elsewhere) changes which tile computes an
    /// element, never its chain: every height gives the fused chain's bits on the widths this machine can
    /// run (and emulates), including shapes that cross the packed path's blocks.
    /// </summary>
    [Theory]
    [MemberData(nameof(TileHeightsAndPaths))]
    public void EveryTileHeightGivesTheFusedChain(int rows, int path)
    {
        int seed = 9000 + rows;
        foreach (var width in new[] { SimdWidth.Vector256, SimdWidth.Vector512 })
        {
            using var scope = new KernelScope(width, (GemmPath)path, rows);
            foreach (var kind in new[] { ProductKind.NN, ProductKind.NT, ProductKind.TN })
            {
                foreach (int m in new[] { 1, 5, 11, 12, 13, 25, 37 })
                {
                    MatrixMultiplyChecker.Check<float>(kind, m, 19, 41, accumulate: (seed & 1) == 0, seed++, exactChain: true);
                    MatrixMultiplyChecker.Check<double>(kind, m, 7, 23, accumulate: (seed & 1) == 0, seed++, exactChain: true);
                }
                MatrixMultiplyChecker.Check<float>(kind, 151, 300, 45, accumulate: true, seed++, exactChain: true);
                MatrixMultiplyChecker.Check<double>(kind, 75, 257, 19, accumulate: false, seed++, exactChain: true);
            }
        }
    }

    /// <summary>
    /// Which path a shape gets: inner products for narrow outputs (the paper's), A in place up to a 512 KB
    /// depth block of A with 12-row tiles, packed beyond it — and from 2²¹ multiply-adds on with 6-row tiles.
    /// </summary>
    [Theory]
    [InlineData(true, 20, 784, 16, 4, 12, (int)GemmPath.Dot)]
    [InlineData(false, 64, 64, 64, 4, 12, (int)GemmPath.Direct)]
    [InlineData(true, 128, 784, 512, 4, 12, (int)GemmPath.Direct)]
    [InlineData(false, 512, 128, 784, 4, 12, (int)GemmPath.Direct)]
    [InlineData(false, 512, 512, 512, 4, 12, (int)GemmPath.Direct)]
    [InlineData(false, 512, 512, 512, 8, 12, (int)GemmPath.Packed)]
    [InlineData(false, 1024, 1024, 1024, 4, 12, (int)GemmPath.Packed)]
    [InlineData(true, 128, 784, 512, 4, 6, (int)GemmPath.Packed)]
    [InlineData(false, 512, 512, 512, 4, 6, (int)GemmPath.Packed)]
    [InlineData(false, 6, 9000, 600, 4, 6, (int)GemmPath.Direct)]
    public void ThePathFollowsTheShapeAndTheTileHeight(bool bothAlongK, int m, int k, int n, int elementSize, int tileRows, int expected) =>
        Assert.Equal((GemmPath)expected, GemmDriver.Choose(bothAlongK, m, k, n, elementSize, tileRows));

    [Fact]
    public void TileHeightOutsideOneToTwelveIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmPathOverride.ForcedTileRows = 13);
        Assert.Throws<ArgumentOutOfRangeException>(() => GemmPathOverride.ForcedTileRows = -1);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThread()
    {
        var a = TestData.Floats(128 * 784, 1);
        var b = TestData.Floats(512 * 784, 2);
        var here = new float[128 * 512];
        var there = new float[128 * 512];
        MatrixMultiply.NT(a, b, here, 128, 784, 512);
        var thread = new System.Threading.Thread(() => MatrixMultiply.NT(a, b, there, 128, 784, 512));
        thread.Start();
        thread.Join();
        Assert.Equal(here, there);
    }

    [Fact]
    public void MaxThreadsRejectsZero() => Assert.Throws<ArgumentOutOfRangeException>(() => MatrixMultiply.MaxThreads = 0);

    [Fact]
    public void RejectsShortSpansNegativeSizesAndOverlap()
    {
        var a = new float[12];
        var b = new float[12];
        var c = new float[12];
        Assert.Throws<ArgumentException>("a", () => MatrixMultiply.NN(a.AsSpan(0, 11), b, c, 3, 4, 3));
        Assert.Throws<ArgumentException>("b", () => MatrixMultiply.NT(a, b.AsSpan(0, 11), c, 3, 4, 3));
        Assert.Throws<ArgumentException>("c", () => MatrixMultiply.TN(a, b, c.AsSpan(0, 8), 3, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>("m", () => MatrixMultiply.NN(a, b, c, -1, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>("k", () => MatrixMultiply.NN(a, b, c, 3, -4, 3));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => MatrixMultiply.NN(a, b, c, 3, 4, -3));
        Assert.Throws<ArgumentException>("c", () => MatrixMultiply.NN(a, b, a, 3, 4, 3));
        Assert.Throws<ArgumentException>("c", () => MatrixMultiply.NN(a, b.AsSpan(), b.AsSpan(2), 2, 4, 2));
    }

    [Fact]
    public void EmptyDepthClearsOrKeepsC()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        MatrixMultiply.NN(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, c, 2, 0, 2, accumulate: true);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, c);
        MatrixMultiply.NN(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, c, 2, 0, 2);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, c);
    }
}
