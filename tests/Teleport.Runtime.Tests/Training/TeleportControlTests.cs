using System.Collections.Generic;
using System.Linq;
using Teleport.Optimizers;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TeleportControlTests
{
    private static readonly TeleportSchedule Schedule = new() { Epochs = [1], CountPerEpoch = 2, EverySteps = 5 };

    /// <summary>
    /// The control arm applies the policy at exactly the teleport arm's points and never moves the parameters:
    /// no teleport events, the parameters unchanged by the callback, the optimizer reset at those points only.
    /// </summary>
    [Fact]
    public void TheControlArmResetsAtTheTeleportPointsAndNeverTeleports()
    {
        var model = TeleportTestSetup.Model();
        var (teleportTrainer, _) = TeleportTestSetup.Trainer(TeleportTestSetup.Model(), TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01),
            new TeleportTrainingOptions { OptimizerState = OptimizerStatePolicy.Reset, LookaheadSteps = 0, Schedule = Schedule }, TeleportTestSetup.Options());
        teleportTrainer.Run();
        var teleportSteps = teleportTrainer.History.Teleports.Select(t => t.Step).ToArray();

        float[] before = [];
        var changed = new List<long>();
        var resets = new List<long>();
        var (trainer, callback) = TeleportTestSetup.Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01),
            new TeleportTrainingOptions { OptimizerState = OptimizerStatePolicy.Reset, LookaheadSteps = 0, Schedule = Schedule, ControlOnly = true, Teleport = new TeleportOptions { LogarithmicAscent = false, LearningRate = 5 } },
            TeleportTestSetup.Options(),
            before: [new BatchStartProbe(c => before = c.Model.Parameters.ToArray())],
            after: [new BatchStartProbe(c =>
            {
                if (!TrainingTestData.BitEqual(before, c.Model.Parameters)) changed.Add(c.GlobalStep);
                if (c.Optimizer.StepCount == 0 && c.GlobalStep > 0) resets.Add(c.GlobalStep);
            })]);
        trainer.Run();

        Assert.Empty(trainer.History.Teleports);
        Assert.Empty(changed);
        Assert.Equal(teleportSteps.Where(s => s > 0), resets);
        Assert.Equal(teleportSteps.Length, callback.Count);
        Assert.Equal(teleportSteps.Length, trainer.History.Epochs.Sum(e => (int)e.Extra["control_points"].Number));
        Assert.False(trainer.History.Epochs[0].Extra.ContainsKey("teleports"));
    }

    [Theory]
    [InlineData(OptimizerStatePolicy.Keep)]
    [InlineData(OptimizerStatePolicy.Transport)]
    public void AControlArmThatDoesNotResetIsTheBaseline(OptimizerStatePolicy policy)
    {
        var baseline = TeleportTestSetup.Model();
        new Trainer(baseline, TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01), TeleportTestSetup.Data.Train, TeleportTestSetup.Data.Test, TeleportTestSetup.Options()).Run();
        var model = TeleportTestSetup.Model();
        var (trainer, _) = TeleportTestSetup.Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01),
            new TeleportTrainingOptions { LookaheadSteps = 0, Schedule = Schedule, ControlOnly = true, OptimizerState = policy }, TeleportTestSetup.Options());
        trainer.Run();
        Assert.True(TrainingTestData.BitEqual(baseline.Parameters, model.Parameters));
    }
}
