using System;
using System.Threading;
using Teleport.Data;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TrainerTests
{
    [Fact]
    public void TrainingReducesTheLossOnSyntheticClassification()
    {
        var data = TrainingTestData.Classification(2000, 500);
        var model = new SoftmaxRegression().Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length, 1e-3), data.Train, data.Test,
            new TrainerOptions { Epochs = 3, BatchSize = 20 });

        Assert.Equal(TrainingStatus.Completed, trainer.Run());

        var epochs = trainer.History.Epochs;
        Assert.Equal([1, 2, 3], [epochs[0].Epoch, epochs[1].Epoch, epochs[2].Epoch]);
        Assert.True(epochs[2].TrainLoss < epochs[0].TrainLoss * 0.8, $"{epochs[0].TrainLoss} → {epochs[2].TrainLoss}");
        Assert.True(epochs[2].TestLoss < epochs[0].TestLoss);
        Assert.True(epochs[2].TestAccuracy > 0.6, $"accuracy {epochs[2].TestAccuracy}");
        Assert.Equal([100L, 200L, 300L], [epochs[0].Steps, epochs[1].Steps, epochs[2].Steps]);
        Assert.True(trainer.IsComplete);
    }

    [Theory]
    [InlineData(BatchOrder.Sequential)]
    [InlineData(BatchOrder.Shuffled)]
    public void TwoRunsWithTheSameSeedGiveIdenticalNumbers(BatchOrder order)
    {
        var data = TrainingTestData.SmallClassification(230, 50);
        (float[] Parameters, TrainingHistory History) Train()
        {
            var model = new SoftmaxRegression(20, 4).Initialize(3);
            var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), data.Train, data.Test,
                new TrainerOptions { Epochs = 3, Order = order, Seed = 11, LossTraceInterval = 4 }, [new FakeTeleport(5, 3)]);
            trainer.Run();
            return (model.Parameters.ToArray(), trainer.History);
        }

        var a = Train();
        var b = Train();
        Assert.True(TrainingTestData.BitEqual(a.Parameters, b.Parameters));
        TrainingTestData.AssertSameNumbers(a.History, b.History);
        Assert.Equal(3, a.History.Teleports.Count);
    }

    [Fact]
    public void SequentialOrderUsesTheSamplesInOrderAndKeepsTheLastPartialBatch()
    {
        var data = TrainingTestData.SmallClassification(105, 10);
        var recorder = new BatchRecorder();
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null,
            new TrainerOptions { Epochs = 2, BatchSize = 20 }, [recorder]);
        trainer.Run();

        Assert.Equal(6, trainer.BatchesPerEpoch);
        Assert.Equal(12, recorder.Batches.Count);
        for (var k = 0; k < 12; k++)
        {
            var (epoch, batch, step, inputs, labels) = recorder.Batches[k];
            Assert.Equal((k / 6, k % 6, (long)k), (epoch, batch, step));
            var start = batch * 20;
            var count = Math.Min(20, 105 - start);
            Assert.Equal(data.Train.FeatureRows(start, count).ToArray(), inputs);
            Assert.Equal(data.Train.LabelRange(start, count).ToArray(), labels);
        }
        Assert.Equal(5, recorder.Batches[5].Labels.Length);
    }

    [Fact]
    public void ShuffledOrderFollowsTheSeededSamplerEachEpoch()
    {
        var data = TrainingTestData.SmallClassification(105, 10);
        var recorder = new BatchRecorder();
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null,
            new TrainerOptions { Epochs = 2, BatchSize = 20, Order = BatchOrder.Shuffled, Seed = 42 }, [recorder]);
        trainer.Run();

        var sampler = new BatchSampler(105, 20, shuffle: true, seed: 42);
        var features = new float[20 * 20];
        var labels = new int[20];
        for (var k = 0; k < 12; k++)
        {
            var (epoch, batch, _, inputs, batchLabels) = recorder.Batches[k];
            if (batch == 0) sampler.StartEpoch(epoch);
            var indices = sampler.Batch(batch);
            data.Train.CopyBatch(indices, features, labels);
            Assert.Equal(features.AsSpan(0, indices.Length * 20).ToArray(), inputs);
            Assert.Equal(labels.AsSpan(0, indices.Length).ToArray(), batchLabels);
        }
        Assert.NotEqual(recorder.Batches[0].Labels, recorder.Batches[6].Labels);
        Assert.Equal(5, recorder.Batches[11].Labels.Length);
    }

    [Fact]
    public void TrainLossIsTheSampleWeightedMeanAndGradNormTheMeanPerBatch()
    {
        // With a zero learning rate every batch sees the same parameters, so the epoch's train loss is the
        // data set's mean loss and grad_norm_sq the plain mean of the batches' ‖∇L‖².
        var data = TrainingTestData.SmallClassification(105, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(2);
        var recorder = new BatchRecorder();
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0), data.Train, null,
            new TrainerOptions { Epochs = 1, BatchSize = 20, LossTraceInterval = 4 }, [recorder]);
        trainer.Run();

        var reference = new SoftmaxRegression(20, 4).Initialize(2);
        var outputs = new float[105 * 4];
        reference.Predict(data.Train.Features, outputs);
        double loss = 0;
        for (var i = 0; i < 105; i++) loss += TrainingTestData.CrossEntropy(outputs.AsSpan(i * 4, 4), data.Train.Label(i));
        var epoch = trainer.History.Epochs[0];
        Assert.Equal(loss / 105, epoch.TrainLoss, 1e-6);

        var gradient = new float[reference.Parameters.Length];
        double sum = 0;
        for (var b = 0; b < 6; b++)
        {
            var n = Math.Min(20, 105 - b * 20);
            reference.LossAndGradient(data.Train.FeatureRows(b * 20, n), data.Train.LabelRange(b * 20, n), gradient);
            double g = 0;
            foreach (var v in gradient) g += (double)v * v;
            sum += g;
            Assert.Equal(g, recorder.Ends[b].GradNormSquared, g * 1e-5);
        }
        Assert.Equal(sum / 6, epoch.GradNormSquared, sum / 6 * 1e-5);
        Assert.Equal(1, epoch.Epoch);
        Assert.Null(epoch.TestLoss);
        Assert.Null(epoch.TestAccuracy);

        // Trace windows of 4 steps, closed at the epoch's end: steps 4 (80 samples) and 6 (25 samples).
        var trace = trainer.History.LossTrace;
        Assert.Equal(2, trace.Count);
        Assert.Equal((4L, 80L, 1), (trace[0].Step, trace[0].Samples, trace[0].Epoch));
        Assert.Equal((6L, 25L), (trace[1].Step, trace[1].Samples));
        Assert.Equal(epoch.TrainLoss, (trace[0].TrainLoss * 80 + trace[1].TrainLoss * 25) / 105, 1e-12);
        Assert.Equal(epoch.WallSeconds, trace[1].WallSeconds);
    }

    [Fact]
    public void RegressionHasNoAccuracy()
    {
        var set = SyntheticRegression.Create([5, 8], 60, 3);
        var test = SyntheticRegression.Create([5, 8], 20, 4);
        var model = new LinearRegressionModel(5, 8).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.05), set, test,
            new TrainerOptions { Epochs = 30, BatchSize = 8, Order = BatchOrder.Shuffled });
        trainer.Run();
        var epochs = trainer.History.Epochs;
        Assert.All(epochs, e => Assert.Null(e.TestAccuracy));
        Assert.All(epochs, e => Assert.NotNull(e.TestLoss));
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss * 0.5);
    }

    [Fact]
    public void CallbacksRunInOrderAndCancellationStopsBetweenSteps()
    {
        var data = TrainingTestData.SmallClassification(100, 10);
        var recorder = new BatchRecorder();
        using var cancel = new CancellationTokenSource();
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null,
            new TrainerOptions { Epochs = 3, BatchSize = 25 }, [recorder, new CancelAfter(6, cancel)]);

        Assert.Equal(TrainingStatus.Canceled, trainer.Run(cancel.Token));
        Assert.Equal(6, trainer.GlobalStep);
        Assert.Equal((1, 2), (trainer.EpochIndex, trainer.BatchIndex));
        Assert.Single(trainer.History.Epochs);
        Assert.False(trainer.IsComplete);
        Assert.Equal(["start", "batch", "batch", "batch", "batch", "epoch1", "batch", "batch", "end(Canceled)"], recorder.Calls);

        // Running again continues where it stopped.
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        Assert.Equal(12, trainer.GlobalStep);
        Assert.Equal(3, trainer.History.Epochs.Count);
    }

    [Fact]
    public void ACallbackCanStopTheRun()
    {
        var data = TrainingTestData.SmallClassification(100, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), data.Train, null,
            new TrainerOptions { Epochs = 3, BatchSize = 25 }, [new StopAt(5)]);
        Assert.Equal(TrainingStatus.Canceled, trainer.Run());
        Assert.Equal(5, trainer.GlobalStep);
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
    }

    [Fact]
    public void MismatchedModelDataAndOptionsAreRejected()
    {
        var data = TrainingTestData.SmallClassification(40, 10);
        var model = new SoftmaxRegression(20, 4);
        var optimizer = TrainingTestData.Sgd(model.Parameters.Length, 0.1);
        var wide = new SoftmaxRegression(21, 4);
        Assert.Throws<ArgumentException>(() => new Trainer(wide, TrainingTestData.Sgd(wide.Parameters.Length, 0.1), data.Train, null, new TrainerOptions()));
        Assert.Throws<ArgumentException>(() => new Trainer(model, TrainingTestData.Sgd(5, 0.1), data.Train, null, new TrainerOptions()));
        var regression = SyntheticRegression.Create([20, 4], 10, 1);
        Assert.Throws<ArgumentException>(() => new Trainer(model, optimizer, regression, null, new TrainerOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(model, optimizer, data.Train, null, new TrainerOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentException>(() => new Trainer(model, optimizer, data.Train, null, new TrainerOptions(), [new FakeTeleport(1, 1), new FakeTeleport(2, 2)]));
    }

    private sealed class StopAt(long step) : ITrainingCallback
    {
        private bool _stopped;

        public void OnBatchEnd(TrainingContext context)
        {
            if (context.GlobalStep != step || _stopped) return;
            _stopped = true;
            context.RequestStop();
        }
    }
}
