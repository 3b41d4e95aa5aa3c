using System;
using Teleport.Runtime.Tests.Training;
using Teleport.Teleportation;
using Xunit.Abstractions;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// The level-set solver's step ρ·s on a float model with ρ = 1e30 or beyond float's range (1e39): every trial of the
/// line search overflowed (ρ·β²⁴ ≈ 6e22 still does; 1e39 is ∞ in float, and ∞·s is ∞ or NaN), and the teleport stopped
/// "non-finite" where it began. A trial that is not finite from a step past the trust radius r·‖θ‖ is retried at it, so
/// these teleports take finite steps, as the same teleport started at the radius does.
/// </summary>
public sealed class LevelSetHugeStepTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1e30, true)]
    [InlineData(1e39, true)]
    [InlineData(1e300, true)]
    [InlineData(1e30, false)]
    [InlineData(1e39, false)]
    public void AHugeRhoOnAFloatModelTakesStepsAtTheTrustRadius(double rho, bool lineSearch)
    {
        var (inputs, labels) = HugeStepTests.Batch(20);
        var targets = new Targets<float>(labels);
        TeleportTestMlp model = TeleportTestSetup.Model();
        TeleportReport report = new Teleporter<float>(model).Teleport(inputs, targets, LevelSet(rho, lineSearch));
        output.WriteLine(report.ToString());

        Assert.NotEqual(TeleportStopReason.NonFinite, report.StopReason);
        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.True(report.GradNormSquaredAfter > report.GradNormSquaredBefore, report.ToString());
        Assert.True(double.IsFinite(report.GradNormSquaredAfter) && double.IsFinite(report.LossAfter), report.ToString());
        Assert.True(report.LossAfter - report.LossBefore <= 1e-5 * report.LossBefore, report.ToString()); // sub-level: L ≤ L₀ (+ tol)
        Assert.All(report.GradNormSquaredTrace.ToArray(), value => Assert.True(double.IsFinite(value), $"trace holds {value}"));
        Assert.All(model.Parameters.ToArray(), value => Assert.True(float.IsFinite(value)));
        Assert.True(report.FinalLearningRate < 1e30, $"ρ ended at {report.FinalLearningRate}");
    }

    [Fact]
    public void WithoutATrustRadiusAHugeRhoStillStopsNonFiniteWhereItBegan()
    {
        // r = +∞: nothing to retry at, every trial overflows, and the teleport says so (the rule the radius must not hide).
        var (inputs, labels) = HugeStepTests.Batch(20);
        TeleportTestMlp model = TeleportTestSetup.Model();
        float[] start = model.Parameters.ToArray();
        var options = LevelSet(1e30, lineSearch: true);
        options.MaxStepNorm = double.PositiveInfinity;
        TeleportReport report = new Teleporter<float>(model).Teleport(inputs, new Targets<float>(labels), options);
        output.WriteLine(report.ToString());

        Assert.Equal(TeleportStopReason.NonFinite, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(start, model.Parameters.ToArray());
    }

    private static TeleportOptions LevelSet(double rho, bool lineSearch) =>
        new() { Method = TeleportMethod.LevelSet, LevelSet = new LevelSetOptions { StepSize = rho, LineSearch = lineSearch } };
}
