using Teleport.Data;
using Teleport.Records;
using Teleport.Runtime.Tests.Teleportation;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// The events a <see cref="TeleportCallback"/> writes for teleports that meet a gradient overflowing float (the cases of
/// <see cref="LevelSetOverflowTests"/> and <see cref="ObjectiveOverflowTests"/>) in a run that stops on divergence and
/// completes: <see cref="TeleportEventRules"/> take them. They had refused a level-set "cap_reached" whose trace held ∞, a
/// Hessian-trace "completed" with ‖∇L‖² after = ∞, and a curvature "no_improvement" with ‖∇L‖² = ∞ before and after.
/// </summary>
public sealed class TeleportOverflowRecordTests
{
    [Fact]
    public void ALevelSetTrialWhoseGradientOverflowedLeavesNoInfinityInTheRecord()
    {
        // One sample: the teleport batch is the training batch, whose ‖∇L‖² (1.6e7) trains on with sgd at lr 1e-30.
        var model = OverflowRegressor.With(1e-20f, 0, 1e-11f, 0);
        var teleport = new TeleportOptions { Method = TeleportMethod.LevelSet, GradientNormSquaredCap = 1e30, LevelSet = new LevelSetOptions { StepSize = 1e-3 } };
        var e = AssertTaken(Train(model, [1e12f], [200f], teleport));
        Assert.All(e.Extra["grad_norm_sq_trace"].Items, v => Assert.True(double.IsFinite(v.Number)));
    }

    [Theory]
    [InlineData(1e18f, TeleportObjective.HessianTrace, "completed")]
    [InlineData(1e20f, TeleportObjective.Curvature, "non_finite")]
    public void AnObjectiveTeleportMeetingAGradientOverflowIsRecordedTruly(float x, TeleportObjective objective, string stop)
    {
        // Two samples at the same x with residuals +5 and −5: each alone (the teleport batch of 1) has ‖∇L‖² = 2·r·x squared,
        // 1e38 or ∞ in float, while the training batch's gradients cancel, so the run trains on.
        var model = OverflowRegressor.With(1 / x, 0, 1, 0);
        var e = AssertTaken(Train(model, [x, x], [-4f, 6f], new TeleportOptions { Objective = objective }));
        Assert.Equal(stop, e.Extra["stop_reason"].String);
    }

    private static TeleportEvent AssertTaken(RunRecord record)
    {
        var e = Assert.Single(record.Teleports);
        var problem = TeleportEventRules.FirstProblem(record.Epochs, record.Teleports, runningAt: null, stopsOnDivergence: true);
        Assert.True(problem is null, $"{problem?.Place} = {problem?.Value}: {problem?.Why}");
        return e;
    }

    /// <summary>One epoch of one batch (every sample), teleporting on one sample before its step.</summary>
    private static RunRecord Train(OverflowRegressor model, float[] features, float[] targets, TeleportOptions teleport)
    {
        var data = Dataset.Regression("overflow", features, 1, targets, 1);
        var callback = new TeleportCallback(model, new TeleportTrainingOptions
        {
            Schedule = TeleportSchedule.AtEpoch(1, 1),
            BatchSize = 1,
            LookaheadSteps = 0,
            Teleport = teleport,
        });
        var trainer = new Trainer(model, TrainingTestData.Sgd(OverflowRegressor.ParameterCount, 1e-30), data, null,
            new TrainerOptions { Epochs = 1, BatchSize = features.Length, Seed = 2 }, [callback]);
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        return trainer.History.ToRunRecord(new RecordFields());
    }
}
