using System;
using System.Threading;
using System.Threading.Tasks;
using Teleport.Data;
using Teleport.Geometry;
using Teleport.Geometry.Statistics;
using Teleport.Runtime.Tests.Training;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Geometry;

/// <summary>
/// A stop request inside the long loops of the geometry code (the bad-input sweep: <c>teleport generalize
/// --sharpness-directions 2147483647</c> ignored SIGTERM for minutes, because one evaluation of the sharpness objective
/// runs directions × radii passes and the teleporter never looked at the token). The token is checked between
/// directions, Lanczos iterations and sharpness batches, and the parameters are left where they were measured.
/// </summary>
public sealed class CancellationTests
{
    [Fact]
    public void ASharpnessTeleportStopsBetweenDirectionsAndLeavesTheParametersAtTheStart()
    {
        var (inputs, labels) = Batch(40);
        var model = TeleportTestSetup.Model();
        float[] start = model.Parameters.ToArray();
        var options = new TeleportOptions
        {
            Objective = TeleportObjective.Sharpness,
            Symmetries = SymmetrySet.LeastSquares,
            ObjectiveSettings = new TeleportObjectiveOptions { SharpnessDirections = int.MaxValue },
        };
        using var cancel = new CancellationTokenSource();
        var teleport = Task.Run(() => new Teleporter<float>(model).Teleport(inputs, new Targets<float>(labels), options, cancel.Token));
        // The objective's first evaluation moves the parameters to θ + t·u/‖u‖: from then on the teleport is inside its
        // loop over directions (2³¹ − 1 of them × the radii, which would not end), past any check at its entry.
        while (Same(start, model.Parameters) && !teleport.IsCompleted) Thread.Yield();
        cancel.Cancel();

        // A hang guard, not a timing assertion: without a check inside the loop the teleport runs for days.
        Assert.True(SpinWait.SpinUntil(() => teleport.IsCompleted, TimeSpan.FromMinutes(2)), "the teleport did not stop");
        Assert.IsAssignableFrom<OperationCanceledException>(teleport.Exception?.InnerException);
        Assert.Equal(start, model.Parameters.ToArray());
    }

    [Fact]
    public void LanczosStopsBeforeItsNextIteration()
    {
        var (inputs, labels) = Batch(40);
        var model = TeleportTestSetup.Model();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new HessianTopEigenvalue<float>(model).Compute(inputs, labels, 1e-12, 1, cancel.Token));
    }

    [Fact]
    public void SharpnessStopsBeforeItsNextBatchWithTheParametersItMeasured()
    {
        var (inputs, labels) = Batch(40);
        var model = TeleportTestSetup.Model();
        float[] start = model.Parameters.ToArray();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var options = new SharpnessOptions { Radii = [0.01], DirectionsPerRadius = 3, BatchSize = 10 };
        Assert.ThrowsAny<OperationCanceledException>(() => new PerturbationSharpness<float>(model).Measure(inputs, labels, options, 1, cancel.Token));
        Assert.Equal(start, model.Parameters.ToArray());
    }

    /// <summary>A bootstrap of a million resamples (the CLI allows ten million per interval) sees a stop request before its next resamples.</summary>
    [Fact]
    public void TheBootstrapStopsBetweenResamples()
    {
        double[] x = [1, 2, 3, 4, 5, 6], y = [2, 1, 4, 3, 6, 5];
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => BootstrapInterval.Compute(x, y, CorrelationKind.Spearman, 1_000_000, 1, cancellation: cancel.Token));
    }

    private static bool Same(float[] start, ReadOnlySpan<float> now) => now.SequenceEqual(start);

    private static (float[] Inputs, int[] Labels) Batch(int samples)
    {
        var train = TeleportTestSetup.Data.Train;
        return (train.FeatureRows(0, samples).ToArray(), train.LabelRange(0, samples).ToArray());
    }
}
