using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>Booth's function under SO(2) (NeurIPS 2022): teleporting to the largest gradient makes one GD step 5× better.</summary>
public sealed class BoothTeleportTests
{
    private static readonly double[] Inputs = [0];

    [Fact]
    public void TheLargestSquaredGradientOnALevelSetIs36TimesTheLoss()
    {
        var model = new BoothModel(3, 0);
        double loss = model.Loss(Inputs, default);
        var gradient = new double[2];
        double largest = 0;
        for (int i = 0; i < 3600; i++)
        {
            var moved = new BoothModel(3, 0);
            Assert.True(moved.ApplyGroupAction(0, [Math.Exp(2 * Math.PI * i / 3600)], Inputs));
            double movedLoss = moved.LossAndGradient(Inputs, default, gradient);
            Assert.Equal(loss, movedLoss, 1e-12);
            double normSquared = gradient[0] * gradient[0] + gradient[1] * gradient[1];
            Assert.True(normSquared <= 36 * loss * (1 + 1e-12));
            largest = Math.Max(largest, normSquared);
        }

        Assert.True(largest >= 36 * loss * (1 - 1e-5), $"max ‖∇L‖² = {largest}, 36·L = {36 * loss}");
    }

    [Fact]
    public void TeleportReachesTheMaximumAndOneGradientStepThenShrinksTheLossBy0_1936()
    {
        var model = new BoothModel(3, 0);
        var teleporter = new Teleporter<double>(model);
        var options = new TeleportOptions { Steps = 40, LearningRate = 5e-4, LossTolerance = 1e-10, LogarithmicAscent = false };
        double[] gradientBefore = new double[2];
        double loss = model.LossAndGradient(Inputs, default, gradientBefore);

        TeleportReport report = teleporter.Teleport(Inputs, default, options);

        Assert.Equal(["SO2@0"], report.SymmetriesUsed.ToArray());
        Assert.Equal(loss, report.LossBefore);
        Assert.True(report.RelativeLossDrift <= 1e-12, report.ToString());
        Assert.True(Math.Abs(report.GradNormSquaredAfter - 36 * loss) <= 1e-9 * 36 * loss, report.ToString());
        Assert.True(report.GradNormSquaredBefore < 0.95 * report.GradNormSquaredAfter);
        double[] trace = report.GradNormSquaredTrace.ToArray();
        Assert.Equal(report.StepsTaken + 1, trace.Length);
        for (int i = 1; i < trace.Length; i++)
        {
            Assert.True(trace[i] >= trace[i - 1], "the accepted ‖∇L‖² trace decreased");
        }

        // One gradient-descent step at lr 0.08: w ← (I − 0.16·M²)·w = (1 − 0.16·9)·w on the top eigenvector.
        var gradient = new double[2];
        model.LossAndGradient(Inputs, default, gradient);
        model.Parameters[0] -= 0.08 * gradient[0];
        model.Parameters[1] -= 0.08 * gradient[1];
        double ratio = model.Loss(Inputs, default) / loss;
        Assert.True(Math.Abs(ratio - 0.1936) <= 1e-8, $"L′/L = {ratio}");

        // Without the teleport the same step does worse.
        var plain = new BoothModel(3, 0);
        plain.Parameters[0] -= 0.08 * gradientBefore[0];
        plain.Parameters[1] -= 0.08 * gradientBefore[1];
        Assert.True(plain.Loss(Inputs, default) / loss > 0.5);

        // The transported old gradient is the gradient at the new point (the accumulated element).
        Assert.True(teleporter.IsUsed(0));
        Assert.True(teleporter.TransportCovector(gradientBefore, squared: false));
        Orbit.AssertClose(gradient, gradientBefore, 1e-9, "transported gradient");
    }
}
