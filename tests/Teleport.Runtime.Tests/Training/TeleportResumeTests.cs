using System.Threading;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Data;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TeleportResumeTests
{
    private static readonly TeleportTrainingOptions Teleporting = new()
    {
        Schedule = new TeleportSchedule { Epochs = [2], CountPerEpoch = 3, EverySteps = 7, AdaptiveFraction = 0.5, AdaptiveMinSpacing = 5, MaxTeleports = 12 },
        Teleport = new TeleportOptions { LogarithmicAscent = false, LearningRate = 0.5 },
        BatchSize = 50,
        OptimizerState = OptimizerStatePolicy.Transport,
        LookaheadSteps = 2,
    };

    /// <summary>
    /// A run with a teleport schedule, stopped after each step in <paramref name="stops"/> and resumed each time
    /// in a fresh model, optimizer, callback and trainer, ends with the uninterrupted run's parameters, optimizer
    /// state and history (times aside), bit for bit.
    /// </summary>
    [Theory]
    [InlineData(BatchOrder.Sequential, new long[] { 13 })]
    [InlineData(BatchOrder.Shuffled, new long[] { 3, 12, 14, 29 })]
    public void AnInterruptedAndResumedTeleportRunEndsBitIdentical(BatchOrder order, long[] stops)
    {
        var reference = TeleportTestSetup.Model();
        var referenceOptimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        var (referenceTrainer, referenceCallback) = TeleportTestSetup.Trainer(reference, referenceOptimizer, Teleporting, TeleportTestSetup.Options(3, order));
        Assert.Equal(TrainingStatus.Completed, referenceTrainer.Run());
        Assert.InRange(referenceCallback.Count, 5, 12);

        using var dir = new TempDirectory();
        var options = TeleportTestSetup.Options(3, order, dir.Path);
        foreach (var stop in stops)
        {
            using var cancel = new CancellationTokenSource();
            var (interrupted, _) = TeleportTestSetup.Trainer(TeleportTestSetup.Model(), TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01),
                Teleporting, options, after: [new CancelAfter(stop, cancel)]);
            interrupted.TryResume();
            Assert.Equal(TrainingStatus.Canceled, interrupted.Run(cancel.Token));
        }

        var model = TeleportTestSetup.Model(seed: 99);
        var optimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        var (resumed, callback) = TeleportTestSetup.Trainer(model, optimizer, Teleporting, options);
        Assert.True(resumed.TryResume());
        Assert.Equal(TrainingStatus.Completed, resumed.Run());

        Assert.True(TrainingTestData.BitEqual(reference.Parameters, model.Parameters));
        Assert.Equal(referenceOptimizer.StepCount, optimizer.StepCount);
        for (var i = 0; i < optimizer.Buffers.Count; i++)
            Assert.True(TrainingTestData.BitEqual(referenceOptimizer.Buffers[i].Values, optimizer.Buffers[i].Values));
        TrainingTestData.AssertSameNumbers(referenceTrainer.History, resumed.History);
        Assert.Equal(referenceCallback.Count, callback.Count);
    }
}
