using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>Issue 14: a non-finite loss stops the run (no record of success), keeping the last good checkpoint.</summary>
public sealed class DivergenceTests
{
    private static readonly DatasetSplits Data = TrainingTestData.SmallClassification(200, 40);

    private static Trainer NewTrainer(double lr, TrainerOptions options)
    {
        var model = new SoftmaxRegression(20, 4).Initialize(3);
        return new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, lr), Data.Train, Data.Test, options);
    }

    [Fact]
    public void AHugeLearningRateDivergesAndStopsAtTheFirstNonFiniteLoss()
    {
        var trainer = NewTrainer(1e38, new TrainerOptions { Epochs = 3, BatchSize = 20 });
        Assert.Equal(TrainingStatus.Diverged, trainer.Run());
        var d = Assert.IsType<TrainingDivergence>(trainer.Divergence);
        Assert.False(double.IsFinite(d.Value));
        Assert.Equal(d.GlobalStep, trainer.GlobalStep);
        // The epochs before it are recorded; the one it happened in is not.
        Assert.Equal(d.Epoch - 1, trainer.History.Epochs.Count);
        Assert.All(trainer.History.Epochs, e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.Matches(@"^the (training loss|gradient|parameters|test loss) became (NaN|\+∞|−∞) at epoch \d, batch \d+ \(after \d+ steps?\)$", d.ToString());
        Assert.Throws<InvalidOperationException>(() => trainer.Run());
    }

    [Fact]
    public void DivergenceKeepsTheLastGoodCheckpointAndWritesNoOther()
    {
        using var dir = new TempDirectory();
        var options = new TrainerOptions { Epochs = 3, BatchSize = 20, CheckpointDirectory = dir.Path };
        // One good epoch at a sane learning rate, checkpointed at its end.
        var good = NewTrainer(0.1, options with { Epochs = 1 });
        Assert.Equal(TrainingStatus.Completed, good.Run());
        var latest = Checkpoints.FindLatest(dir.Path);
        Assert.NotNull(latest);

        // The same run resumed with its learning rate blown up (by a schedule, as a user could): it diverges in epoch 2.
        var resumed = NewTrainer(0.1, options);
        Assert.True(resumed.TryResume());
        resumed.Optimizer.LearningRate = 1e38;
        Assert.Equal(TrainingStatus.Diverged, resumed.Run(CancellationToken.None));
        Assert.Equal(2, resumed.Divergence!.Epoch);
        Assert.Equal(latest, Checkpoints.FindLatest(dir.Path));
        Assert.Single(Checkpoints.List(dir.Path));
    }

    [Fact]
    public void InfiniteParametersAfterTheLastStepAreCaughtAtTheEpochEnd()
    {
        // The loss of every step is finite, but the last update leaves an infinite weight: the epoch is not recorded.
        var model = new SoftmaxRegression(20, 4).Initialize(3);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.01), Data.Train, Data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 200 }, [new PoisonAfterStep(model)]);
        Assert.Equal(TrainingStatus.Diverged, trainer.Run());
        Assert.Equal(("parameters", 1, 1), (trainer.Divergence!.Quantity, trainer.Divergence.Epoch, trainer.Divergence.Batch));
        Assert.Empty(trainer.History.Epochs);
    }

    [Fact]
    public void WithoutStopOnDivergenceNonFiniteNumbersAreRecordedAsBefore()
    {
        var trainer = NewTrainer(1e38, new TrainerOptions { Epochs = 2, BatchSize = 20, StopOnDivergence = false });
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        Assert.Null(trainer.Divergence);
        Assert.Equal(2, trainer.History.Epochs.Count);
        Assert.True(double.IsNaN(trainer.History.Epochs[^1].TrainLoss));
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "+∞")]
    public void ANonFiniteGradientUnderAFiniteLossTakesNoStepWithEitherKindOfOptimizer(float poison, string shown)
    {
        // Adam sums ‖∇L‖² in its update's pass after a check of the gradient's magnitudes; SGD in a pass before its step.
        foreach (var adam in new[] { true, false })
        {
            var inner = new SoftmaxRegression(20, 4).Initialize(3);
            var model = new PoisonedGradient(inner, atCall: 3, poison);
            var optimizer = adam ? TrainingTestData.Adam(inner.Parameters.Length) : TrainingTestData.Sgd(inner.Parameters.Length, 0.1);
            var before = new ParametersAtBatchStart(inner);
            var trainer = new Trainer(model, optimizer, Data.Train, Data.Test, new TrainerOptions { Epochs = 1, BatchSize = 20 }, [before]);
            Assert.Equal(TrainingStatus.Diverged, trainer.Run());
            Assert.Equal(("gradient", 1, 2), (trainer.Divergence!.Quantity, trainer.Divergence.Epoch, trainer.Divergence.Batch));
            Assert.Contains($"the gradient became {shown}", trainer.Divergence.ToString());
            Assert.Equal(2, optimizer.StepCount);
            Assert.True(TrainingTestData.BitEqual(before.Values, inner.Parameters), $"adam {adam}: the poisoned batch moved the parameters");
        }
    }

    [Fact]
    public void AFiniteGradientWhoseNormOverflowsFloatIsRecordedFiniteWithEitherKindOfOptimizer()
    {
        // Four entries of 1e19: squares near 1e38, their sum 4e38 past float's 3.4e38. ‖∇L‖² is kept in double: rounded to
        // float it was +∞, and the run stopped as "the gradient became +∞" with every entry finite. (Adam's own state
        // stays finite: (1 − β₂)·g² ≈ 1e35.)
        foreach (var adam in new[] { true, false })
        {
            var inner = new SoftmaxRegression(20, 4).Initialize(3);
            var model = new PoisonedGradient(inner, atCall: 3, 1e19f, entries: 4);
            var optimizer = adam ? TrainingTestData.Adam(inner.Parameters.Length) : TrainingTestData.Sgd(inner.Parameters.Length, 1e-30);
            var norms = new GradientNormsInDouble();
            var trainer = new Trainer(model, optimizer, Data.Train, Data.Test, new TrainerOptions { Epochs = 1, BatchSize = 20 }, [norms]);
            Assert.Equal(TrainingStatus.Completed, trainer.Run());
            Assert.Null(trainer.Divergence);
            var (recorded, plain) = norms.Values[2];
            Assert.True(double.IsFinite(recorded) && recorded > float.MaxValue, $"adam {adam}: ‖∇L‖² {recorded}");
            Assert.Equal(plain, recorded, plain * 1e-12);
            Assert.True(double.IsFinite(trainer.History.Epochs[0].GradNormSquared) && trainer.History.Epochs[0].GradNormSquared > float.MaxValue / 10);
        }
    }

    [Fact]
    public void TheRecordedGradientNormIsTheSumOfSquaresOfEachBatchsGradient()
    {
        // Adam's steps sum ‖∇L‖² in their update's pass: the same bits as the reduction alone.
        var model = new SoftmaxRegression(20, 4).Initialize(3);
        var optimizer = TrainingTestData.Adam(model.Parameters.Length);
        Assert.True(optimizer.SumsSquaresInItsPass || Vector256Absent());
        var check = new GradientNormCheck();
        var trainer = new Trainer(model, optimizer, Data.Train, Data.Test, new TrainerOptions { Epochs = 2, BatchSize = 20 }, [check]);
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        Assert.Equal(20, check.Batches);
    }

    private static bool Vector256Absent() => Teleport.Kernels.SimdSupport.Current < Teleport.Kernels.SimdWidth.Vector256;

    /// <summary>Each batch's recorded ‖∇L‖² equals Σ g² of the gradient it was computed from, to the bit.</summary>
    private sealed class GradientNormCheck : ITrainingCallback
    {
        public int Batches { get; private set; }

        public void OnBatchEnd(TrainingContext context)
        {
            Assert.Equal(Teleport.Kernels.Reductions.SumOfSquaresAsDouble<float>(context.Gradient), context.BatchGradNormSquared);
            Batches++;
        }
    }

    /// <summary>Each batch's recorded ‖∇L‖², and Σ g² of its gradient summed in double in a plain loop.</summary>
    private sealed class GradientNormsInDouble : ITrainingCallback
    {
        public List<(double Recorded, double Plain)> Values { get; } = [];

        public void OnBatchEnd(TrainingContext context)
        {
            double plain = 0;
            foreach (var g in context.Gradient) plain += (double)g * g;
            Values.Add((context.BatchGradNormSquared, plain));
        }
    }

    /// <summary>The parameters as each batch starts.</summary>
    private sealed class ParametersAtBatchStart(SoftmaxRegression model) : ITrainingCallback
    {
        public float[] Values { get; private set; } = [];

        public void OnBatchStart(TrainingContext context) => Values = model.Parameters.ToArray();
    }

    /// <summary>Sets the first weight to +∞ after the first step (as an overflowing update would).</summary>
    private sealed class PoisonAfterStep(SoftmaxRegression model) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context) => model.Parameters[0] = float.PositiveInfinity;
    }
}
