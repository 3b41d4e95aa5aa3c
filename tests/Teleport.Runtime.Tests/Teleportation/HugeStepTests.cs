using System;
using Teleport.Teleportation;
using Teleport.Runtime.Tests.Training;
using Xunit.Abstractions;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// The trust radius bounds every step, whatever η: X = η·T is scaled to ‖X‖_F ≤ r. On a float model with η = 1e30 the
/// product η·T was finite but its squares were not, so ‖X‖ = ∞ and X·(r/∞) = 0: every step was the identity, and the
/// teleport reported "completed, 10 steps" with nothing moved. (With η beyond float's range X was NaN and every step was
/// rejected as non-finite.)
/// </summary>
public sealed class HugeStepTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1e30, false)]
    [InlineData(1e30, true)]
    [InlineData(1e300, false)]
    public void AHugeLearningRateTakesStepsAtTheTrustRadius(double learningRate, bool logarithmic)
    {
        var (inputs, labels) = Batch(20);
        var targets = new Targets<float>(labels);
        TeleportTestMlp model = TeleportTestSetup.Model();
        var teleporter = new Teleporter<float>(model);
        var options = new TeleportOptions { LearningRate = learningRate, LogarithmicAscent = logarithmic };
        TeleportReport report = teleporter.Teleport(inputs, targets, options);
        output.WriteLine(report.ToString());

        // the same teleport with an η large enough that every step is at the radius, but η·T stays in float's range
        TeleportTestMlp reference = TeleportTestSetup.Model();
        TeleportReport expected = new Teleporter<float>(reference).Teleport(inputs, targets, new TeleportOptions { LearningRate = 1e12, LogarithmicAscent = logarithmic });
        output.WriteLine(expected.ToString());

        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.True(report.GradNormSquaredAfter > 2 * report.GradNormSquaredBefore, report.ToString());
        Assert.True(report.RelativeLossDrift <= options.LossTolerance, report.ToString());
        Assert.Equal(expected.StepsTaken, report.StepsTaken);
        Assert.Equal(expected.GradNormSquaredAfter, report.GradNormSquaredAfter, 1e-3 * expected.GradNormSquaredAfter);
    }

    /// <summary>
    /// At zero weights the diagonal symmetries' Lie-algebra gradient is 0: no step, "no improvement", whatever η. With
    /// η/‖∇L‖² beyond double's range the step was 0·∞ = NaN and the teleport said "non-finite".
    /// </summary>
    [Theory]
    [InlineData(0.05)]
    [InlineData(1e307)]
    public void AZeroLieAlgebraGradientTakesNoStepWhateverTheLearningRate(double learningRate)
    {
        var (inputs, labels) = Batch(20);
        TeleportTestMlp model = TeleportTestSetup.Model();
        model.Parameters.Clear();
        TeleportReport report = new Teleporter<float>(model).Teleport(inputs, new Targets<float>(labels), new TeleportOptions { LearningRate = learningRate });
        output.WriteLine(report.ToString());

        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(0, report.RejectedSteps); // no NaN trial was formed, tried and rolled back
        Assert.All(model.Parameters.ToArray(), value => Assert.Equal(0f, value));
    }

    /// <summary>
    /// The null-space ascent clipped its step by scale·r‖W̃‖/(‖P(H·g)‖·|scale|): when the scale 2η (or 2η/‖∇L‖²) was ∞ in
    /// double that was ∞·r‖W̃‖/∞ = NaN and every step was "non-finite"; when only the product ‖P(H·g)‖·|scale| overflowed, 0.
    /// </summary>
    [Theory]
    [InlineData(1e308, true)]
    [InlineData(1e307, true)]
    public void AHugeLearningRateTakesNullSpaceStepsAtTheTrustRadius(double learningRate, bool logarithmic)
    {
        var (inputs, labels) = Batch(20);
        var targets = new Targets<float>(labels);
        TeleportTestMlp model = TeleportTestSetup.Model();
        TeleportReport report = new Teleporter<float>(model).Teleport(inputs, targets, NullSpace(learningRate, logarithmic));
        output.WriteLine(report.ToString());
        TeleportTestMlp reference = TeleportTestSetup.Model();
        TeleportReport expected = new Teleporter<float>(reference).Teleport(inputs, targets, NullSpace(1e12, logarithmic));
        output.WriteLine(expected.ToString());

        Assert.True(expected.StepsTaken > 0 && expected.GradNormSquaredAfter > expected.GradNormSquaredBefore, "the reference no longer teleports");
        Assert.Equal(expected.StopReason, report.StopReason);
        Assert.Equal(expected.StepsTaken, report.StepsTaken);
        Assert.Equal(expected.GradNormSquaredAfter, report.GradNormSquaredAfter, 1e-3 * expected.GradNormSquaredAfter);
    }

    /// <summary>A trust radius small enough that the steps at it keep the loss within the tolerance on this batch.</summary>
    private static TeleportOptions NullSpace(double learningRate, bool logarithmic) =>
        new() { Method = TeleportMethod.NullSpace, LearningRate = learningRate, LogarithmicAscent = logarithmic, MaxStepNorm = 0.002 };

    [Fact]
    public void ATinyLearningRateThatUnderflowsTheStepReportsNoImprovementAndMovesNothing()
    {
        var (inputs, labels) = Batch(20);
        TeleportTestMlp model = TeleportTestSetup.Model();
        float[] before = model.Parameters.ToArray();
        TeleportReport report = new Teleporter<float>(model).Teleport(inputs, new Targets<float>(labels), new TeleportOptions { LearningRate = 1e-300 });

        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(before, model.Parameters.ToArray());
    }

    internal static (float[] Inputs, int[] Labels) Batch(int n)
    {
        var data = TeleportTestSetup.Data.Train;
        int d = data.FeatureCount;
        var inputs = new float[n * d];
        var labels = new int[n];
        data.Features[..(n * d)].CopyTo(inputs);
        data.Labels[..n].CopyTo(labels);
        return (inputs, labels);
    }
}
