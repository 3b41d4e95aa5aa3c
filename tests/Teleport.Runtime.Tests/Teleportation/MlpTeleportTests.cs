using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>Teleporting a real (hand-written) MLP with each symmetry: ‖∇L‖² grows, the loss stays within tolerance.</summary>
public sealed class MlpTeleportTests
{
    [Fact]
    public void DiagonalScalingRaisesTheGradientAndTransportsOptimizerState()
    {
        var (inputs, targets) = MlpData.Batch(111, 8);
        var model = new LeakyMlp(MlpData.D, MlpData.K, MlpData.M, 112, "S4", "S3", "S2");
        var teleporter = new Teleporter<double>(model);
        var before = new double[model.Info.ParameterCount];
        model.LossAndGradient(inputs, targets, before);

        TeleportReport report = teleporter.Teleport(inputs, targets, new TeleportOptions { LearningRate = 5 });

        Assert.Equal(["S2@0"], report.SymmetriesUsed.ToArray());
        AssertTeleported(report, 1e-12, minimumGain: 1.2);
        Assert.True(teleporter.IsUsed(2) && !teleporter.IsUsed(0) && !teleporter.IsUsed(1));
        AssertTransported(teleporter, model, inputs, targets, before, exactSecondMoments: true);
    }

    [Fact]
    public void GeneralLinearOnAnIdentityLayerRaisesTheGradientAndTransportsOptimizerState()
    {
        var (inputs, targets) = MlpData.Batch(113, 8);
        var model = new LinearMlp(MlpData.D, MlpData.K, MlpData.M, 114, "S1");
        var teleporter = new Teleporter<double>(model);
        var before = new double[model.Info.ParameterCount];
        model.LossAndGradient(inputs, targets, before);

        TeleportReport report = teleporter.Teleport(inputs, targets, new TeleportOptions { LearningRate = 0.5 });

        Assert.Equal(["S1@0"], report.SymmetriesUsed.ToArray());
        AssertTeleported(report, 1e-12, minimumGain: 1.2);
        AssertTransported(teleporter, model, inputs, targets, before, exactSecondMoments: false);
    }

    [Fact]
    public void DataDependentSymmetryIsExactOnSmallBatches()
    {
        // n = 6 ≤ d + 1 = 7: S3 is chosen and keeps the loss to rounding
        var (inputs, targets) = MlpData.Batch(115, 6);
        var model = new TanhMlp(MlpData.D, MlpData.K, MlpData.M, 116, "S3", "S4");
        var teleporter = new Teleporter<double>(model);
        TeleportReport report = teleporter.Teleport(inputs, targets, new TeleportOptions { Symmetries = SymmetrySet.All, LearningRate = 0.5 });

        Assert.Equal(["S3@0"], report.SymmetriesUsed.ToArray());
        AssertTeleported(report, 1e-10, minimumGain: 1.2);
        Assert.False(teleporter.TransportCovector(new double[model.Info.ParameterCount], squared: false));
    }

    [Fact]
    public void LeastSquaresSymmetryOnLargeBatchesStaysWithinTheTolerance()
    {
        // n = 12 > d + 1: S4 is chosen; with n > k it is approximate and the guard bounds the drift
        var (inputs, targets) = MlpData.Batch(117, 12);
        var model = new TanhMlp(MlpData.D, MlpData.K, MlpData.M, 118, "S3", "S4");
        var options = new TeleportOptions { Symmetries = SymmetrySet.All, Steps = 20, LearningRate = 0.5, LossTolerance = 1e-4 };
        TeleportReport report = new Teleporter<double>(model).Teleport(inputs, targets, options);

        Assert.Equal(["S4@0"], report.SymmetriesUsed.ToArray());
        Assert.True(report.StepsTaken >= 1, report.ToString());
        Assert.True(report.RelativeLossDrift <= 1e-4, report.ToString());
        Assert.True(report.RelativeLossDrift > 1e-12, "S4 with n > k should not be exact: " + report);
        Assert.True(report.GradNormSquaredAfter > report.GradNormSquaredBefore, report.ToString());
        Assert.Equal(report.LossAfter, model.Loss(inputs, targets), 1e-14);
    }

    [Fact]
    public void FloatModelsTeleportToo()
    {
        var (inputs, targets) = MlpData.Batch(119, 8);
        var model = new TinyMlp<float, Op<float, LeakyReluF<float>>, Op<float, LeakyReluDerivativeF<float>>, Op<float, ZeroF<float>>, Op<float, LeakyReluInverseF<float>>>(
            MlpData.D, MlpData.K, MlpData.M, 120, "S2");
        float[] x = Array.ConvertAll(inputs, v => (float)v), y = Array.ConvertAll(targets, v => (float)v);
        TeleportReport report = new Teleporter<float>(model).Teleport(x, y, new TeleportOptions { LearningRate = 5 });
        AssertTeleported(report, 1e-5, minimumGain: 1.2);
        Assert.Equal(report.LossAfter, model.Loss(x, y), 1e-7);
    }

    [Fact]
    public void DefaultOptionsAreConservative()
    {
        // η = 0.05 moves little on this small-gradient problem, but never lowers ‖∇L‖² or moves the loss.
        var (inputs, targets) = MlpData.Batch(121, 8);
        var model = new LinearMlp(MlpData.D, MlpData.K, MlpData.M, 122, "S1");
        TeleportReport report = new Teleporter<double>(model).Teleport(inputs, targets);
        Assert.Equal(TeleportStopReason.Completed, report.StopReason);
        Assert.Equal(10, report.StepsTaken);
        AssertTeleported(report, 1e-12, minimumGain: 1.01);
    }

    private static void AssertTeleported(TeleportReport report, double drift, double minimumGain)
    {
        Assert.True(report.StepsTaken >= 1, report.ToString());
        Assert.True(report.RelativeLossDrift <= drift, report.ToString());
        Assert.True(report.GradNormSquaredGain >= minimumGain, report.ToString());
        Assert.Equal(report.StepsTaken + 1, report.GradNormSquaredTrace.Length);
        Assert.Equal(report.GradNormSquaredAfter, report.GradNormSquaredTrace[^1]);
        Assert.True(report.Seconds > 0);
    }

    /// <summary>The transported gradient (and, for the diagonal group, its squares) equal the gradient at the teleported point.</summary>
    private static void AssertTransported(Teleporter<double> teleporter, ITeleportable<double> model, double[] inputs, double[] targets, double[] before, bool exactSecondMoments)
    {
        var after = new double[before.Length];
        model.LossAndGradient(inputs, targets, after);
        double[] squares = Array.ConvertAll(before, v => v * v);
        Assert.True(teleporter.TransportCovector(before, squared: false));
        Orbit.AssertClose(after, before, 1e-10, "transported gradient");
        Assert.True(teleporter.TransportCovector(squares, squared: true));
        if (exactSecondMoments)
        {
            Orbit.AssertClose(Array.ConvertAll(after, v => v * v), squares, 1e-10, "transported second moments");
        }
    }
}
