using System;
using Teleport.Data;
using Teleport.Kernels;
using Teleport.Runtime.Tests.Training;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// After a teleport that transported the gradient (<see cref="TeleportOptions.GradientTransport"/>), the report's ‖∇L‖²
/// after is the transported gradient's, which the report documents as within rounding of ∇L recomputed on the batch at the
/// parameters the teleport ends on: checked here, in double and in float with the double twin, over many steps at a large η,
/// where a wrong covector transport (M(g)⁻ᵀ) would show at once.
/// </summary>
public sealed class TransportedEndPointTests
{
    // 20 transported steps at a large η: the rounding of M(g)⁻ᵀ accumulates, so the two values are not bit-equal
    private static readonly TeleportOptions Options = new() { Steps = 20, LearningRate = 0.5 };

    [Fact]
    public void InDoubleTheTransportedGradientNormIsTheEndPointsToRounding()
    {
        var (inputs, labels) = Batch();
        double[] wide = Array.ConvertAll(inputs, v => (double)v);
        var model = TeleportTestSetup.Model().ToFloat64();
        TeleportReport report = new Teleporter<double>(model).Teleport(wide, labels, Options);

        var gradient = new double[model.Parameters.Length];
        model.LossAndGradient(wide, labels, gradient);
        AssertTransportedWithin(Reductions.SumOfSquares<double>(gradient), report, 1e-13);
    }

    [Fact]
    public void InFloatTheTransportedGradientNormIsTheEndPointsToRounding()
    {
        var (inputs, labels) = Batch();
        var model = TeleportTestSetup.Model();
        var teleporter = new Teleporter<float>(model);
        TeleportReport report = teleporter.Teleport(inputs, labels, Options);

        Assert.True(teleporter.GuardsInDouble);
        var gradient = new float[model.Parameters.Length];
        model.LossAndGradient(inputs, labels, gradient);
        AssertTransportedWithin(double.CreateTruncating(Reductions.SumOfSquares<float>(gradient)), report, 1e-6);
    }

    /// <summary>
    /// The teleport moved far (‖∇L‖² grew), reports the transported value (the trace's last), and that value is within
    /// <paramref name="relative"/> of <paramref name="recomputed"/>.
    /// </summary>
    private static void AssertTransportedWithin(double recomputed, TeleportReport report, double relative)
    {
        Assert.True(report.StepsTaken > 10, report.ToString());
        Assert.True(report.GradNormSquaredGain > 1.5, report.ToString());
        Assert.Equal(report.GradNormSquaredTrace[^1], report.GradNormSquaredAfter);
        double gap = Math.Abs(report.GradNormSquaredAfter - recomputed) / recomputed;
        Assert.True(gap <= relative, $"transported {report.GradNormSquaredAfter:R} vs recomputed {recomputed:R}: {gap:G3} relative");
    }

    private static (float[] Inputs, int[] Labels) Batch()
    {
        var inputs = new float[24 * 20];
        new SeededRandom(21).FillNormal(inputs, 0f, 1f);
        var labels = new int[24];
        for (int i = 0; i < labels.Length; i++) labels[i] = (i * 7) % 4;
        return (inputs, labels);
    }
}
