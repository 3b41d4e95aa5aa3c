using System.Linq;
using Teleport.Optimizers;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TeleportLookaheadTests
{
    private const int K = 3;

    private static TeleportTrainingOptions Options(OptimizerStatePolicy policy, double teleportLr, int lookahead = 0, bool control = false) => new()
    {
        Schedule = new TeleportSchedule { EverySteps = 4, MaxTeleports = 1 },
        Teleport = new TeleportOptions { LogarithmicAscent = false, LearningRate = teleportLr },
        BatchSize = 40,
        OptimizerState = policy,
        LookaheadSteps = lookahead,
        ControlOnly = control,
    };

    /// <summary>
    /// A run with look-ahead must continue exactly as the run it chose: with the teleport (and its state
    /// policy) when K steps from there reach the lower loss on the next K batches, else as the control run
    /// (same policy, no teleport). Both branch losses are recomputed from those two reference runs.
    /// </summary>
    [Theory]
    [InlineData(OptimizerKind.Adam, OptimizerStatePolicy.Reset, 0.5, null)]
    [InlineData(OptimizerKind.Adam, OptimizerStatePolicy.Transport, 5.0, true)]
    [InlineData(OptimizerKind.Adam, OptimizerStatePolicy.Keep, 50.0, true)]
    [InlineData(OptimizerKind.Sgd, OptimizerStatePolicy.Keep, 50.0, false)]
    [InlineData(OptimizerKind.Sgd, OptimizerStatePolicy.Keep, 0.5, null)]
    public void LookaheadKeepsTheBranchWithTheLowerLossAndContinuesFromIt(OptimizerKind kind, OptimizerStatePolicy policy, double teleportLr, bool? expectKept)
    {
        var (teleported, teleportedLoss) = Run(kind, Options(policy, teleportLr));
        var (plain, plainLoss) = Run(kind, Options(policy, teleportLr, control: true));
        var (lookahead, _) = Run(kind, Options(policy, teleportLr, lookahead: K));

        var e = Assert.Single(lookahead.History.Teleports);
        Assert.Equal(4, e.Step);
        Assert.Equal(teleportedLoss, e.Extra["lookahead_loss_teleported"].Number, 12);
        Assert.Equal(plainLoss, e.Extra["lookahead_loss_plain"].Number, 12);
        var kept = e.Extra["kept"].Boolean;
        if (expectKept is { } expected) Assert.Equal(expected, kept);
        Assert.Equal(teleportedLoss < plainLoss, kept);
        var chosen = kept ? teleported : plain;
        Assert.True(TrainingTestData.BitEqual(((TeleportTestMlp)chosen.Model).Parameters, ((TeleportTestMlp)lookahead.Model).Parameters));
        Assert.Equal(chosen.Optimizer.StepCount, lookahead.Optimizer.StepCount);
        Assert.Equal(chosen.History.Epochs[^1].TrainLoss, lookahead.History.Epochs[^1].TrainLoss);
        Assert.Equal(kept ? 1.0 : 0.0, lookahead.History.Epochs[0].Extra["teleports_kept"].Number);
    }

    [Fact]
    public void ALookaheadLongerThanTheRunIsRefusedBeforeTheFirstStep()
    {
        // Issue 14: a look-ahead of ~2³¹ steps never finished; beyond the whole run it can only be a mistake.
        var model = TeleportTestSetup.Model();
        var (trainer, _) = TeleportTestSetup.Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Sgd, 0.05),
            Options(OptimizerStatePolicy.Keep, 0.5, lookahead: int.MaxValue), TeleportTestSetup.Options(epochs: 1));
        var e = Assert.Throws<System.ArgumentException>(() => trainer.Run());
        Assert.Contains("LookaheadSteps is 2147483647, more than the run's", e.Message);
        Assert.Equal(0, trainer.GlobalStep);
    }

    /// <summary>
    /// A level-set teleport can accept SLP iterates (steps) and still end at θ₀, when none of them was feasible and better
    /// (tolerance 0 here). The look-ahead then ran both branches from the same point and recorded the teleport as not kept;
    /// a teleport that moved nothing has nothing to test: no look-ahead, kept, as after a teleport that took no step.
    /// </summary>
    [Fact]
    public void ALevelSetTeleportThatEndedWhereItBeganIsNotLookedAhead()
    {
        var options = new TeleportTrainingOptions
        {
            Schedule = new TeleportSchedule { EverySteps = 3, MaxTeleports = 1 },
            Teleport = new TeleportOptions { Method = TeleportMethod.LevelSet, LossTolerance = 0 },
            BatchSize = 20,
            OptimizerState = OptimizerStatePolicy.Keep,
            LookaheadSteps = K,
        };
        var before = System.Array.Empty<float>();
        var probe = new BatchStartProbe(c => { if (c.GlobalStep == 3) before = c.Model.Parameters.ToArray(); });
        var after = System.Array.Empty<float>();
        var check = new BatchStartProbe(c => { if (c.GlobalStep == 3) after = c.Model.Parameters.ToArray(); });
        var model = TeleportTestSetup.Model();
        var (trainer, _) = TeleportTestSetup.Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Adam), options,
            TeleportTestSetup.Options(epochs: 1), before: [probe], after: [check]);
        trainer.Run();

        var e = Assert.Single(trainer.History.Teleports);
        Assert.True(e.StepsTaken > 0 && e.Extra["end_iterate"].Number == 0, "the test needs a level-set teleport that took steps and ended at θ₀");
        Assert.True(TrainingTestData.BitEqual(before, after));
        Assert.True(e.Extra["kept"].Boolean);
        Assert.False(e.Extra.ContainsKey("lookahead_loss_teleported"));
        Assert.Equal(1.0, trainer.History.Epochs[0].Extra["teleports_kept"].Number);
    }

    /// <summary>Trains 1 epoch; returns the trainer and the mean loss over batches 4–6 after step 7 (K steps after the teleport point).</summary>
    private static (Trainer Trainer, double LossAfterK) Run(OptimizerKind kind, TeleportTrainingOptions options)
    {
        double loss = double.NaN;
        var probe = new BatchStartProbe(c =>
        {
            if (c.GlobalStep != 4 + K) return;
            var train = c.TrainingSet;
            double sum = 0;
            for (var b = 4; b < 4 + K; b++) sum += (double)c.Model.Loss(train.FeatureRows(b * 20, 20), train.LabelRange(b * 20, 20)) * 20;
            loss = sum / (20 * K);
        });
        var model = TeleportTestSetup.Model();
        var (trainer, _) = TeleportTestSetup.Trainer(model, TeleportTestSetup.Optimizer(kind, kind == OptimizerKind.Adam ? 0.01 : 0.05), options,
            TeleportTestSetup.Options(epochs: 1), before: [probe]);
        trainer.Run();
        Assert.False(double.IsNaN(loss));
        return (trainer, loss);
    }
}
