using System;
using Teleport.Teleportation;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// The null-space projector on random layer inputs, in double: with τ = 1 a projected step annihilates the input
/// [H 1] (ΔW̃·H̃ᵀ = 0) on both sides of n = d′ (the two Gram paths); with τ &lt; 1 what is left of ΔW̃·H̃ᵀ is bounded
/// by the largest dropped singular value; the projection is idempotent; the kept rank follows the energy rule.
/// </summary>
public sealed class NullSpaceProjectorTests
{
    [Theory]
    [InlineData(3, 9, 4, true)]   // n < d′: Gram H̃·H̃ᵀ
    [InlineData(5, 9, 4, false)]
    [InlineData(8, 9, 3, true)]
    public void ExactProjectorAnnihilatesTheLayerInput(int n, int fanIn, int width, bool bias)
    {
        var h = Random(n * fanIn, seed: 10 + n);
        var p = new NullSpaceProjector(fanIn, width, bias);
        Assert.True(p.Build<double>(h, n, threshold: 1));
        Assert.Equal(n, p.KeptRank);
        var g = Random(width * p.Dimension, seed: 20 + n);
        double before = OutputNorm(g, p.Input, n, width, p.Dimension);
        p.Project(g);
        double after = OutputNorm(g, p.Input, n, width, p.Dimension);
        Assert.True(before > 1, $"the unprojected step moves the output by {before}");
        Assert.True(after <= 1e-12 * before, $"‖ΔW̃·H̃ᵀ‖ {before:E3} → {after:E3}");
        // what is left is not zero: d′ − n free directions
        Assert.True(Norm(g) > 0.1, $"the projected step has norm {Norm(g)}");
    }

    [Fact]
    public void ExactProjectorOnATallInputKeepsOnlyItsNullSpace()
    {
        // n = 12 samples of a 6-dimensional input that lies in a 4-dimensional subspace (+ bias column: rank 5 of 7)
        int n = 12, fanIn = 6, width = 3;
        var basis = Random(4 * fanIn, seed: 3);
        var coefficients = Random(n * 4, seed: 4);
        var h = new double[n * fanIn];
        for (int s = 0; s < n; s++)
            for (int j = 0; j < fanIn; j++)
                for (int i = 0; i < 4; i++) h[s * fanIn + j] += coefficients[s * 4 + i] * basis[i * fanIn + j];
        var p = new NullSpaceProjector(fanIn, width, hasBias: true);
        Assert.True(p.Build<double>(h, n, threshold: 1));
        Assert.Equal(5, p.KeptRank);
        var g = Random(width * p.Dimension, seed: 5);
        double before = OutputNorm(g, p.Input, n, width, p.Dimension);
        p.Project(g);
        Assert.True(OutputNorm(g, p.Input, n, width, p.Dimension) <= 1e-10 * before);
        Assert.True(Norm(g) > 0.1);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    public void ApproximateProjectorLeavesAtMostTheDroppedEnergy(double tau)
    {
        int n = 30, fanIn = 10, width = 4;
        var h = Random(n * fanIn, seed: 7);
        // uneven singular values: scale column j by 2^-j
        for (int s = 0; s < n; s++)
            for (int j = 0; j < fanIn; j++) h[s * fanIn + j] *= Math.Pow(2, -j);
        var p = new NullSpaceProjector(fanIn, width, hasBias: false);
        Assert.True(p.Build<double>(h, n, tau));
        Assert.InRange(p.KeptRank, 1, fanIn - 1);
        var lambda = SingularValuesSquared(h, n, fanIn);
        // the energy rule: the kept r carry ≥ τ, r − 1 do not
        double total = 0, kept = 0, lessOne = 0;
        for (int i = 0; i < fanIn; i++) total += lambda[i];
        for (int i = 0; i < p.KeptRank; i++) kept += lambda[i];
        for (int i = 0; i < p.KeptRank - 1; i++) lessOne += lambda[i];
        Assert.True(kept >= tau * total * (1 - 1e-12) && lessOne < tau * total, $"rank {p.KeptRank}: {kept / total:G6} / {lessOne / total:G6} of the energy");
        var g = Random(width * fanIn, seed: 8);
        p.Project(g);
        double left = OutputNorm(g, p.Input, n, width, fanIn);
        // ‖P(G)·Hᵀ‖_F ≤ ‖P(G)‖_F·σ_{r+1}
        Assert.True(left <= Norm(g) * Math.Sqrt(lambda[p.KeptRank]) * (1 + 1e-9), $"left {left:E3}, bound {Norm(g) * Math.Sqrt(lambda[p.KeptRank]):E3}");
        // idempotent
        var again = (double[])g.Clone();
        p.Project(again);
        for (int i = 0; i < g.Length; i++) Assert.Equal(g[i], again[i], 1e-12);
    }

    [Theory]
    [InlineData(new[] { 4.0, 3, 2, 1 }, 1.0, 4)]
    [InlineData(new[] { 4.0, 3, 2, 1 }, 0.7, 2)]
    [InlineData(new[] { 4.0, 3, 2, 1 }, 0.71, 3)]
    [InlineData(new[] { 4.0, 3, 1e-20, 0 }, 1.0, 2)]
    [InlineData(new[] { 0.0, 0 }, 1.0, 0)]
    public void RankFollowsTheEnergyRule(double[] lambda, double tau, int expected) =>
        Assert.Equal(expected, NullSpaceProjector.Rank(lambda, tau));

    [Fact]
    public void BuildingAgainAtTheSameBatchSizeAllocatesNothing()
    {
        var h = Random(20 * 8, seed: 9);
        var p = new NullSpaceProjector(8, 5, hasBias: true);
        var g = Random(5 * 9, seed: 10);
        p.Build<double>(h, 20, 0.99);
        p.Project(g);
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            p.Build<double>(h, 20, 0.99);
            p.Project(g);
        }));
    }

    /// <summary>‖G·H̃ᵀ‖_F for G [k×d′], H̃ [n×d′].</summary>
    private static double OutputNorm(ReadOnlySpan<double> g, ReadOnlySpan<double> h, int n, int k, int d)
    {
        double sum = 0;
        for (int s = 0; s < n; s++)
            for (int j = 0; j < k; j++)
            {
                double z = 0;
                for (int l = 0; l < d; l++) z += g[j * d + l] * h[s * d + l];
                sum += z * z;
            }

        return Math.Sqrt(sum);
    }

    /// <summary>Eigenvalues of HᵀH, descending (power iteration with deflation would do; Jacobi is simplest and exact enough).</summary>
    private static double[] SingularValuesSquared(double[] h, int n, int d)
    {
        var a = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                for (int s = 0; s < n; s++) a[i, j] += h[s * d + i] * h[s * d + j];
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < d; p++)
                for (int q = p + 1; q < d; q++)
                {
                    off += a[p, q] * a[p, q];
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), sn = t * c;
                    for (int r = 0; r < d; r++)
                    {
                        double arp = a[r, p], arq = a[r, q];
                        a[r, p] = c * arp - sn * arq;
                        a[r, q] = sn * arp + c * arq;
                    }

                    for (int r = 0; r < d; r++)
                    {
                        double apr = a[p, r], aqr = a[q, r];
                        a[p, r] = c * apr - sn * aqr;
                        a[q, r] = sn * apr + c * aqr;
                    }
                }

            if (off < 1e-30) break;
        }

        var values = new double[d];
        for (int i = 0; i < d; i++) values[i] = a[i, i];
        Array.Sort(values);
        Array.Reverse(values);
        return values;
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double sum = 0;
        foreach (double x in v) sum += x * x;
        return Math.Sqrt(sum);
    }

    private static double[] Random(int count, int seed)
    {
        var random = new Random(seed);
        var v = new double[count];
        for (int i = 0; i < count; i++) v[i] = 2 * random.NextDouble() - 1;
        return v;
    }
}
