using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Serialization;
using Teleport.Teleportation;
using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// The optimizer part of a checkpoint, edited (a bad-input sweep): an lr of 0.5 in trainer.json trained on silently (the
/// epoch-3 loss 198.9 instead of 2.25, the record still saying lr 0.001); a step count of 0 at step 20 restarted Adam's
/// bias correction; <c>"eps": "NaN"</c> was reported as a setting that differs; a missing or extra buffer in
/// optimizer.safetensors was reported in .NET's words. The checkpoint: step 7 of an Adam run (see <see cref="CorruptFileTests.MidRunCheckpoint"/>).
/// </summary>
public sealed class CheckpointOptimizerTests
{
    [Fact]
    public void ATrainerThatOwnsItsOptimizerRefusesAnotherLearningRate()
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, json => json["optimizer"]!["settings"]!["lr"] = 0.5);
        var e = Assert.Throws<CheckpointMismatchException>(() => CorruptFileTests.NewTrainer(data, options with { OwnsOptimizer = true }).TryResume());
        Assert.Equal(("optimizer_settings.lr", "optimizer.settings.lr", "0.5", "0.01"), (e.Field, e.Place, e.Saved, e.Current));
    }

    [Fact]
    public void ATrainerWhoseLearningRateMayBeScheduledResumesWithTheSavedOne()
    {
        // A caller that may schedule the learning rate (the default) continues with the rate the checkpoint holds.
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, json => json["optimizer"]!["settings"]!["lr"] = 0.5);
        var trainer = CorruptFileTests.NewTrainer(data, options);
        Assert.True(trainer.TryResume());
        Assert.Equal(0.5, trainer.Optimizer.LearningRate);
    }

    [Theory]
    [InlineData(0, "has optimizer.step_count 0, but its optimizer has taken 7 steps since the run's start (no teleport reset it), and it is at step 7")]
    [InlineData(8, "has optimizer.step_count 8, more than the 7 steps of its run")]
    public void ATrainerThatOwnsItsOptimizerRefusesAStepCountItsRunCannotHave(int count, string expected)
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, json => json["optimizer"]!["step_count"] = count);
        CorruptFileTests.AssertResumeRefused(data, options with { OwnsOptimizer = true }, Checkpoints.StateFileName, expected);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    [Theory]
    [InlineData(OptimizerStatePolicy.Reset, false)]
    [InlineData(OptimizerStatePolicy.Transport, false)]
    [InlineData(OptimizerStatePolicy.Keep, false)]
    [InlineData(OptimizerStatePolicy.Reset, true)]
    public void ATeleportRunThatOwnsItsOptimizerResumesAfterEveryStop(OptimizerStatePolicy policy, bool control)
    {
        // The step count is global_step minus the step of the last reset a teleport event records (a control arm's resets
        // have no event: there it is only bounded). Resumed at every stop, each checkpoint must pass.
        var teleporting = new TeleportTrainingOptions
        {
            Schedule = new TeleportSchedule { Epochs = [1, 2], CountPerEpoch = 3, EverySteps = 7 },
            Teleport = new TeleportOptions { LogarithmicAscent = false, LearningRate = 0.5 },
            BatchSize = 50,
            OptimizerState = policy,
            LookaheadSteps = control ? 0 : 2,
            ControlOnly = control,
        };
        using var dir = new TempDirectory();
        var options = TeleportTestSetup.Options(3, BatchOrder.Shuffled, dir.Path) with { OwnsOptimizer = true };
        foreach (var stop in (long[])[2, 9, 14, 26])
        {
            using var cancel = new CancellationTokenSource();
            var (trainer, _) = TeleportTestSetup.Trainer(TeleportTestSetup.Model(), TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01),
                teleporting, options, after: [new CancelAfter(stop, cancel)]);
            trainer.TryResume();
            Assert.Equal(TrainingStatus.Canceled, trainer.Run(cancel.Token));
        }
        var (resumed, callback) = TeleportTestSetup.Trainer(TeleportTestSetup.Model(), TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01), teleporting, options);
        Assert.True(resumed.TryResume());
        Assert.Equal(TrainingStatus.Completed, resumed.Run());
        Assert.True(callback.Count > 3);
    }

    [Theory]
    [InlineData("eps", "\"NaN\"", "\"optimizer.settings.eps\" is NaN, not a finite number ≥ 0")]
    [InlineData("lr", "-1", "\"optimizer.settings.lr\" is -1, not a finite number ≥ 0")]
    [InlineData("betas", "[1.5, 0.999]", "\"optimizer.settings.betas\" holds 1.5, not a number in [0, 1)")]
    [InlineData("alpha", "\"Infinity\"", "\"optimizer.settings.alpha\" is Infinity, not a finite number")]
    public void ASettingNoOptimizerHasIsADamagedFileNotAMismatch(string key, string value, string expected)
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, json => json["optimizer"]!["settings"]![key] = JsonNode.Parse(value));
        var e = Assert.Throws<TeleportDataException>(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        Assert.IsNotType<CheckpointMismatchException>(e);
        Assert.Equal($"{Checkpoints.StateFileName}: {expected}", e.Message);
    }

    [Theory]
    [InlineData("exp_avg", null, "has no \"exp_avg\" buffer, which adam needs (its buffers are \"exp_avg\", \"exp_avg_sq\")")]
    [InlineData(null, "momentum_buffer", "holds a tensor \"momentum_buffer\", which is not a buffer of adam (its buffers are \"exp_avg\", \"exp_avg_sq\")")]
    public void ABufferMissingOrForeignIsNamedInTheFilesTerms(string? remove, string? add, string expected)
    {
        using var dir = new TempDirectory();
        var (data, options, checkpoint) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var path = Path.Combine(checkpoint, Checkpoints.OptimizerFileName);
        var tensors = SafeTensors.Read(path).Tensors.Where(t => t.Name != remove).ToList();
        if (add is not null) tensors.Add(SafeTensor.FromSingle(add, [1], [0f]));
        SafeTensors.Write(path, tensors);
        var e = Assert.Throws<TeleportDataException>(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        Assert.Equal($"{Checkpoints.OptimizerFileName}: {expected}", e.Message);
    }

    [Fact]
    public void AMismatchSaysWhereTheSavedValueIs()
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, json => json["parameter_count"] = 99);
        var e = Assert.Throws<CheckpointMismatchException>(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        Assert.Equal(("parameter_count", "parameter_count"), (e.Field, e.Place));
        var identity = Assert.Throws<CheckpointMismatchException>(() => CorruptFileTests.NewTrainer(data, options with { RunIdentity = new Teleport.Records.RecordFields().Add("--lr", 0.2) }).TryResume());
        Assert.Equal(("--lr", "run.identity.--lr"), (identity.Field, identity.Place));
    }

    private static (DatasetSplits Data, TrainerOptions Options) Edited(TempDirectory dir, Action<JsonNode> edit)
    {
        var (data, options, checkpoint) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var path = Path.Combine(checkpoint, Checkpoints.StateFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        // Resealed, as a deliberate edit is: the check under test is another than SHA256SUMS's, which comes last.
        CheckpointSumsFile.Reseal(checkpoint);
        return (data, options);
    }
}
