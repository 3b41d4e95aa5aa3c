using System;
using System.Linq;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests;

/// <summary>
/// The group teleport with <see cref="TeleportOptions.GradientTransport"/>: for linear symmetries (S2 on (leaky) ReLU
/// layers and channels, S1 on identity layers and convolutions) the ascent reads the batch once and follows the
/// recomputing ascent step for step (double: to 1e-9; float: to rounding); with a data-dependent symmetry active it is
/// not used; an action that breaks the loss is caught at the end point and the teleport starts over recomputing.
/// </summary>
public class GradientTransportTests
{
    private static readonly TeleportOptions Defaults = new();

    [Theory]
    [InlineData("PaperMlp")]
    [InlineData("LinearNetwork")]
    [InlineData("ConvPoolClassifier")]
    [InlineData("AvgPoolLinearConv")]
    [InlineData("IdentityConvMaxPool")]
    public void TheTransportedAscentFollowsTheRecomputedOneInDouble(string name)
    {
        var c = NetworkCase.Get(name);
        var batch = new Batch(c.Create().D.Info, 24, seed: 5);
        var (transported, thetaT, countsT) = Run(c, batch, transport: true);
        var (recomputed, thetaR, countsR) = Run(c, batch, transport: false);

        Assert.True(recomputed.StepsTaken > 0 && recomputed.GradNormSquaredGain > 1.001, $"{name}: {recomputed}");
        Assert.Equal(recomputed.StepsTaken, transported.StepsTaken);
        Assert.Equal(recomputed.RejectedSteps, transported.RejectedSteps);
        Assert.Equal(recomputed.StopReason, transported.StopReason);
        double[] traceT = transported.GradNormSquaredTrace.ToArray(), traceR = recomputed.GradNormSquaredTrace.ToArray();
        Assert.Equal(traceR.Length, traceT.Length);
        for (int i = 0; i < traceR.Length; i++) Assert.True(Math.Abs(traceT[i] - traceR[i]) <= 1e-9 * traceR[i], $"{name} step {i}: ‖∇L‖² {traceT[i]} vs {traceR[i]}");
        double scale = thetaR.Max(Math.Abs), diff = thetaR.Zip(thetaT, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(diff <= 1e-9 * scale, $"{name}: parameters differ by {diff:E2} (scale {scale:E2})");
        Assert.True(Math.Abs(transported.LossAfter - recomputed.LossAfter) <= 1e-12 * Math.Abs(recomputed.LossAfter), $"{transported.LossAfter} vs {recomputed.LossAfter}");

        // the batch is read once (one gradient) plus the end point's loss; the recomputing ascent evaluates ∇L and H·∇L per step
        Assert.Equal((0, 1, 1), (countsT.Objective, countsT.Gradient, countsT.LossCount));
        Assert.Equal(recomputed.StepsTaken + recomputed.RejectedSteps + 1, countsR.Objective);
    }

    [Theory]
    [InlineData("ConvPoolClassifier")]
    [InlineData("PaperMlp")]
    public void InFloatTheTransportedAscentAgreesToRounding(string name)
    {
        var c = NetworkCase.Get(name);
        var batch = new Batch(c.Create().F.Info, 24, seed: 6);
        (TeleportReport Report, float[] Theta) RunFloat(bool transport)
        {
            var f = (ITeleportable<float>)c.Create().F;
            var report = new Teleporter<float>(f).Teleport(batch.InputsF, batch.TargetsF, new TeleportOptions { Steps = 8, LearningRate = 0.5, GradientTransport = transport });
            return (report, f.Parameters.ToArray());
        }

        var (t, thetaT) = RunFloat(true);
        var (r, thetaR) = RunFloat(false);
        Assert.True(r.StepsTaken > 0, r.ToString());
        Assert.Equal(r.StepsTaken, t.StepsTaken);
        Assert.True(Math.Abs(t.GradNormSquaredGain - r.GradNormSquaredGain) <= 1e-4 * r.GradNormSquaredGain, $"gain {t.GradNormSquaredGain} vs {r.GradNormSquaredGain}");
        float scale = thetaR.Max(Math.Abs), diff = thetaR.Zip(thetaT, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(diff <= 1e-4f * scale, $"{name}: parameters differ by {diff:E2} (scale {scale:E2})");
        Assert.True(t.RelativeLossDrift <= Defaults.LossTolerance, t.ToString());
    }

    [Fact]
    public void WithADataDependentSymmetryActiveTheAscentRecomputesAsBefore()
    {
        var c = NetworkCase.Get("PaperMlp");
        var batch = new Batch(c.Create().D.Info, 8, seed: 7);
        var options = (bool transport) => new TeleportOptions { Steps = 5, LearningRate = 0.1, Symmetries = SymmetrySet.All, LossTolerance = 1e-3, GradientTransport = transport };
        var (t, thetaT, countsT) = Run(c, batch, true, options(true));
        var (r, thetaR, _) = Run(c, batch, false, options(false));
        Assert.Contains(t.SymmetriesUsed.ToArray(), s => s.StartsWith("S3", StringComparison.Ordinal));
        Assert.True(countsT.Objective > 1);
        Assert.Equal(thetaR, thetaT);
        Assert.Equal(r.GradNormSquaredTrace.ToArray(), t.GradNormSquaredTrace.ToArray());
    }

    [Fact]
    public void AnActionThatMovesTheLossIsCaughtAtTheEndAndTheTeleportRecomputes()
    {
        var c = NetworkCase.Get("ConvPoolClassifier");
        var batch = new Batch(c.Create().D.Info, 24, seed: 8);
        var model = new CountingModel((ITeleportable<double>)c.Create().D) { BreakInvariance = true };
        IDifferentiableModel<double> view = model;
        double before = view.Loss(batch.Inputs, batch.TargetsD);
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, new TeleportOptions { Steps = 6, LearningRate = 0.5 });
        double after = view.Loss(batch.Inputs, batch.TargetsD);

        Assert.True(model.Objective > 0, "the fallback recomputes with the model's objective gradient");
        Assert.True(Math.Abs(after - before) <= Defaults.LossTolerance * before, $"loss {before} → {after}: {report}");
        Assert.True(report.RelativeLossDrift <= Defaults.LossTolerance, report.ToString());
    }

    private static (TeleportReport Report, double[] Theta, CountingModel Counts) Run(NetworkCase c, Batch batch, bool transport, TeleportOptions? options = null)
    {
        var model = new CountingModel((ITeleportable<double>)c.Create().D);
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD,
            options ?? new TeleportOptions { Steps = 8, LearningRate = 0.5, GradientTransport = transport });
        return (report, model.Parameters.ToArray(), model);
    }

    /// <summary>Counts the batch evaluations a teleport asks for; with <see cref="BreakInvariance"/> every action also nudges a weight (a "symmetry" that moves the loss).</summary>
    private sealed class CountingModel(ITeleportable<double> inner) : ITeleportable<double>
    {
        public int Objective { get; private set; }
        public int Gradient { get; private set; }
        public int LossCount { get; private set; }
        public bool BreakInvariance { get; init; }
        public NetworkInfo Info => inner.Info;
        public Span<double> Parameters => inner.Parameters;

        double IDifferentiableModel<double>.Loss(ReadOnlySpan<double> inputs, Targets<double> targets)
        {
            LossCount++;
            return inner.Loss(inputs, targets);
        }

        public double LossAndGradient(ReadOnlySpan<double> inputs, Targets<double> targets, Span<double> gradient)
        {
            Gradient++;
            return inner.LossAndGradient(inputs, targets, gradient);
        }

        public void HessianVectorProduct(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<double> v, Span<double> result) => inner.HessianVectorProduct(inputs, targets, v, result);
        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => inner.Predict(inputs, outputs);

        public TeleportObjectiveValue<double> TeleportObjectiveGradient(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<bool> active, Span<double> gradient, Span<double> lieAlgebraGradient)
        {
            Objective++;
            return inner.TeleportObjectiveGradient(inputs, targets, active, gradient, lieAlgebraGradient);
        }

        public bool ApplyGroupAction(int symmetry, ReadOnlySpan<double> groupElement, ReadOnlySpan<double> inputs) => Nudged(inner.ApplyGroupAction(symmetry, groupElement, inputs));

        public GroupActionResult ApplyGroupActionWithinDomain(int symmetry, Span<double> groupElement, ReadOnlySpan<double> inputs)
        {
            var result = inner.ApplyGroupActionWithinDomain(symmetry, groupElement, inputs);
            Nudged(result == GroupActionResult.Applied);
            return result;
        }

        public bool TransportCovector(int symmetry, ReadOnlySpan<double> groupElement, Span<double> covector, bool squared) => inner.TransportCovector(symmetry, groupElement, covector, squared);
        public void BeginTeleportSession(ReadOnlySpan<double> inputs) => inner.BeginTeleportSession(inputs);
        public void InvalidateTeleportSession() => inner.InvalidateTeleportSession();
        public void EndTeleportSession() => inner.EndTeleportSession();

        private bool Nudged(bool applied)
        {
            if (applied && BreakInvariance) inner.Parameters[0] += 0.05;
            return applied;
        }
    }
}
