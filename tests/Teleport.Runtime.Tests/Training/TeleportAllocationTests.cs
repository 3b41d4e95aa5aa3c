using System;
using System.Linq;
using Teleport.Optimizers;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TeleportAllocationTests
{
    /// <summary>Between teleports the callback checks every trigger (the adaptive one observes every step) and allocates nothing.</summary>
    [Fact]
    public void StepsBetweenTeleportsAllocateNothing()
    {
        var data = TrainingTestData.SmallClassification(12_000, 10);
        var model = TeleportTestSetup.Model();
        var probe = new AllocationProbe(250, 480);
        var options = new TeleportTrainingOptions
        {
                LookaheadSteps = 0,
            Schedule = new TeleportSchedule { Epochs = [1], CountPerEpoch = 2, EverySteps = 500, AdaptiveFraction = 1e-9, AdaptiveMinSpacing = 10 },
            BatchSize = 40,
            OptimizerState = OptimizerStatePolicy.Transport,
        };
        var callback = new TeleportCallback(model, options);
        var trainer = new Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01), data.Train, data.Test,
            new TrainerOptions { Epochs = 1, BatchSize = 20, LossTraceInterval = 10 }, [callback, probe]);
        trainer.Run();
        Assert.Equal(0, probe.Allocated);
        Assert.Equal([0L, 1, 500], trainer.History.Teleports.Select(t => t.Step));
    }
}
