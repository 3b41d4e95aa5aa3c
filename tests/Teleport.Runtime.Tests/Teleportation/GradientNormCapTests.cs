using System;
using Teleport.Kernels;
using Teleport.Teleportation;
using Teleport.Runtime.Tests.Training;
using Xunit.Abstractions;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// <see cref="TeleportOptions.GradientNormSquaredCap"/> is the largest ‖∇L‖² a teleport may accept. Under the objectives
/// other than ‖∇L‖² (sharpness, curvature, Hessian trace, λmax) it was not read at all: raising the Hessian trace here took
/// ‖∇L‖² from 0.093 to 0.52 through a cap of 0.31, λmax to 12 through a cap of 6.2, and the teleport reported "completed"
/// with ‖∇L‖² after above the cap.
/// </summary>
public sealed class GradientNormCapTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TeleportObjective.HessianTrace)]
    [InlineData(TeleportObjective.TopEigenvalue)]
    public void TheGradientNormCapHoldsUnderEveryObjective(TeleportObjective objective)
    {
        var (inputs, labels) = HugeStepTests.Batch(20);
        var targets = new Targets<float>(labels);
        var options = new TeleportOptions { Objective = objective, LearningRate = 0.5 };
        options.ObjectiveSettings.SharpnessDirections = 2;

        // the same teleport without a cap: how far ‖∇L‖² goes
        TeleportReport free = new Teleporter<float>(TeleportTestSetup.Model()).Teleport(inputs, targets, options).Clone();
        output.WriteLine(free.ToString());
        Assert.True(free.GradNormSquaredAfter > 1.2 * free.GradNormSquaredBefore, "the test needs an ascent that raises ‖∇L‖²");

        options.GradientNormSquaredCap = free.GradNormSquaredBefore + 0.5 * (free.GradNormSquaredAfter - free.GradNormSquaredBefore);
        TeleportTestMlp model = TeleportTestSetup.Model();
        TeleportReport report = new Teleporter<float>(model).Teleport(inputs, targets, options);
        output.WriteLine(report.ToString());

        var gradient = new float[TeleportTestMlp.ParameterCount];
        model.LossAndGradient(inputs, labels, gradient);
        double after = Reductions.SumOfSquares<float>(gradient);
        Assert.True(after <= options.GradientNormSquaredCap, $"‖∇L‖² {after} above the cap {options.GradientNormSquaredCap}");
        Assert.Equal(after, report.GradNormSquaredAfter);
        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.Equal(TeleportStopReason.CapReached, report.StopReason);
        Assert.True(report.RelativeLossDrift <= options.LossTolerance, report.ToString());
    }

    [Fact]
    public void AStartAboveTheGradientNormCapMovesNothing()
    {
        var (inputs, labels) = HugeStepTests.Batch(20);
        TeleportTestMlp model = TeleportTestSetup.Model();
        float[] before = model.Parameters.ToArray();
        var options = new TeleportOptions { Objective = TeleportObjective.HessianTrace, LearningRate = 0.5, GradientNormSquaredCap = 1e-12 };
        TeleportReport report = new Teleporter<float>(model).Teleport(inputs, new Targets<float>(labels), options);

        Assert.Equal(TeleportStopReason.CapReached, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(before, model.Parameters.ToArray());
    }
}
