using System;
using System.Linq;
using Teleport.Teleportation;
using Teleport.Runtime.Tests.Training;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// In sub-level mode (<see cref="LevelSetOptions.SubLevel"/>, the default) the level-set teleport may lower the loss by any
/// amount: its constraint is L ≤ L₀ + tol·|L₀|. The teleporter's check of the end point in double was two-sided, so every
/// such teleport of a float model with a twin failed it and was solved a second time with the double loss judging every
/// iterate — twice the cost, for an end point that already met the constraint (the twin's loss ran 2 + ~30 times instead of 2).
/// </summary>
public sealed class SubLevelGuardTests
{
    [Fact]
    public void ASubLevelTeleportThatLowersTheLossIsCheckedOnceInDouble()
    {
        var (inputs, labels) = HugeStepTests.Batch(1);
        TeleportTestMlp model = TeleportTestSetup.Model();
        var twin = new CountingTwin(((IHasFloat64Twin)model).CreateFloat64Twin());
        var teleporter = new Teleporter<float>(model, twin);
        var options = new TeleportOptions { Method = TeleportMethod.LevelSet };
        TeleportReport report = teleporter.Teleport(inputs, new Targets<float>(labels), options);

        Assert.True(options.LevelSet.SubLevel);
        Assert.True(report.LossAfter - report.LossBefore < -options.LossTolerance * Math.Abs(report.LossBefore), report.ToString());
        Assert.Equal(2, twin.Losses); // θ₀'s and the end point's
        // the end point's double loss is the report's: recomputed independently
        double[] widened = inputs.Select(v => (double)v).ToArray();
        model.Parameters.ToArray().Select(v => (double)v).ToArray().CopyTo(twin.Parameters);
        Assert.Equal(twin.Loss(widened, new Targets<double>(labels)), report.LossAfter);
    }

    /// <summary>A twin that counts its losses.</summary>
    private sealed class CountingTwin(IDifferentiableModel<double> inner) : IDifferentiableModel<double>
    {
        public int Losses { get; private set; }

        public NetworkInfo Info => inner.Info;

        public Span<double> Parameters => inner.Parameters;

        public double Loss(ReadOnlySpan<double> inputs, Targets<double> targets)
        {
            Losses++;
            return inner.Loss(inputs, targets);
        }

        public double LossAndGradient(ReadOnlySpan<double> inputs, Targets<double> targets, Span<double> gradient) => inner.LossAndGradient(inputs, targets, gradient);

        public void HessianVectorProduct(ReadOnlySpan<double> inputs, Targets<double> targets, ReadOnlySpan<double> v, Span<double> result) =>
            inner.HessianVectorProduct(inputs, targets, v, result);

        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs) => inner.Predict(inputs, outputs);
    }
}
