using System.Linq;
using Teleport;
using Teleport.Teleportation;
using Teleport.Runtime.Tests.Training;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// A step X = η·T that is not zero but whose group element rounds to the identity (e^X = 1 exactly: |X| below half an
/// ulp of 1, 6e-8 in float, 1.1e-16 in double) moves no parameter. The ascent accepted such steps — the objective "did
/// not decrease" — and reported "completed, 10 steps" with the symmetries used and θ bit-identical, as the teleport whose
/// η·T underflowed to zero reports "no improvement, 0 steps" (<c>HugeStepTests</c>). It now stops there the same way.
/// </summary>
public sealed class IdentityStepTests
{
    [Theory]
    [InlineData(1e-12, GroupElementMap.Exponential)]
    [InlineData(1e-12, GroupElementMap.Cayley)]
    [InlineData(1e-12, GroupElementMap.FirstOrder)]
    public void AFloatStepWhoseElementRoundsToTheIdentityIsNotAStep(double learningRate, GroupElementMap map)
    {
        var (inputs, labels) = HugeStepTests.Batch(20);
        TeleportTestMlp model = TeleportTestSetup.Model();
        float[] before = model.Parameters.ToArray();
        var teleporter = new Teleporter<float>(model);
        TeleportReport report = teleporter.Teleport(inputs, new Targets<float>(labels), new TeleportOptions { LearningRate = learningRate, Map = map });

        Assert.Equal(before, model.Parameters.ToArray()); // nothing moved, as before the fix
        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(1, report.GradNormSquaredTrace.Length);
        Assert.All(Enumerable.Range(0, teleporter.SymmetryCount), s => Assert.False(teleporter.IsUsed(s)));
    }

    /// <summary>The diagonal group (S2, <see cref="SymmetrySet.Exact"/> on this leaky-ReLU network): e^{x_j} = 1 for |x_j| below 1.1e-16.</summary>
    [Theory]
    [InlineData(TeleportObjective.GradientNorm, SymmetrySet.Exact)]
    [InlineData(TeleportObjective.HessianTrace, SymmetrySet.Exact)]
    public void ADoubleStepWhoseElementRoundsToTheIdentityIsNotAStep(TeleportObjective objective, SymmetrySet symmetries)
    {
        var (floats, labels) = HugeStepTests.Batch(7);
        double[] inputs = floats.Select(v => (double)v).ToArray();
        var model = (ITeleportable<double>)((IHasFloat64Twin)TeleportTestSetup.Model()).CreateFloat64Twin();
        double[] before = model.Parameters.ToArray();
        var teleporter = new Teleporter<double>(model);
        TeleportReport report = teleporter.Teleport(inputs, new Targets<double>(labels),
            new TeleportOptions { LearningRate = 1e-30, Objective = objective, Symmetries = symmetries, Steps = 3 });

        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(report.ObjectiveBefore, report.ObjectiveAfter);
    }

    /// <summary>The null-space ascent's step θ + ΔW̃ with ΔW̃ ≈ 1e-31: every parameter rounds back to itself.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ANullSpaceStepBelowEveryParametersUlpIsNotAStep(bool inDouble)
    {
        var (floats, labels) = HugeStepTests.Batch(7);
        var options = new TeleportOptions { Method = TeleportMethod.NullSpace, LearningRate = 1e-30, Steps = 3 };
        TeleportTestMlp model = TeleportTestSetup.Model();
        TeleportReport report;
        bool unchanged;
        if (inDouble)
        {
            var twin = (ITeleportable<double>)((IHasFloat64Twin)model).CreateFloat64Twin();
            double[] before = twin.Parameters.ToArray();
            report = new Teleporter<double>(twin).Teleport(floats.Select(v => (double)v).ToArray(), new Targets<double>(labels), options);
            unchanged = before.SequenceEqual(twin.Parameters.ToArray());
        }
        else
        {
            float[] before = model.Parameters.ToArray();
            report = new Teleporter<float>(model).Teleport(floats, new Targets<float>(labels), options);
            unchanged = before.SequenceEqual(model.Parameters.ToArray());
        }

        Assert.True(unchanged);
        Assert.Equal(TeleportStopReason.NoImprovement, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
    }
}
