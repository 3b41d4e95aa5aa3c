using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>MatrixMultiply.Gram (the teleport session's K = X·Xᵀ): the fused chain of every element, exactly symmetric.</summary>
public class GramTests
{
    public static TheoryData<int, int> Shapes() => new()
    {
        { 1, 1 }, { 1, 9 }, { 2, 3 }, { 5, 17 }, { 6, 6 }, { 7, 64 }, { 13, 300 }, { 16, 16 }, { 17, 33 },
        { 31, 257 }, { 33, 70 }, { 64, 784 }, { 100, 20 }, { 200, 784 }, { 9, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GramIsTheFusedChainOnEveryWidth(int n, int d)
    {
        foreach (var width in KernelScope.AllWidths)
        {
            using var scope = new KernelScope(width);
            Check<float>(n, d, n * 31 + d);
            Check<double>(n, d, n * 37 + d);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GramIsTheFusedChainAtEveryTileHeight(int n, int d)
    {
        foreach (var rows in KernelScope.TileHeights)
        {
            using var scope = new KernelScope(SimdWidth.Auto, tileRows: rows);
            Check<float>(n, d, n * 41 + d + rows);
            Check<double>(n, d, n * 43 + d + rows);
        }
    }

    private static void Check<T>(int n, int d, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = new T[n * d];
        for (int i = 0; i < x.Length; i++) x[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        var k = new T[n * n + 3];
        k.AsSpan().Fill(T.NaN);
        k[n * n] = k[n * n + 1] = k[n * n + 2] = T.CreateTruncating(12345);
        MatrixMultiply.Gram<T>(x, k.AsSpan(0, n * n), n, d);
        T[] chain = MatrixMultiplyReference.FusedChain(ProductKind.NT, x, x, new T[n * n], n, d, n, accumulate: false);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.True(k[i * n + j].Equals(k[j * n + i]), $"n={n} d={d} {SimdSupport.Current}: K[{i},{j}] != K[{j},{i}]");
                if (SimdSupport.HasFusedMultiplyAdd)
                    Assert.True(k[i * n + j].Equals(chain[i * n + j]), $"n={n} d={d} {SimdSupport.Current}: K[{i},{j}] = {k[i * n + j]}, chain {chain[i * n + j]}");
            }
        }
        Assert.Equal(T.CreateTruncating(12345), k[n * n]);
        Assert.Equal(T.CreateTruncating(12345), k[n * n + 2]);
    }
}
