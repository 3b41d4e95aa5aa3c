using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Teleportation;
using Teleport.Testing;

namespace Teleport.Integration.Tests.Orbits;

/// <summary>
/// The generated orbit derivatives γ′, γ″, γ‴ of γ(t) = exp(tM)·θ against central differences of the generated
/// finite group actions in double, for every symmetry of every test architecture alone and for one symmetry per
/// hidden layer composed in layer order (the order the teleporter applies them), on batches where every action is
/// exact; float against double; no allocation after warm-up.
/// </summary>
public class OrbitDerivativeTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in NetworkCase.All)
        {
            var (_, d) = c.Create();
            if (d.Info.Symmetries.Count > 0 && d is IOrbitDerivatives<double>) data.Add(c.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachSymmetryMatchesDifferencesOfItsAction(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var info = d.Info;
        for (var s = 0; s < info.Symmetries.Count; s++)
        {
            var active = new bool[info.Symmetries.Count];
            active[s] = true;
            Check(c, d, active, $"{name} {info.Symmetries[s].Id} on layer {info.Symmetries[s].Layer}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ComposedSymmetriesMatchDifferencesOfTheComposedAction(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var info = d.Info;
        // The first and the last symmetry of each hidden layer, except that S3 is taken only on the first layer: the
        // product rule (OrbitKernels.ComposeRightFactor) is the composed action's derivative when each later
        // symmetry's V-side curve does not read the moved input h(t) (S1, S2, S4) — an S3 after another symmetry refits
        // through (h·e^{tM})⁺, which factors only when h has full column rank.
        foreach (var pick in new Func<IGrouping<int, int>, int>[] { g => g.First(), g => g.Last() })
        {
            var active = new bool[info.Symmetries.Count];
            foreach (var g in Enumerable.Range(0, info.Symmetries.Count).GroupBy(i => info.Symmetries[i].Layer))
            {
                var allowed = g.Where(i => g.Key == info.Symmetries[0].Layer || info.Symmetries[i].Kind != SymmetryKind.DataDependent).ToList();
                if (allowed.Count > 0) active[pick(allowed.GroupBy(_ => g.Key).Single())] = true;
            }
            var ids = string.Join("+", Enumerable.Range(0, active.Length).Where(i => active[i]).Select(i => $"{info.Symmetries[i].Id}@{info.Symmetries[i].Layer}"));
            Check(c, d, active, $"{name} {ids}");
        }
    }

    /// <summary>
    /// Every case but DeepClassifier: its softplus layer 2 gives all-positive, nearly parallel activations, so the Gram
    /// A·Aᵀ of S4 is so badly conditioned that float's P′ differs from double's by ~0.5 relative (measured; double is
    /// checked against differences above). The float S4 action shares that limit.
    /// </summary>
    public static TheoryData<string> FloatCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in NetworkCase.All)
            if (c.Name != "DeepClassifier" && c.Create().D is IOrbitDerivatives<double> { Info.Symmetries.Count: > 0 }) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void FloatAgreesWithDoubleAndAllocatesNothing(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, d) = c.Create();
        var info = d.Info;
        // Two samples: the Gram matrices S3 and S4 solve (n×n) are then well conditioned; on larger batches of saturating
        // σ (softplus, sigmoid) their conditioning times float's ridge √ε·mean(diag) ≈ 3e-4 decides the error, not the
        // derivation (double is checked on them against differences above).
        var n = Math.Min(c.Batch, 2);
        var batch = new Batch(info, n, seed: 31);
        var inputs = batch.InputsF;
        var count = d.Parameters.Length;
        var single = (IOrbitDerivatives<float>)f;
        var (f1, f2, f3) = (new float[count], new float[count], new float[count]);
        for (var s = 0; s < info.Symmetries.Count; s++)
        {
            var active = new bool[info.Symmetries.Count];
            active[s] = true;
            var m = Generator(info, active, seed: 32);
            var (d1, d2, d3) = (new double[count], new double[count], new double[count]);
            Assert.True(((IOrbitDerivatives<double>)d).OrbitDerivatives(active, m, batch.Inputs, OrbitDerivativeMode.Exact, d1, d2, d3));
            var mf = Array.ConvertAll(m, x => (float)x);
            Assert.True(single.OrbitDerivatives(active, mf, inputs, OrbitDerivativeMode.Exact, f1, f2, f3));
            foreach (var (x, y, order) in new[] { (f1, d1, 1), (f2, d2, 2), (f3, d3, 3) })
            {
                // float Gram solves carry the ridge √ε_float·mean(diag) ≈ 3e-4 relative, amplified by the conditioning
                var error = Batch.RelativeError(Array.ConvertAll(x, v => (double)v), y);
                Assert.True(error <= 1e-2, $"{name} {info.Symmetries[s].Id}@{info.Symmetries[s].Layer}: float γ^({order}) relative error {error:E3}");
            }

            Assert.Equal(0, Allocations.SteadyState(() =>
            {
                for (var i = 0; i < 3; i++) single.OrbitDerivatives(active, mf, inputs, OrbitDerivativeMode.Exact, f1, f2, f3);
            }));
        }
    }

    [Fact]
    public void PaperModeDropsTheCrossTermAndKeepsTheFirstDerivative()
    {
        var c = NetworkCase.Get("DeepClassifier");
        var (_, d) = c.Create();
        var info = d.Info;
        var n = Math.Min(c.Batch, SmallestWidth(info));
        var batch = new Batch(info, n, seed: 41);
        var active = new bool[info.Symmetries.Count];
        foreach (var g in Enumerable.Range(0, active.Length).GroupBy(i => info.Symmetries[i].Layer)) active[g.Last()] = true;
        var m = Generator(info, active, seed: 42);
        var count = d.Parameters.Length;
        var model = (IOrbitDerivatives<double>)d;
        var exact = (new double[count], new double[count]);
        var paper = (new double[count], new double[count]);
        Assert.True(model.OrbitDerivatives(active, m, batch.Inputs, OrbitDerivativeMode.Exact, exact.Item1, exact.Item2, default));
        Assert.True(model.OrbitDerivatives(active, m, batch.Inputs, OrbitDerivativeMode.Paper, paper.Item1, paper.Item2, default));
        Assert.True(Batch.RelativeError(paper.Item1, exact.Item1) <= 1e-13, "γ′ does not depend on the mode");
        Assert.True(Batch.RelativeError(paper.Item2, exact.Item2) > 1e-6, "the paper's γ″ differs from the exact one");
    }

    /// <summary>γ′, γ″, γ‴ against central differences of θ(t) = g_L(t)·…·g_1(t)·θ, g_s(t) = exp(t·M_s).</summary>
    private static void Check(NetworkCase c, IDifferentiableModel<double> d, bool[] active, string where)
    {
        var info = d.Info;
        var model = (IOrbitDerivatives<double>)d;
        // Half of every active symmetry's exact limit: at the limit itself (n = k for S4, n = d + 1 for S3) the Gram
        // matrix the action solves is square and badly conditioned, and the ridge the actions solve with biases them.
        var n = c.Batch;
        for (var s = 0; s < active.Length; s++)
            if (active[s] && !info.Symmetries[s].IsExact) n = Math.Min(n, Math.Max(2, (info.Symmetries[s].ExactBatchLimit + 1) / 2));
        var batch = new Batch(info, n, seed: 11);
        var m = Generator(info, active, seed: 12);
        var count = d.Parameters.Length;
        var (g1, g2, g3) = (new double[count], new double[count], new double[count]);
        Assert.True(model.OrbitDerivatives(active, m, batch.Inputs, OrbitDerivativeMode.Exact, g1, g2, g3), $"{where}: refused");

        var theta = d.Parameters.ToArray();
        double[] At(double t)
        {
            theta.CopyTo(d.Parameters);
            var offset = 0;
            for (var s = 0; s < info.Symmetries.Count; s++)
            {
                var sym = info.Symmetries[s];
                if (active[s])
                {
                    var x = m.AsSpan(offset, sym.Dimension).ToArray();
                    for (var i = 0; i < x.Length; i++) x[i] *= t;
                    Assert.True(model.ApplyGroupAction(s, Orbit.Exp<double>(sym, x), batch.Inputs), $"{where}: action refused at t = {t}");
                }
                offset += sym.Dimension;
            }
            var result = d.Parameters.ToArray();
            theta.CopyTo(d.Parameters);
            return result;
        }

        // Central differences at several steps, the best kept: piecewise-linear σ puts kinks on the curve (an entry of
        // e^{tM}·σ(Z) or e^{tM}·Z crossing 0), which a large step straddles and a small step resolves only to round-off.
        var (e1, e2, e3) = (double.MaxValue, double.MaxValue, double.MaxValue);
        Assert.True(Batch.RelativeError(At(0), theta) <= 1e-12, $"{where}: γ(0) ≠ θ");
        foreach (var h in new[] { 4e-3, 1e-3, 2.5e-4, 6e-5 })
        {
            var (p1, m1, p2, m2, zero) = (At(h), At(-h), At(2 * h), At(-2 * h), At(0));
            var fd1 = new double[count];
            var fd2 = new double[count];
            var fd3 = new double[count];
            for (var i = 0; i < count; i++)
            {
                // fourth-order central differences for γ′ and γ″, second-order for γ‴
                fd1[i] = (-p2[i] + 8 * p1[i] - 8 * m1[i] + m2[i]) / (12 * h);
                fd2[i] = (-p2[i] + 16 * p1[i] - 30 * zero[i] + 16 * m1[i] - m2[i]) / (12 * h * h);
                fd3[i] = (p2[i] - 2 * p1[i] + 2 * m1[i] - m2[i]) / (2 * h * h * h);
            }
            e1 = Math.Min(e1, Batch.RelativeError(g1, fd1));
            e2 = Math.Min(e2, Batch.RelativeError(g2, fd2));
            e3 = Math.Min(e3, Batch.RelativeError(g3, fd3));
        }
        Assert.True(e1 <= 1e-7, $"{where}: γ′ relative error {e1:E3}");
        Assert.True(e2 <= 1e-6, $"{where}: γ″ relative error {e2:E3}");
        Assert.True(e3 <= 1e-4, $"{where}: γ‴ relative error {e3:E3}");
        Assert.Contains(g2, x => x != 0);
    }

    /// <summary>A batch no larger than any hidden width keeps S3 and S4 exact (and their curves those of the kernels' regime).</summary>
    private static int SmallestWidth(NetworkInfo info) => info.Symmetries.Min(s => s.Width);

    /// <summary>A deterministic generator with entries in [−0.5, 0.5] on the active slices.</summary>
    private static double[] Generator(NetworkInfo info, bool[] active, int seed)
    {
        var random = new Random(seed);
        var m = new double[info.Symmetries.Sum(s => s.Dimension)];
        for (var i = 0; i < m.Length; i++) m[i] = random.NextDouble() - 0.5;
        return m;
    }

    /// <summary>The orbit kernels cover dense layers: a CNN does not claim orbit derivatives (ψ reports itself unavailable).</summary>
    [Fact]
    public void ConvolutionalNetworksDoNotClaimOrbitDerivatives()
    {
        foreach (var c in NetworkCase.All)
        {
            var (f, d) = c.Create();
            if (d.Info.Layers.All(l => l.Kind == LayerKind.Dense)) Assert.True(d is IOrbitDerivatives<double> && f is IOrbitDerivatives<float>, c.Name);
            else Assert.False(d is IOrbitDerivatives<double> || f is IOrbitDerivatives<float>, c.Name);
        }
    }
}
