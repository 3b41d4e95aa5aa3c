using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Optimizers;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TeleportScheduleTests
{
    private static long[] TeleportSteps(TeleportSchedule schedule, int epochs = 2, GradNormRecorder? recorder = null)
    {
        var model = TeleportTestSetup.Model();
        var (trainer, _) = TeleportTestSetup.Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Sgd),
            new TeleportTrainingOptions { OptimizerState = OptimizerStatePolicy.Reset, LookaheadSteps = 0, Schedule = schedule, BatchSize = 30 }, TeleportTestSetup.Options(epochs),
            after: recorder is null ? null : [recorder]);
        trainer.Run();
        return trainer.History.Teleports.Select(t => t.Step).ToArray();
    }

    [Fact]
    public void EpochScheduleTeleportsAtTheFirstBatchesOfEachListedOneBasedEpoch()
    {
        // 12 batches per epoch: epoch 2 starts at global step 12, epoch 3 at 24.
        Assert.Equal([12L, 13, 14, 24, 25, 26], TeleportSteps(new TeleportSchedule { Epochs = [2, 3], CountPerEpoch = 3 }, epochs: 3));
        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7], TeleportSteps(TeleportSchedule.AtEpoch(1)));
    }

    [Fact]
    public void EveryKStepsTeleportsAfterEachKSteps()
    {
        Assert.Equal([5L, 10, 15, 20], TeleportSteps(new TeleportSchedule { EverySteps = 5 }));
    }

    [Fact]
    public void TheCapLimitsAllTriggersTogether()
    {
        var steps = TeleportSteps(new TeleportSchedule { Epochs = [1], CountPerEpoch = 3, EverySteps = 4, MaxTeleports = 5 });
        Assert.Equal([0L, 1, 2, 4, 8], steps);
    }

    [Fact]
    public void AdaptiveTeleportsWhenTheGradientNormFallsBelowAFractionOfItsRunningMaximum()
    {
        var recorder = new GradNormRecorder();
        var schedule = new TeleportSchedule { AdaptiveFraction = 0.6, AdaptiveMinSpacing = 3 };
        var steps = TeleportSteps(schedule, epochs: 3, recorder);

        // Replay the rule on the ‖∇L‖² the run saw: before step s + 1 (GlobalStep s) the last value is values[s − 1].
        var expected = new List<long>();
        double max = 0, last = 0;
        var seen = false;
        long lastTeleport = 0;
        for (var s = 0; s < recorder.Values.Count; s++)
        {
            if (seen && s - lastTeleport >= 3 && last < 0.6 * max)
            {
                expected.Add(s);
                lastTeleport = s;
                max = 0;
                seen = false;
            }
            last = recorder.Values[s];
            seen = true;
            max = Math.Max(max, last);
        }
        Assert.NotEmpty(steps);
        Assert.Equal(expected, steps);
        Assert.All(steps.Zip(steps.Skip(1)), p => Assert.True(p.Second - p.First >= 3));
    }

    [Fact]
    public void AnEpochBeyondTheRunIsRefusedBeforeTheFirstStep()
    {
        // Epoch 5 of a 2-epoch run trained plain without a word.
        var e = Assert.Throws<ArgumentException>(() => TeleportSteps(new TeleportSchedule { Epochs = [1, 5], CountPerEpoch = 1 }));
        Assert.StartsWith("TeleportSchedule.Epochs holds 5, beyond the run's 2 epochs (1-based).", e.Message);
    }

    [Fact]
    public void AnEmptyScheduleNeverTeleports()
    {
        Assert.True(new TeleportSchedule().IsEmpty);
        Assert.Empty(TeleportSteps(new TeleportSchedule()));
    }

    [Theory]
    [InlineData(0, 8, 0, 0.0, 100, 1)]
    [InlineData(1, -1, 0, 0.0, 100, 1)]
    [InlineData(1, 8, -2, 0.0, 100, 1)]
    [InlineData(1, 8, 0, 1.0, 100, 1)]
    [InlineData(1, 8, 0, 0.5, 0, 1)]
    [InlineData(1, 8, 0, 0.0, 100, -1)]
    public void InvalidSchedulesAreRejected(int epoch, int count, long every, double fraction, long spacing, int max)
    {
        var schedule = new TeleportSchedule
        {
            Epochs = [epoch], CountPerEpoch = count, EverySteps = every, AdaptiveFraction = fraction,
            AdaptiveMinSpacing = spacing, MaxTeleports = max,
        };
        Assert.Throws<ArgumentException>(schedule.Validate);
        Assert.Throws<ArgumentException>(() => new TeleportCallback(TeleportTestSetup.Model(), new TeleportTrainingOptions { OptimizerState = OptimizerStatePolicy.Reset, LookaheadSteps = 0, Schedule = schedule }));
    }
}
