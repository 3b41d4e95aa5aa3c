using System;
using Teleport.Geometry;
using Teleport.Integration.Tests.Networks;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests.Geometry;

/// <summary>
/// Which measures an exact-symmetry teleport can change: on the paper's network (LeakyReLU, no bias: S2 on both
/// hidden layers) the loss and the adaptive sharpness stay (up to rounding), while φ, the Hessian trace and the
/// top eigenvalue move — they are not functions of the network's function alone.
/// </summary>
public class SymmetryInvarianceTests
{
    private static readonly MeasureOptions Options = new()
    {
        Phi = SharpnessOptions.Paper("fashion-mnist") with { Radii = [0.05, 0.5, 2], BatchSize = 20 },
        PhiGaussian = null,
        Adaptive = SharpnessOptions.Adaptive with { BatchSize = 20 },
        EigenvalueTolerance = 1e-6,
        Seed = 17,
    };

    [Fact]
    public void RandomS2ElementChangesTheHessianMeasuresButNotAdaptiveSharpness()
    {
        var model = new PaperMlp.Float64();
        model.InitializeParameters(3);
        var batch = new Batch(PaperMlp.Info, 60, seed: 51);
        var before = new GeometryMeasures<double>(model, Options).Measure(batch.Inputs, batch.TargetsD);

        // g = exp(x), x ∈ [−1, 1]^k on each hidden layer: rows of V scaled by g_j, columns of U by 1/g_j.
        var random = new Random(52);
        var applied = 0;
        for (var s = 0; s < PaperMlp.Info.Symmetries.Count; s++)
        {
            var symmetry = PaperMlp.Info.Symmetries[s];
            if (symmetry.Id != "S2") continue;
            var g = new double[symmetry.Dimension];
            for (var j = 0; j < g.Length; j++) g[j] = Math.Exp(2 * random.NextDouble() - 1);
            Assert.True(model.ApplyGroupAction(s, g, batch.Inputs));
            applied++;
        }
        Assert.Equal(2, applied);
        var after = new GeometryMeasures<double>(model, Options).Measure(batch.Inputs, batch.TargetsD);
        AssertInvariantAndChanged(before, after);
    }

    [Fact]
    public void GradientNormTeleportWithExactSymmetriesLeavesAdaptiveSharpness()
    {
        // The teleporter itself (‖∇L‖² ascent on S2 only), as training uses it.
        var model = new PaperMlp.Float64();
        model.InitializeParameters(4);
        var batch = new Batch(PaperMlp.Info, 60, seed: 53);
        var before = new GeometryMeasures<double>(model, Options).Measure(batch.Inputs, batch.TargetsD);
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, new TeleportOptions { Steps = 10, LearningRate = 1, Symmetries = SymmetrySet.Exact });
        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.True(report.GradNormSquaredAfter > 1.5 * report.GradNormSquaredBefore, report.ToString());
        var after = new GeometryMeasures<double>(model, Options).Measure(batch.Inputs, batch.TargetsD);
        AssertInvariantAndChanged(before, after);
    }

    private static void AssertInvariantAndChanged(MeasureReport before, MeasureReport after)
    {
        Assert.True(Relative(after.Loss, before.Loss) <= 1e-12, $"loss {before.Loss} → {after.Loss}");
        var a0 = before.Adaptive!.Value;
        var a1 = after.Adaptive!.Value;
        Assert.True(Relative(a1.MeanPerturbedLoss, a0.MeanPerturbedLoss) <= 1e-12, $"adaptive {a0.MeanPerturbedLoss} → {a1.MeanPerturbedLoss}");
        Assert.True(Math.Abs(a1.MeanIncrease - a0.MeanIncrease) <= 1e-12 * a0.MeanPerturbedLoss, $"adaptive sharpness {a0.MeanIncrease} → {a1.MeanIncrease}");

        Assert.True(Relative(after.Trace.Trace, before.Trace.Trace) > 0.05, $"trace {before.Trace.Trace} → {after.Trace.Trace}");
        Assert.True(Relative(after.TopEigenvalue.Eigenvalue, before.TopEigenvalue.Eigenvalue) > 0.05, $"λmax {before.TopEigenvalue.Eigenvalue} → {after.TopEigenvalue.Eigenvalue}");
        Assert.True(Relative(after.Phi.MeanIncrease, before.Phi.MeanIncrease) > 0.05, $"φ increase {before.Phi.MeanIncrease} → {after.Phi.MeanIncrease}");
    }

    private static double Relative(double a, double b) => Math.Abs(a - b) / Math.Abs(b);
}
