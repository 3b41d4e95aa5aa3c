using System.Collections.Generic;
using System.Threading;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>What counts as training time: batch callbacks yes; paused work, evaluation and epoch ends no.</summary>
public sealed class TrainingClockTests
{
    [Fact]
    public void BatchCallbackTimeCounts()
    {
        var data = TrainingTestData.SmallClassification(40, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 10 }, [new Sleeper()]);
        trainer.Run();
        var epochs = trainer.History.Epochs;
        Assert.True(epochs[0].WallSeconds >= 4 * 0.02, $"{epochs[0].WallSeconds}");
        Assert.True(epochs[1].WallSeconds >= epochs[0].WallSeconds + 4 * 0.02);
        Assert.Equal(epochs[1].WallSeconds, trainer.WallSeconds);
    }

    [Fact]
    public void PausedTimeEvaluationAndEpochEndsDoNotCount()
    {
        var data = TrainingTestData.SmallClassification(40, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var watcher = new ClockWatcher();
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 10 }, [watcher]);
        trainer.Run();

        Assert.Equal(8, watcher.Paused.Count);
        Assert.All(watcher.Paused, p => Assert.Equal(p.Before, p.After));
        Assert.Equal(2, watcher.EpochEnds.Count);
        Assert.All(watcher.EpochEnds, p => Assert.Equal(p.Before, p.After));
        Assert.Equal(0, watcher.AtStart);
        // The clock stopped at the end of the last step: evaluation and the epoch-end callback added nothing.
        Assert.True(watcher.LastBatchEnd <= trainer.History.Epochs[^1].WallSeconds);
        Assert.Equal(trainer.History.Epochs[^1].WallSeconds, trainer.WallSeconds);
    }

    private sealed class Sleeper : ITrainingCallback
    {
        public void OnBatchStart(TrainingContext context) => Thread.Sleep(20);
    }

    private sealed class ClockWatcher : ITrainingCallback
    {
        public List<(double Before, double After)> Paused { get; } = [];

        public List<(double Before, double After)> EpochEnds { get; } = [];

        public double AtStart { get; private set; } = -1;

        public double LastBatchEnd { get; private set; }

        public void OnTrainingStart(TrainingContext context) => AtStart = context.WallSeconds;

        public void OnBatchStart(TrainingContext context)
        {
            context.PauseClock();
            var before = context.WallSeconds;
            Thread.Sleep(5);
            Paused.Add((before, context.WallSeconds));
            context.ResumeClock();
        }

        public void OnBatchEnd(TrainingContext context) => LastBatchEnd = context.WallSeconds;

        public void OnEpochEnd(TrainingContext context, EpochRecord record)
        {
            var before = context.WallSeconds;
            Thread.Sleep(5);
            EpochEnds.Add((before, context.WallSeconds));
            Assert.Equal(record.WallSeconds, before);
        }
    }
}
