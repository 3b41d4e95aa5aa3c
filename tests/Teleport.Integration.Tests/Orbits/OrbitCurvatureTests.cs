using System;
using System.Linq;
using Teleport.Geometry;
using Teleport.Integration.Tests.Networks;
using Teleport.Teleportation;
using Teleport.Testing;

namespace Teleport.Integration.Tests.Orbits;

/// <summary>ψ (<see cref="OrbitCurvature{T}"/>) and the closed-form κ′ (<see cref="CurveCurvature"/>).</summary>
public class OrbitCurvatureTests
{
    [Fact]
    public void PsiIsTheMeanKappaOfOneCurvePerBatchAndAllocatesNothing()
    {
        var model = new PaperMlp.Float64();
        model.InitializeParameters(3);
        var batch = new Batch(PaperMlp.Info, 30, seed: 5);
        var psi = new OrbitCurvature<double>(model, OrbitCurvatureOptions.Paper with { BatchSize = 10 });
        var value = psi.Measure(batch.Inputs, 9);
        Assert.Equal(3, psi.Curves);
        var d = PaperMlp.InputSize;
        var kappas = Enumerable.Range(0, 3).Select(c => psi.Kappa(batch.Inputs.AsSpan(c * 10 * d, 10 * d), 9, c)).ToArray();
        Assert.Equal(kappas.Average(), value, 15);
        Assert.True(kappas.Distinct().Count() == 3 && kappas.All(k => k > 0));

        // the generator: U[0,1) entries, unit Frobenius norm on each hidden layer's S3 block, zero elsewhere
        var m = psi.Generator(9, 0).ToArray();
        var offset = 0;
        foreach (var s in PaperMlp.Info.Symmetries)
        {
            var block = m.AsSpan(offset, s.Dimension).ToArray();
            if (s.Id == "S3") Assert.Equal(1, Math.Sqrt(block.Sum(x => x * x)), 12);
            else Assert.All(block, x => Assert.Equal(0, x));
            Assert.All(block, x => Assert.True(x >= 0));
            offset += s.Dimension;
        }

        Assert.Equal(0, Allocations.SteadyState(() => psi.Measure(batch.Inputs, 9)));
    }

    [Fact]
    public void ExactAndPaperModesDifferOnlyInTheSecondDerivative()
    {
        var model = new PaperMlp.Float64();
        model.InitializeParameters(3);
        var batch = new Batch(PaperMlp.Info, 40, seed: 6);
        var paper = new OrbitCurvature<double>(model).Measure(batch.Inputs, 1);
        var exact = new OrbitCurvature<double>(model, OrbitCurvatureOptions.Exact).Measure(batch.Inputs, 1);
        Assert.True(paper > 0 && exact > 0 && Math.Abs(paper - exact) > 1e-6 * exact, $"paper {paper} exact {exact}");
    }

    [Fact]
    public void AModelWithoutTheSymmetryOnEveryHiddenLayerIsRefusedInOneLine()
    {
        var model = new LinearNetwork.Float64();
        var e = Assert.Throws<ArgumentException>(() => new OrbitCurvature<double>(model));
        Assert.StartsWith("ψ (S3 on every hidden layer): hidden layer 0 of LinearNetwork has no S3 symmetry.", e.Message);
        Assert.Null(OrbitCurvature<double>.TryCreate(model, OrbitCurvatureOptions.Paper, out var reason));
        Assert.Equal("not computed: ψ (S3 on every hidden layer): hidden layer 0 of LinearNetwork has no S3 symmetry.", reason);
    }

    /// <summary>
    /// κ′ in closed form against central differences of κ(t), the curvature at γ(t) of the curve exp(sM)·γ(t) — the
    /// same curve shifted when the action is a group action: S1, S2 always, S3 within its exact limit, and S4 at
    /// n = k exactly (U·A·A(t)⁻¹ composes; for n &lt; k the increment form U·(I + (A − A′)A′⁺) does not, so the
    /// curve through γ(t) is another one and κ along it differs at first order).
    /// </summary>
    [Theory]
    [InlineData("PaperMlp", "S4", 1)]
    [InlineData("PaperMlp", "S3", 0)]
    [InlineData("TanhSigmoidRegressor", "S3", 1)]
    [InlineData("TanhSigmoidRegressor", "S4", 0)]
    [InlineData("LinearNetwork", "S1", 0)]
    [InlineData("DeepClassifier", "S2", 0)]
    public void KappaDerivativeMatchesDifferencesAlongTheOrbit(string name, string id, int layer)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var info = d.Info;
        var model = (IOrbitDerivatives<double>)d;
        var s = Enumerable.Range(0, info.Symmetries.Count).Single(i => info.Symmetries[i].Id == id && info.Symmetries[i].Layer == layer);
        var sym = info.Symmetries[s];
        var n = sym.IsExact ? c.Batch : id == "S4" ? sym.ExactBatchLimit : Math.Max(2, (sym.ExactBatchLimit + 1) / 2);
        var batch = new Batch(info, n, seed: 13);
        var active = new bool[info.Symmetries.Count];
        active[s] = true;
        var m = new double[info.Symmetries.Sum(x => x.Dimension)];
        var offset = info.Symmetries.Take(s).Sum(x => x.Dimension);
        var random = new Random(14);
        for (var i = 0; i < sym.Dimension; i++) m[offset + i] = random.NextDouble() - 0.5;
        var count = d.Parameters.Length;
        var (g1, g2, g3) = (new double[count], new double[count], new double[count]);
        var theta = d.Parameters.ToArray();

        double KappaAt(double t)
        {
            theta.AsSpan().CopyTo(d.Parameters);
            var x = m.AsSpan(offset, sym.Dimension).ToArray();
            for (var i = 0; i < x.Length; i++) x[i] *= t;
            Assert.True(model.ApplyGroupAction(s, Orbit.Exp<double>(sym, x), batch.Inputs));
            Assert.True(model.OrbitDerivatives(active, m, batch.Inputs, OrbitDerivativeMode.Exact, g1, g2, default));
            var kappa = CurveCurvature.Kappa<double>(g1, g2);
            theta.AsSpan().CopyTo(d.Parameters);
            return kappa;
        }

        Assert.True(model.OrbitDerivatives(active, m, batch.Inputs, OrbitDerivativeMode.Exact, g1, g2, g3));
        var (kappa0, derivative) = CurveCurvature.KappaAndDerivative<double>(g1, g2, g3);
        Assert.Equal(kappa0, KappaAt(0), 12);
        var best = double.MaxValue;
        foreach (var h in new[] { 1e-3, 2.5e-4, 6e-5 })
        {
            var fd = (-KappaAt(2 * h) + 8 * KappaAt(h) - 8 * KappaAt(-h) + KappaAt(-2 * h)) / (12 * h);
            best = Math.Min(best, Math.Abs(fd - derivative) / Math.Max(Math.Abs(derivative), 1e-12));
        }
        // 1e-4: S4 at n = k solves a square, less well conditioned Gram (its ridge biases the action at ~1e-5)
        Assert.True(best <= 1e-4, $"{name} {id}@{layer}: κ′ = {derivative:E6}, relative error {best:E3}");
    }

    /// <summary>The paper's curvature teleport (S4 on layer 1) moves κ along M the requested way and keeps the loss on n = k samples.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CurvatureTeleportMovesKappaTheRequestedWayAndKeepsTheLoss(bool increase)
    {
        var model = new PaperMlp.Float64();
        model.InitializeParameters(4);
        var batch = new Batch(PaperMlp.Info, 10, seed: 15);
        var teleport = new CurvatureTeleport<double>(model);
        for (var call = 0; call < 3; call++)
        {
            var step = teleport.Step(batch.Inputs, batch.TargetsD, 2e-3, increase, seed: 16, call)!;
            Assert.True(step.Applied);
            Assert.True(Math.Abs(step.Step) > 0);
            // first order: κ(t) − κ(0) ≈ t·κ′ = ±η·κ′², the sign requested
            Assert.True(increase ? step.KappaAfter > step.Kappa : step.KappaAfter < step.Kappa, $"call {call}: κ {step.Kappa} → {step.KappaAfter} (κ′ {step.KappaDerivative})");
            Assert.True(Math.Abs(step.LossAfter - step.LossBefore) <= 1e-9 * step.LossBefore, $"loss {step.LossBefore} → {step.LossAfter}");
        }
        var e = Assert.Throws<ArgumentException>(() => new CurvatureTeleport<double>(model, "S1", 0));
        Assert.StartsWith("Curvature teleport: PaperMlp has no S1 symmetry on hidden layer 0.", e.Message);
    }
}
