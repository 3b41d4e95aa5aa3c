using System;
using System.Threading;
using Teleport.Data;
using Teleport.Integration.Tests.Networks;
using Teleport.Kernels;
using Teleport.Optimizers;
using Teleport.Training;

namespace Teleport.Integration.Tests;

/// <summary>
/// Two trainers of generated networks, each with its own model and optimizer, trained at once on two threads: the wide
/// network (products large enough to split, evaluated on a test set each epoch) and a small CNN that teleports. Each
/// gets the bits it gets alone, with the products on one thread or two and with the next-batch loader on or off —
/// the process-wide GEMM worker and loader are shared by whichever run gets them first, and must change no number.
/// Runs alone: it changes the process-wide thread setting.
/// </summary>
[Collection(nameof(ThreadSetting))]
public sealed class TwoTrainersAtOnceTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(2, false)]
    public void EachRunGetsTheNumbersItGetsAlone(int threads, bool loadAhead)
    {
        int saved = MatrixMultiply.MaxThreads;
        try
        {
            MatrixMultiply.MaxThreads = threads;
            var wideAlone = Wide(loadAhead);
            var cnnAlone = Cnn(loadAhead);
            (float[] Parameters, TrainingHistory History)? wide = null, cnn = null;
            Exception? error = null;
            using var barrier = new Barrier(2);
            var first = new Thread(() => error ??= Catch(() => { barrier.SignalAndWait(); wide = Wide(loadAhead); }));
            var second = new Thread(() => error ??= Catch(() => { barrier.SignalAndWait(); cnn = Cnn(loadAhead); }));
            first.Start();
            second.Start();
            first.Join();
            second.Join();
            Assert.Null(error);
            AssertSame(wideAlone, wide!.Value);
            AssertSame(cnnAlone, cnn!.Value);
        }
        finally
        {
            MatrixMultiply.MaxThreads = saved;
        }
    }

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static void AssertSame((float[] Parameters, TrainingHistory History) alone, (float[] Parameters, TrainingHistory History) together)
    {
        Assert.True(alone.Parameters.AsSpan().SequenceEqual(together.Parameters), "the parameters differ from the run alone");
        Assert.Equal(alone.History.Epochs.Count, together.History.Epochs.Count);
        for (var i = 0; i < alone.History.Epochs.Count; i++)
        {
            var (a, b) = (alone.History.Epochs[i], together.History.Epochs[i]);
            Assert.Equal(a.TrainLoss, b.TrainLoss);
            Assert.Equal(a.TestLoss, b.TestLoss);
            Assert.Equal(a.TestAccuracy, b.TestAccuracy);
        }
        Assert.Equal(alone.History.Teleports.Count, together.History.Teleports.Count);
        for (var i = 0; i < alone.History.Teleports.Count; i++)
            Assert.Equal(alone.History.Teleports[i].LossAfter, together.History.Teleports[i].LossAfter);
    }

    /// <summary>784-512-512-10, batch 128: its products (128·784·512 multiply-adds) and Adam's update (≈ 670 000 values) split on two threads.</summary>
    private static (float[], TrainingHistory) Wide(bool loadAhead)
    {
        var data = SyntheticClassification.Create(512, 128, 3);
        var model = new WideMlp();
        model.InitializeParameters(3);
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings { LearningRate = 1e-3 }, model.Parameters.Length);
        var trainer = new Trainer(model, optimizer, data.Train, data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 128, Order = BatchOrder.Shuffled, Seed = 5, LoadBatchesAhead = loadAhead, LossTraceInterval = 1 });
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        return (model.Parameters.ToArray(), trainer.History);
    }

    /// <summary>A small CNN that teleports twice in its first epoch (schedule epochs are 1-based).</summary>
    private static (float[], TrainingHistory) Cnn(bool loadAhead)
    {
        var data = SyntheticClassification.Create(400, 80, 9,
            new SyntheticClassificationOptions { FeatureCount = 64, ClassCount = 3, Separation = 0.8, Noise = 0.5 });
        var model = new ConvPoolClassifier();
        model.InitializeParameters(5);
        var teleports = new TeleportTrainingOptions
        {
            LookaheadSteps = 0,
            Schedule = new TeleportSchedule { Epochs = [1], CountPerEpoch = 2 },
            BatchSize = 40,
            OptimizerState = OptimizerStatePolicy.Transport,
        };
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings { LearningRate = 0.01 }, model.Parameters.Length);
        var trainer = new Trainer(model, optimizer, data.Train, data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 20, Order = BatchOrder.Shuffled, Seed = 2, LoadBatchesAhead = loadAhead, LossTraceInterval = 5 },
            [new TeleportCallback(model, teleports)]);
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        Assert.NotEmpty(trainer.History.Teleports);
        return (model.Parameters.ToArray(), trainer.History);
    }
}
