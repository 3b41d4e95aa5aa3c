using System;
using Teleport.Kernels;
using Teleport.Teleportation;
using Xunit.Abstractions;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// The objectives other than ‖∇L‖² (curvature, sharpness, Hessian trace, λmax) do not evaluate ‖∇L‖² at their steps; the
/// teleporter computed it before and after for the report and checked neither. On the one-unit regressor with x = 1e18,
/// v = 1e-18, u = 1 and target −4 (L = 25, ∂L/∂v = 2·r·u·x = 1e19: ‖∇L‖² = 1e38, under float's 3.4e38), raising the Hessian
/// trace moves along S2 towards a smaller v and a larger u, which raises ‖∇L‖² past float's range: the teleport reported
/// "completed" with ‖∇L‖² after = ∞. With x = 1e20 ‖∇L‖² is ∞ from the start while L and the curvature κ are finite, and
/// the curvature teleport reported "no_improvement" with ∞ before and after.
/// </summary>
public sealed class ObjectiveOverflowTests(ITestOutputHelper output)
{
    private static readonly float[] Targets = [-4f];

    [Theory]
    [InlineData(TeleportObjective.HessianTrace, 0.05)]
    [InlineData(TeleportObjective.HessianTrace, 1.0)]
    [InlineData(TeleportObjective.TopEigenvalue, 0.05)]
    [InlineData(TeleportObjective.TopEigenvalue, 1.0)]
    public void AnAscentThatOverflowsTheGradientNormIsRedoneJudgingItAtEveryStep(TeleportObjective objective, double learningRate)
    {
        float[] inputs = [1e18f];
        var model = OverflowRegressor.With(1e-18f, 0, 1, 0);
        var teleporter = new Teleporter<float>(model);
        var options = new TeleportOptions { Objective = objective, LearningRate = learningRate };
        TeleportReport report = teleporter.Teleport(inputs, new Targets<float>(Targets), options);
        output.WriteLine($"{report}; trace [{string.Join(", ", report.GradNormSquaredTrace.ToArray())}]");

        double after = GradientNormSquared(model, inputs);
        Assert.True(double.IsFinite(after), $"‖∇L‖² after the teleport is {after}");
        Assert.Equal(after, report.GradNormSquaredAfter);
        Assert.True(report.StopReason is TeleportStopReason.Completed or TeleportStopReason.NonFinite, report.StopReason.ToString());
        // It still teleports, up to where ‖∇L‖² would leave float's range: past 1e38 → ∞ is a step of at most ×7.4 here.
        Assert.True(report.StepsTaken > 0 && report.ObjectiveAfter > report.ObjectiveBefore);
        Assert.True(after > 2 * report.GradNormSquaredBefore, $"‖∇L‖² {report.GradNormSquaredBefore} → {after}");
        Assert.True(report.RelativeLossDrift <= options.LossTolerance);
        Assert.All(report.GradNormSquaredTrace.ToArray(), value => Assert.True(double.IsFinite(value)));
    }

    [Fact]
    public void AStartWhoseGradientNormIsNotFiniteStopsNonFiniteWhereItBegan()
    {
        float[] inputs = [1e20f];
        var model = OverflowRegressor.With(1e-20f, 0, 1, 0);
        float[] before = model.Parameters.ToArray();
        var teleporter = new Teleporter<float>(model);
        TeleportReport report = teleporter.Teleport(inputs, new Targets<float>(Targets), new TeleportOptions { Objective = TeleportObjective.Curvature });
        output.WriteLine(report.ToString());

        Assert.True(double.IsFinite(report.LossBefore) && double.IsFinite(report.ObjectiveBefore), "the test no longer starts at a finite loss and objective");
        Assert.True(double.IsPositiveInfinity(report.GradNormSquaredBefore));
        Assert.Equal(TeleportStopReason.NonFinite, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    /// <summary>‖∇L‖² as the group teleporter reports it: the float sum of squares, widened.</summary>
    private static double GradientNormSquared(OverflowRegressor model, ReadOnlySpan<float> inputs)
    {
        var gradient = new float[OverflowRegressor.ParameterCount];
        ((IDifferentiableModel<float>)model).LossAndGradient(inputs, new Targets<float>(Targets), gradient);
        return Reductions.SumOfSquares<float>(gradient);
    }
}
