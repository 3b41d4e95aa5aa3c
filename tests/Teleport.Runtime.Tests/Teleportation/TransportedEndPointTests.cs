using System;
using System.Numerics;
using Teleport.Data;
using Teleport.Kernels;
using Teleport.Runtime.Tests.Training;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// After a teleport that transported the gradient (<see cref="TeleportOptions.GradientTransport"/>), the report's ‖∇L‖²
/// after is ∇L recomputed on the batch at the parameters the teleport ends on — not the transported gradient, which equals
/// it only to rounding — with the double twin and without; an end point where that ‖∇L‖² is not finite starts the
/// teleport over recomputing every step.
/// </summary>
public sealed class TransportedEndPointTests
{
    // 20 transported steps at a large η: the rounding of M(g)⁻ᵀ accumulates enough to show in the last bits
    private static readonly TeleportOptions Options = new() { Steps = 20, LearningRate = 0.5 };

    [Fact]
    public void WithoutATwinTheReportedGradientIsTheOneAtTheEndPoint()
    {
        var (inputs, labels) = Batch();
        double[] wide = Array.ConvertAll(inputs, v => (double)v);
        var model = TeleportTestSetup.Model().ToFloat64();
        var teleporter = new Teleporter<double>(model);
        TeleportReport report = teleporter.Teleport(wide, labels, Options);

        Assert.False(teleporter.GuardsInDouble);
        Assert.True(report.StepsTaken > 1, report.ToString());
        var gradient = new double[model.Parameters.Length];
        double loss = model.LossAndGradient(wide, labels, gradient);
        double expected = Reductions.SumOfSquares<double>(gradient);
        AssertAfterIs(expected, report);
        Assert.Equal(loss, report.LossAfter);
    }

    [Fact]
    public void WithTheDoubleTwinTheReportedGradientIsTheFloatOneAtTheEndPointAndTheLossTheDoubleOne()
    {
        var (inputs, labels) = Batch();
        var model = TeleportTestSetup.Model();
        var teleporter = new Teleporter<float>(model);
        TeleportReport report = teleporter.Teleport(inputs, labels, Options);

        Assert.True(teleporter.GuardsInDouble);
        Assert.True(report.StepsTaken > 1, report.ToString());
        var gradient = new float[model.Parameters.Length];
        model.LossAndGradient(inputs, labels, gradient);
        AssertAfterIs(double.CreateTruncating(Reductions.SumOfSquares<float>(gradient)), report);
        Assert.Equal(model.ToFloat64().Loss(Array.ConvertAll(inputs, v => (double)v), labels), report.LossAfter);
    }

    [Fact]
    public void AnEndPointWhoseGradientOverflowsStartsOverRecomputingWithoutATwin()
    {
        var (inputs, labels) = Batch();
        var model = new GradientOverflowsOnceMoved<double>(TeleportTestSetup.Model().ToFloat64());
        TeleportReport report = new Teleporter<double>(model).Teleport(Array.ConvertAll(inputs, v => (double)v), labels, Options);
        AssertRecomputedAfterOverflow(model, report);
    }

    [Fact]
    public void AnEndPointWhoseGradientOverflowsStartsOverRecomputingWithTheDoubleTwin()
    {
        var (inputs, labels) = Batch();
        var inner = TeleportTestSetup.Model();
        var model = new GradientOverflowsOnceMoved<float>(inner);
        var teleporter = new Teleporter<float>(model, inner.ToFloat64());
        TeleportReport report = teleporter.Teleport(inputs, labels, Options);

        Assert.True(teleporter.GuardsInDouble);
        AssertRecomputedAfterOverflow(model, report);
        Assert.Equal(inner.ToFloat64().Loss(Array.ConvertAll(inputs, v => (double)v), labels), report.LossAfter);
    }

    /// <summary>The report's "after" ‖∇L‖² and objective are <paramref name="expected"/> bit for bit; the trace ends on the transported value.</summary>
    private static void AssertAfterIs(double expected, TeleportReport report)
    {
        Assert.Equal(expected, report.GradNormSquaredAfter);
        Assert.Equal(expected, report.ObjectiveAfter);
        Assert.Equal(report.StepsTaken + 1, report.GradNormSquaredTrace.Length);
        double transported = report.GradNormSquaredTrace[^1];
        Assert.True(Math.Abs(transported - expected) <= 1e-4 * expected, $"transported {transported} vs recomputed {expected}");
        // the fixture is one where the two differ, else this test could not tell them apart
        Assert.NotEqual(expected, transported);
    }

    /// <summary>The transported ascent's end point was refused and the teleport redone with the model's objective gradient, ending finite.</summary>
    private static void AssertRecomputedAfterOverflow<T>(GradientOverflowsOnceMoved<T> model, TeleportReport report)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(model.Overflowed, "the transported ascent's end point was evaluated");
        Assert.True(model.ObjectiveEvaluations > 0, "the teleport started over recomputing: " + report);
        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.True(double.IsFinite(report.GradNormSquaredAfter), report.ToString());
        Assert.Equal(report.GradNormSquaredTrace[^1], report.GradNormSquaredAfter);
        Assert.True(report.RelativeLossDrift <= Options.LossTolerance, report.ToString());
    }

    private static (float[] Inputs, int[] Labels) Batch()
    {
        var inputs = new float[24 * 20];
        new SeededRandom(21).FillNormal(inputs, 0f, 1f);
        var labels = new int[24];
        for (int i = 0; i < labels.Length; i++) labels[i] = (i * 7) % 4;
        return (inputs, labels);
    }

    /// <summary>
    /// A model whose ∇L overflows (one component set to the largest finite value, so ‖∇L‖² = ∞) once a group action has
    /// moved it, while its loss and its objective gradient stay the inner model's: an action that keeps L but not ∇L, which
    /// an ascent that transports the gradient cannot see until its end point is evaluated.
    /// </summary>
    private sealed class GradientOverflowsOnceMoved<T>(ITeleportable<T> inner) : ITeleportable<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private bool moved;

        public bool Overflowed { get; private set; }

        public int ObjectiveEvaluations { get; private set; }

        public NetworkInfo Info => inner.Info;

        public Span<T> Parameters => inner.Parameters;

        public T Loss(ReadOnlySpan<T> inputs, Targets<T> targets) => inner.Loss(inputs, targets);

        public T LossAndGradient(ReadOnlySpan<T> inputs, Targets<T> targets, Span<T> gradient)
        {
            T loss = inner.LossAndGradient(inputs, targets, gradient);
            if (moved)
            {
                gradient[0] = T.CreateSaturating(double.MaxValue);
                Overflowed = true;
            }

            return loss;
        }

        public void HessianVectorProduct(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<T> v, Span<T> result) => inner.HessianVectorProduct(inputs, targets, v, result);

        public void Predict(ReadOnlySpan<T> inputs, Span<T> outputs) => inner.Predict(inputs, outputs);

        public TeleportObjectiveValue<T> TeleportObjectiveGradient(ReadOnlySpan<T> inputs, Targets<T> targets, ReadOnlySpan<bool> active, Span<T> gradient, Span<T> lieAlgebraGradient)
        {
            ObjectiveEvaluations++;
            return inner.TeleportObjectiveGradient(inputs, targets, active, gradient, lieAlgebraGradient);
        }

        public bool ApplyGroupAction(int symmetry, ReadOnlySpan<T> groupElement, ReadOnlySpan<T> inputs)
        {
            bool applied = inner.ApplyGroupAction(symmetry, groupElement, inputs);
            moved |= applied;
            return applied;
        }

        public GroupActionResult ApplyGroupActionWithinDomain(int symmetry, Span<T> groupElement, ReadOnlySpan<T> inputs)
        {
            GroupActionResult result = inner.ApplyGroupActionWithinDomain(symmetry, groupElement, inputs);
            moved |= result == GroupActionResult.Applied;
            return result;
        }

        public bool TransportCovector(int symmetry, ReadOnlySpan<T> groupElement, Span<T> covector, bool squared) => inner.TransportCovector(symmetry, groupElement, covector, squared);

        public void BeginTeleportSession(ReadOnlySpan<T> inputs) => inner.BeginTeleportSession(inputs);

        public void InvalidateTeleportSession() => inner.InvalidateTeleportSession();

        public void EndTeleportSession() => inner.EndTeleportSession();
    }
}
