using System;
using System.Threading;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Data;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// The cancellation token fired from another thread, wherever the run then is (between steps, inside a teleport's
/// ascent or its look-ahead, at an epoch's end): the run ends <see cref="TrainingStatus.Canceled"/> or completes, and
/// resuming from the checkpoint written on cancel ends at the uninterrupted run's parameters and history, bit for bit.
/// Where the token lands varies from try to try; what is asserted does not.
/// </summary>
public sealed class CrossThreadCancelTests
{
    private static readonly TeleportTrainingOptions Teleporting = new()
    {
        Schedule = new TeleportSchedule { Epochs = [1, 2], CountPerEpoch = 2, EverySteps = 5, MaxTeleports = 12 },
        Teleport = new global::Teleport.Teleportation.TeleportOptions { LogarithmicAscent = false, LearningRate = 0.5, Steps = 4 },
        BatchSize = 50,
        OptimizerState = OptimizerStatePolicy.Transport,
        LookaheadSteps = 2,
    };

    [Fact]
    public void ACancelFromAnotherThreadResumesToTheUninterruptedRun()
    {
        var referenceModel = TeleportTestSetup.Model(3);
        var (reference, _) = TeleportTestSetup.Trainer(referenceModel, TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01), Teleporting,
            TeleportTestSetup.Options(2, BatchOrder.Shuffled));
        Assert.Equal(TrainingStatus.Completed, reference.Run());
        Assert.NotEmpty(reference.History.Teleports);

        var canceled = 0;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            using var dir = new TempDirectory();
            var options = TeleportTestSetup.Options(2, BatchOrder.Shuffled, dir.Path) with { CheckpointInterval = 0 };
            var model = TeleportTestSetup.Model(3);
            var (trainer, _) = TeleportTestSetup.Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01), Teleporting, options);
            using var cancel = new CancellationTokenSource();
            var status = TrainingStatus.Completed;
            Exception? error = null;
            var runner = new Thread(() =>
            {
                try
                {
                    status = trainer.Run(cancel.Token);
                }
                catch (Exception e)
                {
                    error = e;
                }
            });
            runner.Start();
            // Later on each try: early in the first epoch on the first, into the teleports of the second on later ones.
            Thread.SpinWait(2_000 + attempt * attempt * 60_000);
            cancel.Cancel();
            runner.Join();
            Assert.Null(error);
            if (status == TrainingStatus.Canceled)
            {
                canceled++;
                var resumedModel = TeleportTestSetup.Model(99); // overwritten by the resume
                var (resumed, _) = TeleportTestSetup.Trainer(resumedModel, TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01), Teleporting, options);
                Assert.True(resumed.TryResume(), $"attempt {attempt}: the canceled run wrote no checkpoint");
                Assert.Equal(TrainingStatus.Completed, resumed.Run());
                Assert.True(TrainingTestData.BitEqual(referenceModel.Parameters, resumedModel.Parameters), $"attempt {attempt}: the resumed run's parameters differ");
                TrainingTestData.AssertSameNumbers(reference.History, resumed.History);
            }
            else
            {
                Assert.Equal(TrainingStatus.Completed, status);
                Assert.True(TrainingTestData.BitEqual(referenceModel.Parameters, model.Parameters));
            }
        }
        Assert.True(canceled > 0, "no try was canceled");
    }
}
