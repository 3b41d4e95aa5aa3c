using System;
using System.Linq;
using Teleport.Integration.Tests.Networks;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests;

/// <summary>
/// The session rewrite of the objective (input Gram K = X·Xᵀ and the cached X·W₀ᵀ) computes the
/// same loss, ‖∇L‖² and Lie-algebra gradient as the plain objective, also after group actions
/// that the session tracks and after an invalidation.
/// </summary>
public class TeleportSessionTests
{
    [Theory]
    [InlineData("PaperMlp", 20)]
    [InlineData("DeepClassifier", 5)]
    [InlineData("CustomFormulas", 2)]
    [InlineData("SiluGeluRegressor", 3)]
    public void SessionObjectiveEqualsThePlainObjective(string name, int n)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var model = (ITeleportable<double>)d;
        var info = d.Info;
        var batch = new Batch(info, n, seed: 51);
        var all = Enumerable.Repeat(true, info.Symmetries.Count).ToArray();
        var dimension = info.Symmetries.Sum(s => s.Dimension);

        (double Loss, double F, double[] Lie, double[] Gradient) Plain()
        {
            var lie = new double[dimension];
            var gradient = new double[d.Parameters.Length];
            var value = model.TeleportObjectiveGradient(batch.Inputs, batch.TargetsD, all, gradient, lie);
            return (value.Loss, value.GradientNormSquared, lie, gradient);
        }

        var expected = Plain();
        model.BeginTeleportSession(batch.Inputs);
        for (var round = 0; round < 3; round++)
        {
            var lie = new double[dimension];
            var gradient = new double[d.Parameters.Length];
            var value = model.TeleportObjectiveGradient(batch.Inputs, batch.TargetsD, all, gradient, lie);
            Assert.True(Math.Abs(value.Loss - expected.Loss) <= 1e-12 * Math.Abs(expected.Loss), $"{name} round {round}: loss");
            Assert.True(Math.Abs(value.GradientNormSquared - expected.F) <= 1e-10 * expected.F, $"{name} round {round}: F {value.GradientNormSquared} vs {expected.F}");
            Assert.True(Batch.RelativeError(lie, expected.Lie) <= 1e-7, $"{name} round {round}: Lie gradient {Batch.RelativeError(lie, expected.Lie):E2}");
            Assert.True(Batch.RelativeError(gradient, expected.Gradient) <= 1e-12, $"{name} round {round}: gradient");

            // Move along every exact symmetry of the input layer (the session tracks X·W₀ᵀ), then compare again.
            for (var s = 0; s < info.Symmetries.Count; s++)
            {
                var symmetry = info.Symmetries[s];
                if (symmetry.Layer != 0 || !symmetry.IsExact) continue;
                var g = Orbit.Exp<double>(symmetry, Orbit.Direction(symmetry, seed: 60 + 10 * round + s, scale: 0.2));
                Assert.True(model.ApplyGroupAction(s, g, batch.Inputs));
            }
            if (round == 1)
            {
                // A change outside ApplyGroupAction, announced: the session recomputes X·W₀ᵀ.
                d.Parameters[0] += 0.01;
                model.InvalidateTeleportSession();
            }
            model.EndTeleportSession();
            expected = Plain();
            model.BeginTeleportSession(batch.Inputs);
        }
        model.EndTeleportSession();
    }

    [Fact]
    public void TeleportWithAndWithoutSessionAgree()
    {
        var (inputs, labels) = TeleporterTests.PaperBatch(100, seed: 3);
        var withSession = new PaperMlp.Float64();
        var withoutSession = new NoSession(new PaperMlp.Float64());
        var init = new PaperMlp();
        init.InitializeParameters(4);
        for (var i = 0; i < PaperMlp.ParameterCount; i++) withSession.Parameters[i] = withoutSession.Parameters[i] = init.Parameters[i];
        var x = Array.ConvertAll(inputs, v => (double)v);
        var options = new TeleportOptions { Steps = 6, Symmetries = SymmetrySet.All };
        var a = new Teleporter<double>(withSession).Teleport(x, labels, options).Clone();
        var b = new Teleporter<double>(withoutSession).Teleport(x, labels, options).Clone();
        Assert.Equal(b.StepsTaken, a.StepsTaken);
        Assert.True(Math.Abs(a.GradNormSquaredAfter - b.GradNormSquaredAfter) <= 1e-8 * b.GradNormSquaredAfter, $"{a} vs {b}");
        Assert.True(Batch.RelativeError(withSession.Parameters.ToArray(), withoutSession.Parameters.ToArray()) <= 1e-9);
    }

    /// <summary>Forwards everything but the session calls (so the plain objective is used throughout).</summary>
    private sealed class NoSession(PaperMlp.Float64 inner) : ITeleportable<double>
    {
        public NetworkInfo Info => PaperMlp.Info;
        public Span<double> Parameters => inner.Parameters;
        public double Loss(ReadOnlySpan<double> inputs, Targets<double> targets) => ((IDifferentiableModel<double>)inner).Loss(inputs, targets);
        public double LossAndGradient(ReadOnlySpan<double> inputs, Targets<double> targets, Span<double> gradient) => ((IDifferentiableModel<double>)inner).LossAndGradient(inputs, targets, gradient);
        public void HessianVectorProduct(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<double> v, Span<double> result) => ((IDifferentiableModel<double>)inner).HessianVectorProduct(inputs, targets, v, result);
        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => inner.Predict(inputs, outputs);
        public TeleportObjectiveValue<double> TeleportObjectiveGradient(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<bool> active, Span<double> gradient, Span<double> lie) =>
            ((ITeleportable<double>)inner).TeleportObjectiveGradient(inputs, targets, active, gradient, lie);
        public bool ApplyGroupAction(int symmetry, ReadOnlySpan<double> groupElement, ReadOnlySpan<double> inputs) => inner.ApplyGroupAction(symmetry, groupElement, inputs);
        public bool TransportCovector(int symmetry, ReadOnlySpan<double> groupElement, Span<double> covector, bool squared) => inner.TransportCovector(symmetry, groupElement, covector, squared);
    }
}
