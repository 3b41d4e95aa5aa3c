using System;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TrainerAllocationTests
{
    [Theory]
    [InlineData(BatchOrder.Sequential)]
    [InlineData(BatchOrder.Shuffled)]
    public void StepsAllocateNothingAfterWarmUp(BatchOrder order)
    {
        // One long epoch (600 batches) so that the measured steps, 300 to 550, include loss-trace
        // points but no epoch end; the first 300 steps warm up the JIT tiers.
        var data = TrainingTestData.SmallClassification(12_000, 10);
        var model = new SoftmaxRegression(20, 4).Initialize(1);
        var probe = new AllocationProbe(300, 550);
        var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), data.Train, data.Test,
            new TrainerOptions { Epochs = 1, BatchSize = 20, Order = order, LossTraceInterval = 10 }, [probe]);
        trainer.Run();
        Assert.Equal(0, probe.Allocated);
        Assert.Equal(60, trainer.History.LossTrace.Count);
    }
}
