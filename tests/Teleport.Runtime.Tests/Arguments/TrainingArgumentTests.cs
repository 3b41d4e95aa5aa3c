using System;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>Training-side options and state a library caller can get wrong.</summary>
public sealed class TrainingArgumentTests
{
    [Fact]
    public void ANullEpochListIsNamed()
    {
        // It threw a NullReferenceException from inside Validate.
        Assert.Throws<ArgumentNullException>(nameof(TeleportSchedule.Epochs), () => new TeleportSchedule { Epochs = null! }.Validate());
        Assert.Throws<ArgumentNullException>(nameof(TeleportSchedule.Epochs),
            () => new TeleportCallback(TeleportTestSetup.Model(), new TeleportTrainingOptions { Schedule = new TeleportSchedule { Epochs = null! } }));
    }

    [Fact]
    public void AnEvaluationChunkWhoseOutputsCannotBeAnArrayIsNamed()
    {
        // chunkSize · OutputSize outputs were allocated as asked: past an array's length the constructor threw from
        // the allocation (OverflowException / OutOfMemoryException), naming nothing.
        var model = new LinearRegressionModel(2, 2);
        Assert.Throws<ArgumentOutOfRangeException>("chunkSize", () => new Evaluator(model, int.MaxValue));
    }

    [Fact]
    public void ASamplerStateThatDoesNotFitNamesItsPart()
    {
        var sampler = new TeleportBatchSampler(TeleportTestSetup.Data.Train, 5, 0);
        Assert.Throws<ArgumentException>("permutations", () => sampler.Restore(-1, 0));
        Assert.Throws<ArgumentException>("permutations", () => sampler.Restore(0, 5));
        Assert.Throws<ArgumentException>("position", () => sampler.Restore(1, 3));
        Assert.Throws<ArgumentException>("position", () => sampler.Restore(1, TeleportTestSetup.Data.Train.Count + 1));
    }

    [Fact]
    public void ATeleportCallbackServesOneTrainer()
    {
        // A second trainer ran with the first one's sampler and look-ahead: teleport batches from the first trainer's
        // training set, and look-ahead steps in its batch order.
        var model = TeleportTestSetup.Model();
        var callback = new TeleportCallback(model, new TeleportTrainingOptions { BatchSize = 20, LookaheadSteps = 2, Schedule = new TeleportSchedule { EverySteps = 3 } });
        var first = new Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Sgd), TeleportTestSetup.Data.Train, null, TeleportTestSetup.Options(1), [callback]);
        Assert.Equal(TrainingStatus.Completed, first.Run());
        Assert.NotEmpty(first.History.Teleports);

        var other = TrainingTestData.SmallClassification(100, 10, seed: 9).Train;
        var second = new Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Sgd), other, null, TeleportTestSetup.Options(1), [callback]);
        var error = Assert.Throws<InvalidOperationException>(() => second.Run());
        Assert.Contains("another trainer", error.Message);
        Assert.Equal(0, second.GlobalStep);

        // the trainer it serves may run it again
        Assert.Equal(TrainingStatus.Completed, first.Run());
    }

    [Fact]
    public void TheLookAheadPartsNameAMissingOrMismatchedArgument()
    {
        // NullReferenceExceptions from the constructors; a Capture of an optimizer with other buffers threw
        // KeyNotFoundException (or copied part of the state before failing on a length).
        Assert.Throws<ArgumentNullException>("optimizer", () => new OptimizerStateSnapshot(null!));
        Assert.Throws<ArgumentNullException>("context", () => new TeleportLookahead(null!, 3, null!));
        var snapshot = new OptimizerStateSnapshot(TeleportTestSetup.Optimizer(OptimizerKind.Sgd));
        Assert.Throws<ArgumentException>("optimizer", () => snapshot.Capture(TeleportTestSetup.Optimizer(OptimizerKind.Adam)));
        var adam = new OptimizerStateSnapshot(TeleportTestSetup.Optimizer(OptimizerKind.Adam));
        var shorter = OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings(), 3);
        Assert.Throws<ArgumentException>("optimizer", () => adam.Capture(shorter));
    }

    [Fact]
    public void ACheckpointDirectoryThatIsAFileIsRefusedBeforeTraining()
    {
        // It failed at the first checkpoint, after an epoch of training, as "The file … already exists" (or, for a file
        // above it, "Could not find a part of the path").
        using var temp = new TempDirectory();
        var file = temp.File("not-a-folder");
        System.IO.File.WriteAllText(file, "x");
        foreach (var (directory, named) in new[] { (file, file), (System.IO.Path.Combine(file, "below"), file) })
        {
            var model = TeleportTestSetup.Model();
            var trainer = new Trainer(model, TeleportTestSetup.Optimizer(OptimizerKind.Sgd), TeleportTestSetup.Data.Train, null,
                TeleportTestSetup.Options(1) with { CheckpointDirectory = directory });
            var error = Assert.Throws<System.IO.IOException>(() => trainer.Run());
            Assert.Contains($"{named} is a file, not a folder", error.Message);
            Assert.Equal(0, trainer.GlobalStep);
        }

        Assert.Contains($"{file} is a file, not a folder", Assert.Throws<System.IO.IOException>(() => Checkpoints.Claim(file)).Message);

        var folder = temp.File("checkpoints");
        var fine = new Trainer(TeleportTestSetup.Model(), TeleportTestSetup.Optimizer(OptimizerKind.Sgd), TeleportTestSetup.Data.Train, null,
            TeleportTestSetup.Options(1) with { CheckpointDirectory = folder });
        Assert.Equal(TrainingStatus.Completed, fine.Run());
        Assert.NotNull(Checkpoints.FindLatest(folder));
    }
}
