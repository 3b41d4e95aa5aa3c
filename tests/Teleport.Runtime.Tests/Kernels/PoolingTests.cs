using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Max and average pooling against PyTorch's definitions, their adjoint identities, ties, and shape checks.</summary>
public sealed class PoolingTests
{
    private static double[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var v = new double[length];
        for (int i = 0; i < length; i++) v[i] = 2 * random.NextDouble() - 1;
        return v;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    [Theory]
    [InlineData(2, 4, 6, 2)]
    [InlineData(3, 6, 6, 3)]
    [InlineData(1, 8, 4, 4)]
    [InlineData(2, 5, 5, 1)]
    public void PoolsMatchTheirDefinitionsAndAdjoints(int c, int h, int w, int k)
    {
        var p = new PoolShape(c, h, w, k);
        const int n = 3;
        double[] x = Random(n * p.InputSize, 1), selector = Random(x.Length, 2), g = Random(n * p.OutputSize, 3);
        double[] max = new double[g.Length], gathered = new double[g.Length], average = new double[g.Length];
        Pooling.MaxGather<double>(x, x, max, n, p);
        Pooling.MaxGather<double>(x, selector, gathered, n, p);
        Pooling.Average<double>(x, average, n, p);
        for (int s = 0; s < n; s++)
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < p.OutHeight; i++)
                    for (int j = 0; j < p.OutWidth; j++)
                    {
                        double best = double.NegativeInfinity, sum = 0, atArgmax = 0, bestSelector = double.NegativeInfinity;
                        for (int a = 0; a < k; a++)
                            for (int b = 0; b < k; b++)
                            {
                                int index = s * p.InputSize + (ch * h + i * k + a) * w + j * k + b;
                                best = Math.Max(best, x[index]);
                                sum += x[index];
                                if (selector[index] > bestSelector) (bestSelector, atArgmax) = (selector[index], x[index]);
                            }
                        int o = s * p.OutputSize + (ch * p.OutHeight + i) * p.OutWidth + j;
                        Assert.Equal(best, max[o]);
                        Assert.Equal(atArgmax, gathered[o]);
                        Assert.Equal(sum / (k * k), average[o], 14);
                    }

        // ⟨G, gather(V, S)⟩ = ⟨scatter(G, S), V⟩ and ⟨G, avg(V)⟩ = ⟨avgᵀ(G), V⟩
        double[] scattered = new double[x.Length], spread = new double[x.Length];
        Pooling.MaxScatter<double>(g, selector, scattered, n, p);
        Pooling.AverageAdjoint<double>(g, spread, n, p);
        Assert.Equal(Dot(g, gathered), Dot(scattered, x), 12);
        Assert.Equal(Dot(g, average), Dot(spread, x), 12);
    }

    /// <summary>
    /// The vectorised 2×2 paths (float gather and scatter, double gather; two windows per vector) against a reference
    /// written here from the definition (the first maximum in row-major order, NaN winning): values from {−1, 0, 1, 2}
    /// so that most windows hold ties, a few NaNs, widths with an odd number of windows (the scalar tail), gather with
    /// the same and another selector, scatter overwriting and accumulating.
    /// </summary>
    [Theory]
    [InlineData(3, 4, 4)]
    [InlineData(2, 6, 6)]
    [InlineData(2, 10, 14)]
    [InlineData(4, 28, 28)]
    public void TheTwoByTwoPathsChooseTheFirstMaximumAsTheDefinition(int c, int h, int w)
    {
        var p = new PoolShape(c, h, w, 2);
        const int n = 3;
        var random = new Random(5);
        float[] Draw(int length, bool nans)
        {
            var v = new float[length];
            for (int i = 0; i < length; i++) v[i] = nans && random.Next(40) == 0 ? float.NaN : random.Next(4) - 1;
            return v;
        }

        // the index in the batch of each window's first maximum (NaN wins), from the definition
        int[] ArgMaxes(float[] selector)
        {
            var at = new int[n * p.OutputSize];
            for (int plane = 0; plane < n * c; plane++)
                for (int i = 0; i < p.OutHeight; i++)
                    for (int j = 0; j < p.OutWidth; j++)
                    {
                        int best = -1;
                        for (int a = 0; a < 2 && (best < 0 || !float.IsNaN(selector[best])); a++)
                            for (int b = 0; b < 2; b++)
                            {
                                int index = plane * h * w + (2 * i + a) * w + 2 * j + b;
                                if (best < 0 || float.IsNaN(selector[index]) || selector[index] > selector[best]) best = index;
                                if (float.IsNaN(selector[best])) break;
                            }
                        at[plane * p.OutHeight * p.OutWidth + i * p.OutWidth + j] = best;
                    }
            return at;
        }

        float[] x = Draw(n * p.InputSize, nans: true), selector = Draw(x.Length, nans: true), g = Draw(n * p.OutputSize, nans: false);
        for (int i = 0; i < g.Length; i++) g[i] += 0.25f * (i % 7); // distinct values, so a wrong argmax shows
        static void Same(double expected, double actual, int i) => Assert.True(expected.Equals(actual), $"index {i}: {expected} vs {actual}");

        foreach (var (values, chooser) in new[] { (x, x), (x, selector), (selector, x) })
        {
            int[] at = ArgMaxes(chooser);
            var single = new float[g.Length];
            var wide = new double[g.Length];
            Pooling.MaxGather<float>(values, chooser, single, n, p);
            Pooling.MaxGather<double>(Array.ConvertAll(values, v => (double)v), Array.ConvertAll(chooser, v => (double)v), wide, n, p);
            for (int o = 0; o < g.Length; o++)
            {
                Same(values[at[o]], single[o], o);
                Same(values[at[o]], wide[o], o);
            }
        }

        int[] chosen = ArgMaxes(selector);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] start = Draw(x.Length, nans: false);
            float[] expected = accumulate ? (float[])start.Clone() : new float[start.Length];
            for (int o = 0; o < g.Length; o++) expected[chosen[o]] += g[o];
            float[] actual = (float[])start.Clone();
            Pooling.MaxScatter<float>(g, selector, actual, n, p, accumulate);
            for (int i = 0; i < expected.Length; i++) Same(expected[i], actual[i], i);
        }
    }

    [Fact]
    public void TiesTakeTheFirstMaximumInRowMajorOrderAsPyTorch()
    {
        var p = new PoolShape(1, 2, 2, 2);
        double[] selector = [1, 3, 3, 0], values = [10, 20, 30, 40];
        var result = new double[1];
        Pooling.MaxGather<double>(values, selector, result, 1, p);
        Assert.Equal(20, result[0]);
        var scattered = new double[4];
        Pooling.MaxScatter<double>([5.0], selector, scattered, 1, p);
        Assert.Equal([0.0, 5, 0, 0], scattered);
    }

    [Fact]
    public void APoolThatDoesNotDivideIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PoolShape(1, 5, 4, 2));
        Assert.Contains("divide the 5×4 input", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoolShape(0, 4, 4, 2));
    }
}
