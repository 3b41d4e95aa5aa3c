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
    public void AnInterruptedAndResumedTeleportRunEndsBitIdentical(BatchOrder order, long[] stops) =>
        InterruptedAndResumedEndsBitIdentical(Teleporting, order, stops);

    /// <summary>
    /// The same with the sharpness objective, whose random directions each teleport draws from its own stream (the
    /// teleporter's count of teleports): the count is checkpointed, so the resumed run's teleports draw what the
    /// uninterrupted run's draw. Without it the first teleport after a resume drew the directions of the run's first.
    /// </summary>
    [Fact]
    public void ASharpnessTeleportRunResumedAfterItsFirstTeleportsEndsBitIdentical()
    {
        var sharpness = new TeleportTrainingOptions
        {
            Schedule = Teleporting.Schedule,
            Teleport = new TeleportOptions
            {
                LogarithmicAscent = false,
                LearningRate = 0.05,
                Objective = TeleportObjective.Sharpness,
                Direction = ObjectiveDirection.Decrease,
                RequireAscent = false,
                ObjectiveSettings = new TeleportObjectiveOptions { SharpnessDirections = 3, SharpnessRadii = [0.05, 0.1] },
            },
            BatchSize = 50,
            OptimizerState = OptimizerStatePolicy.Reset,
        };
        InterruptedAndResumedEndsBitIdentical(sharpness, BatchOrder.Shuffled, [29]);
    }

    /// <summary>
    /// The saved state ends with the count (version 2). A version-1 state — the same without it, as checkpoints of runs
    /// before it hold — still loads, its count 0; a negative count is refused.
    /// </summary>
    [Fact]
    public void TheStateHoldsTheCountAndAVersionOneStateStillLoads()
    {
        var callback = new TeleportCallback(TeleportTestSetup.Model(), Teleporting);
        var saved = callback.SaveState();
        Assert.Equal(2, System.BitConverter.ToInt32(saved, 0));
        Assert.Equal(0L, System.BitConverter.ToInt64(saved, saved.Length - 8));

        var versionOne = saved[..^8];
        System.BitConverter.GetBytes(1).CopyTo(versionOne, 0);
        new TeleportCallback(TeleportTestSetup.Model(), Teleporting).LoadState(versionOne);

        var negative = (byte[])saved.Clone();
        System.BitConverter.GetBytes(-3L).CopyTo(negative, saved.Length - 8);
        var e = Assert.Throws<System.IO.InvalidDataException>(() => new TeleportCallback(TeleportTestSetup.Model(), Teleporting).LoadState(negative));
        Assert.Contains("negative count of teleports (-3)", e.Message);
    }

    private static void InterruptedAndResumedEndsBitIdentical(TeleportTrainingOptions teleporting, BatchOrder order, long[] stops)
    {
        var reference = TeleportTestSetup.Model();
        var referenceOptimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        var (referenceTrainer, referenceCallback) = TeleportTestSetup.Trainer(reference, referenceOptimizer, teleporting, TeleportTestSetup.Options(3, order));
        Assert.Equal(TrainingStatus.Completed, referenceTrainer.Run());
        Assert.InRange(referenceCallback.Count, 5, 12);

        using var dir = new TempDirectory();
        var options = TeleportTestSetup.Options(3, order, dir.Path);
        foreach (var stop in stops)
        {
            using var cancel = new CancellationTokenSource();
            var (interrupted, _) = TeleportTestSetup.Trainer(TeleportTestSetup.Model(), TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01),
                teleporting, options, after: [new CancelAfter(stop, cancel)]);
            interrupted.TryResume();
            Assert.Equal(TrainingStatus.Canceled, interrupted.Run(cancel.Token));
        }

        var model = TeleportTestSetup.Model(seed: 99);
        var optimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        var (resumed, callback) = TeleportTestSetup.Trainer(model, optimizer, teleporting, options);
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
