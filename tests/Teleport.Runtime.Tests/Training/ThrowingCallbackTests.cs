using System;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// A callback's exception ends <see cref="Trainer.Run"/>; the trainer's position stays consistent, so a later run continues
/// where it stopped and ends where an uninterrupted one does (the throwing callback itself changes nothing).
/// </summary>
public sealed class ThrowingCallbackTests
{
    [Theory]
    [InlineData(Hook.BatchStart)]
    [InlineData(Hook.BatchEnd)]
    [InlineData(Hook.EpochEnd)]
    public void ARunContinuedAfterACallbackThrewEndsAsAnUninterruptedOne(Hook hook)
    {
        // From OnBatchEnd the step was taken but the batch not counted: the continued run stepped on it again (11 steps
        // for 10, other parameters). From OnEpochEnd the epoch was recorded but not ended: it was recorded twice.
        var (expected, expectedParameters) = Train(thrower: null);
        var thrower = new ThrowOnce(hook, step: 3);
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = NewTrainer(model, thrower);

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Run());
        Assert.Equal(hook.ToString(), error.Message);
        Assert.Equal(TrainingStatus.Completed, trainer.Run());

        Assert.Equal(expected.Epochs.Count, trainer.History.Epochs.Count);
        Assert.Equal(expected.Epochs[^1].Steps, trainer.GlobalStep);
        TrainingTestData.AssertSameNumbers(expected, trainer.History);
        Assert.True(TrainingTestData.BitEqual(expectedParameters, model.Parameters));
    }

    private static (TrainingHistory History, float[] Parameters) Train(ITrainingCallback? thrower)
    {
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var trainer = NewTrainer(model, thrower);
        Assert.Equal(TrainingStatus.Completed, trainer.Run());
        return (trainer.History, model.Parameters.ToArray());
    }

    private static Trainer NewTrainer(SoftmaxRegression model, ITrainingCallback? thrower)
    {
        var data = TrainingTestData.SmallClassification(50, 10);
        return new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), data.Train, data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 10, LossTraceInterval = 2 }, thrower is null ? null : [thrower]);
    }

    public enum Hook
    {
        BatchStart,
        BatchEnd,
        EpochEnd,
    }

    /// <summary>Throws once from <paramref name="hook"/>, at global step <paramref name="step"/> (the first epoch's end for <see cref="Hook.EpochEnd"/>).</summary>
    private sealed class ThrowOnce(Hook hook, long step) : ITrainingCallback
    {
        private bool _thrown;

        public void OnBatchStart(TrainingContext context) => ThrowAt(Hook.BatchStart, context.GlobalStep == step);

        public void OnBatchEnd(TrainingContext context) => ThrowAt(Hook.BatchEnd, context.GlobalStep == step);

        public void OnEpochEnd(TrainingContext context, EpochRecord record) => ThrowAt(Hook.EpochEnd, true);

        private void ThrowAt(Hook where, bool now)
        {
            if (where != hook || !now || _thrown) return;
            _thrown = true;
            throw new InvalidOperationException(hook.ToString());
        }
    }
}
