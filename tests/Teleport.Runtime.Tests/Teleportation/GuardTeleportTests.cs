using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// The teleporter's guards: steps whose loss drifts, whose values are not finite or whose action fails
/// are rolled back and retried with a smaller η; the cap holds after every step; the parameters
/// always end at an accepted point.
/// </summary>
public sealed class GuardTeleportTests
{
    private static readonly double[] Inputs = [0];

    [Fact]
    public void BacktracksUntilTheStepIsSmallEnoughThenAccepts()
    {
        var model = new GuardModel(2, 0.25, GuardFault.Drift, threshold: 0.05);
        var teleporter = new Teleporter<double>(model);
        var options = new TeleportOptions { LogarithmicAscent = false, Steps = 5, LearningRate = 0.1, MaxStepNorm = double.PositiveInfinity };
        TeleportReport report = teleporter.Teleport(Inputs, default, options);

        Assert.True(report.StepsTaken >= 1, report.ToString());
        Assert.True(report.Backtracks >= 4, report.ToString());
        Assert.True(report.RejectedSteps >= 4, report.ToString());
        Assert.Equal(options.LearningRate * Math.Pow(0.5, report.Backtracks), report.FinalLearningRate, 1e-15);
        Assert.True(report.RelativeLossDrift <= 1e-12, report.ToString());
        Assert.True(report.GradNormSquaredAfter > report.GradNormSquaredBefore);
        Assert.True(double.IsFinite(model.Parameters[0]) && double.IsFinite(model.Parameters[1]));
        Assert.Equal(report.LossAfter, model.Loss(Inputs, default), 1e-15);

        // every accepted element was within the fault threshold: ln of the product ≤ steps × threshold
        Assert.True(teleporter.IsUsed(0));
        double logTotal = Math.Log(teleporter.AccumulatedGroupElement(0)[0]);
        Assert.True(logTotal > 0 && logTotal <= report.StepsTaken * model.Threshold * (1 + 1e-12));
    }

    [Theory]
    [InlineData(GuardFault.Drift, TeleportStopReason.DriftLimit)]
    [InlineData(GuardFault.NotFinite, TeleportStopReason.NonFinite)]
    [InlineData(GuardFault.Refuse, TeleportStopReason.NonFinite)]
    [InlineData(GuardFault.OutsideRange, TeleportStopReason.RangeViolation)]
    public void AlwaysFaultyStepsAreAllRolledBack(GuardFault fault, TeleportStopReason reason)
    {
        var model = new GuardModel(2, 0.25, fault, threshold: -1);
        var teleporter = new Teleporter<double>(model);
        var options = new TeleportOptions { LogarithmicAscent = false, Steps = 5, MaxBacktracks = 6 };
        TeleportReport report = teleporter.Teleport(Inputs, default, options);

        Assert.Equal(reason, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(6, report.Backtracks);
        Assert.Equal(7, report.RejectedSteps);
        Assert.Equal(7, model.Actions);
        Assert.Equal([2.0, 0.25], model.Parameters.ToArray());
        Assert.Equal(report.LossBefore, report.LossAfter);
        Assert.Equal(report.GradNormSquaredBefore, report.GradNormSquaredAfter);
        Assert.False(teleporter.IsUsed(0));
        Assert.Equal(1.0, teleporter.AccumulatedGroupElement(0)[0]);
    }

    [Fact]
    public void TheCapHoldsAfterEveryStep()
    {
        var model = new GuardModel(2, 0.25, GuardFault.None, threshold: 0);
        var teleporter = new Teleporter<double>(model);
        double cap = 3 * 4.0625;
        var options = new TeleportOptions { LogarithmicAscent = false, Steps = 50, LearningRate = 0.1, GradientNormSquaredCap = cap };
        TeleportReport report = teleporter.Teleport(Inputs, default, options);

        Assert.Equal(4.0625, report.GradNormSquaredBefore, 1e-12);
        Assert.Equal(TeleportStopReason.CapReached, report.StopReason);
        foreach (double value in report.GradNormSquaredTrace)
        {
            Assert.True(value <= cap, $"‖∇L‖² {value} above the cap {cap}");
        }

        Assert.True(report.GradNormSquaredAfter > 0.9 * cap, report.ToString());
        var gradient = new double[2];
        model.LossAndGradient(Inputs, default, gradient);
        Assert.True(gradient[0] * gradient[0] + gradient[1] * gradient[1] <= cap);

        // already above the cap: nothing moves
        options.GradientNormSquaredCap = 1;
        report = teleporter.Teleport(Inputs, default, options);
        Assert.Equal(TeleportStopReason.CapReached, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
    }

    [Fact]
    public void DriftCannotAccumulateAcrossSteps()
    {
        // Each step alone drifts by 2e-6 relative (under the 1e-5 tolerance), but the drift is measured
        // against the loss before the teleport, so the teleport stops once the total would exceed it.
        var model = new GuardModel(2, 0.25, GuardFault.Drift, threshold: -1, driftFactor: 1 + 1e-6);
        var teleporter = new Teleporter<double>(model);
        TeleportReport report = teleporter.Teleport(Inputs, default, new TeleportOptions { LogarithmicAscent = false, Steps = 20, LearningRate = 0.01 });

        Assert.Equal(TeleportStopReason.DriftLimit, report.StopReason);
        Assert.InRange(report.StepsTaken, 2, 6);
        Assert.True(report.RelativeLossDrift <= 1e-5, report.ToString());
        Assert.True(report.RelativeLossDrift >= 1e-6, report.ToString());
    }

    [Fact]
    public void NonFiniteStartMovesNothing()
    {
        var model = new GuardModel(double.NaN, 0.25, GuardFault.None, threshold: 1);
        TeleportReport report = new Teleporter<double>(model).Teleport(Inputs, default);
        Assert.Equal(TeleportStopReason.NonFinite, report.StopReason);
        Assert.Equal(0, model.Actions);
        Assert.True(double.IsNaN(model.Parameters[0]));
    }

    [Fact]
    public void ZeroStepsOrAStationaryPointMoveNothing()
    {
        var model = new GuardModel(2, 0.25, GuardFault.None, threshold: 1);
        var teleporter = new Teleporter<double>(model);
        TeleportReport report = teleporter.Teleport(Inputs, default, new TeleportOptions { LogarithmicAscent = false, Steps = 0 });
        Assert.Equal(TeleportStopReason.Completed, report.StopReason);
        Assert.Equal(1, report.GradNormSquaredTrace.Length);
        Assert.Equal(0, model.Actions);

        // a = b: ∂F/∂t = 8L(a² − b²) = 0, a critical point of ‖∇L‖² on the orbit
        var balanced = new GuardModel(0.5, 0.5, GuardFault.None, threshold: 1);
        report = new Teleporter<double>(balanced).Teleport(Inputs, default);
        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
        Assert.Equal(0, balanced.Actions);
    }

    [Fact]
    public void AscentIsRequiredUnlessDisabled()
    {
        // 10° past the maximum of ‖∇L‖² on Booth's orbit, a 0.7 rad step overshoots to a lower value.
        const double angle = Math.PI / 4 + Math.PI / 18;
        var options = new TeleportOptions { LogarithmicAscent = false, Steps = 1, LearningRate = 0.7 / 10.94, MaxStepNorm = double.PositiveInfinity, MaxBacktracks = 0 };
        var strict = BoothModel.FromAngle(1, angle);
        TeleportReport report = new Teleporter<double>(strict).Teleport(Inputs, default, options);
        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
        Assert.Equal(0, report.StepsTaken);

        options.RequireAscent = false;
        var lenient = BoothModel.FromAngle(1, angle);
        report = new Teleporter<double>(lenient).Teleport(Inputs, default, options);
        Assert.Equal(TeleportStopReason.Completed, report.StopReason);
        Assert.True(report.GradNormSquaredAfter < report.GradNormSquaredBefore, report.ToString());
    }
}
