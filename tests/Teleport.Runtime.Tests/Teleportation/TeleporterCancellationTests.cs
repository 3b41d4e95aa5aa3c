using System;
using System.Threading;
using Teleport.Runtime.Tests.Training;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// A stop request inside a teleport: the level-set and null-space solvers see it before their next step (a trainer's
/// Ctrl+C waited for every one of their steps), and a canceled teleport leaves no trace in the next one's random draws.
/// </summary>
public sealed class TeleporterCancellationTests
{
    /// <summary>The token fires inside the second step's Hessian-vector product; the solver begins no third step and leaves finite parameters.</summary>
    [Theory]
    [InlineData(TeleportMethod.LevelSet)]
    [InlineData(TeleportMethod.NullSpace)]
    public void TheSolverStopsBeforeItsNextStep(TeleportMethod method)
    {
        var train = TeleportTestSetup.Data.Train;
        float[] inputs = train.FeatureRows(0, 40).ToArray();
        int[] labels = train.LabelRange(0, 40).ToArray();
        using var cancel = new CancellationTokenSource();
        var model = new HessianProductCounter { CancelAt = 2, Source = cancel };
        model.InitializeParameters(3);
        var options = new TeleportOptions { Method = method, Steps = 1000, LevelSet = new LevelSetOptions { Steps = 1000 } };

        Assert.ThrowsAny<OperationCanceledException>(() => new Teleporter<float>(model).Teleport(inputs, new Targets<float>(labels), options, cancel.Token));
        Assert.Equal(2, model.Products);
        foreach (var p in model.Parameters) Assert.True(float.IsFinite(p));
    }

    /// <summary>
    /// A canceled teleport does not count for the objective's random draws: teleporting again from θ₀ repeats the teleport
    /// an uninterrupted teleporter makes (as a trainer does after a stop inside a teleport point).
    /// </summary>
    [Fact]
    public void ACanceledTeleportIsRepeatedExactly()
    {
        var train = TeleportTestSetup.Data.Train;
        float[] inputs = train.FeatureRows(0, 40).ToArray();
        int[] labels = train.LabelRange(0, 40).ToArray();
        var options = new TeleportOptions
        {
            Objective = TeleportObjective.Sharpness,
            Symmetries = SymmetrySet.LeastSquares,
            Steps = 3,
            ObjectiveSettings = new TeleportObjectiveOptions { SharpnessDirections = 2 },
        };
        var reference = TeleportTestSetup.Model();
        new Teleporter<float>(reference).Teleport(inputs, new Targets<float>(labels), options);

        using var cancel = new CancellationTokenSource();
        var model = new GroupActionCounter { CancelAt = 1, Source = cancel };
        model.InitializeParameters(3);
        float[] start = model.Parameters.ToArray();
        var teleporter = new Teleporter<float>(model);
        Assert.ThrowsAny<OperationCanceledException>(() => teleporter.Teleport(inputs, new Targets<float>(labels), options, cancel.Token));
        start.AsSpan().CopyTo(model.Parameters);
        teleporter.Teleport(inputs, new Targets<float>(labels), options, CancellationToken.None);

        Assert.False(TrainingTestData.BitEqual(start, reference.Parameters)); // the teleport moved
        Assert.True(TrainingTestData.BitEqual(reference.Parameters, model.Parameters));
    }

    /// <summary>The teleport-test MLP counting the Hessian-vector products asked of it, cancelling <see cref="Source"/> at product <see cref="CancelAt"/>.</summary>
    private sealed class HessianProductCounter : TeleportTestMlp, IDifferentiableModel<float>
    {
        public int Products { get; private set; }

        public int CancelAt { get; init; }

        public CancellationTokenSource? Source { get; init; }

        void IDifferentiableModel<float>.HessianVectorProduct(ReadOnlySpan<float> inputs, Targets<float> targets, ReadOnlySpan<float> v, Span<float> result)
        {
            if (++Products == CancelAt) Source!.Cancel();
            HessianVectorProduct(inputs, targets.Labels, v, result);
        }
    }
}
