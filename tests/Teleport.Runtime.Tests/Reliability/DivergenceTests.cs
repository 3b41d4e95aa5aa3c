using System;
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

    /// <summary>Sets the first weight to +∞ after the first step (as an overflowing update would).</summary>
    private sealed class PoisonAfterStep(SoftmaxRegression model) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context) => model.Parameters[0] = float.PositiveInfinity;
    }
}
