using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Runs one product on seeded data and checks it against the references.</summary>
internal static class MatrixMultiplyChecker
{
    private const int Guard = 7;

    /// <summary>
    /// Checks C against the double reference within the rounding bound (k + 2)·u·Σ|A(i,p)B(p,j)|
    /// (u the unit roundoff; doubled for double, whose reference rounds too), that C's old contents do
    /// not leak when not accumulating (C starts as NaN), that nothing past m·n is written, that
    /// nothing past the operands is read (NaN guards), and, for the outer-product paths, that the bits
    /// equal the fused chain.
    /// </summary>
    public static void Check<T>(ProductKind kind, int m, int k, int n, bool accumulate, int seed, bool? exactChain = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = Make<T>(m * k, seed);
        T[] b = Make<T>(k * n, seed + 1);
        T[] c0 = Make<T>(m * n, seed + 2);
        T[] c = new T[m * n + Guard];
        for (int i = 0; i < c.Length; i++) c[i] = i < m * n && accumulate ? c0[i] : T.NaN;
        c.AsSpan(m * n).Fill(T.CreateChecked(12345));

        if (typeof(T) == typeof(float))
            MatrixMultiplyReference.Call(kind, (float[])(object)a, (float[])(object)b, (float[])(object)c, m, k, n, accumulate);
        else
            MatrixMultiplyReference.Call(kind, (double[])(object)a, (double[])(object)b, (double[])(object)c, m, k, n, accumulate);

        // The operands passed are exactly m·k and k·n long: strip the NaN guards for the references.
        T[] aUsed = a[..(m * k)], bUsed = b[..(k * n)];
        var (value, magnitude) = MatrixMultiplyReference.InDouble(kind, aUsed, bUsed, c0, m, k, n, accumulate);
        double u = typeof(T) == typeof(float) ? Math.Pow(2, -24) : 2 * Math.Pow(2, -53);
        for (int e = 0; e < m * n; e++)
        {
            double got = double.CreateChecked(c[e]);
            double tolerance = (k + 2) * u * magnitude[e] + 1e-300;
            if (!(Math.Abs(got - value[e]) <= tolerance))
            {
                Assert.Fail($"{typeof(T).Name} {kind} m={m} k={k} n={n} accumulate={accumulate} width={SimdSupport.Current} " +
                            $"path={GemmPathOverride.Forced}: C[{e / Math.Max(n, 1)},{e % Math.Max(n, 1)}] = {got}, expected {value[e]} ± {tolerance}");
            }
        }
        for (int e = m * n; e < c.Length; e++)
            Assert.True(c[e] == T.CreateChecked(12345), $"{kind} m={m} k={k} n={n}: wrote past C at {e}");

        bool exact = exactChain ?? ExpectsExactChain(kind, m, k, n);
        if (exact && SimdSupport.HasFusedMultiplyAdd)
        {
            T[] chain = MatrixMultiplyReference.FusedChain(kind, aUsed, bUsed, c0, m, k, n, accumulate);
            for (int e = 0; e < m * n; e++)
            {
                if (!c[e].Equals(chain[e]))
                    Assert.Fail($"{typeof(T).Name} {kind} m={m} k={k} n={n} accumulate={accumulate} width={SimdSupport.Current}: " +
                                $"C[{e}] = {c[e]} differs from the fused chain {chain[e]}");
            }
        }
    }

    /// <summary>Whether the path that runs is an outer-product one (bit-identical to the fused chain).</summary>
    public static bool ExpectsExactChain(ProductKind kind, int m, int k, int n)
    {
        // Both operands run along k in memory: NT, or a one-row/one-column degenerate NN/TN.
        bool bothAlongK = (kind == ProductKind.TN ? m : 1) == 1 && (kind == ProductKind.NT ? 1 : n) == 1;
        var forced = GemmPathOverride.Forced;
        var path = forced == GemmPath.Auto ? GemmDriver.Choose(bothAlongK, m, k, n) : forced;
        return path != GemmPath.Dot || !bothAlongK;
    }

    /// <summary>Seeded values in [−1, 1), followed by <see cref="Guard"/> NaNs that must never be read.</summary>
    private static T[] Make<T>(int length, int seed) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var data = new T[length + Guard];
        for (int i = 0; i < length; i++) data[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        for (int i = length; i < data.Length; i++) data[i] = T.NaN;
        return data;
    }
}
