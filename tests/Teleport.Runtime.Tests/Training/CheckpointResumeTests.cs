using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class CheckpointResumeTests
{
    private static readonly DatasetSplits Data = TrainingTestData.SmallClassification(230, 40);

    private static TrainerOptions Options(string? directory, BatchOrder order, bool checkpointOnCancel) => new()
    {
        Epochs = 3,
        BatchSize = 20,          // 12 batches per epoch, the last of 10 samples
        Order = order,
        Seed = 7,
        LossTraceInterval = 4,
        CheckpointDirectory = directory,
        CheckpointInterval = 5,
        CheckpointOnCancel = checkpointOnCancel,
    };

    private static (SoftmaxRegression Model, Optimizer<float> Optimizer, Trainer Trainer) NewTrainer(
        int initSeed, TrainerOptions options, params ITrainingCallback[] extra)
    {
        var model = new SoftmaxRegression(20, 4).Initialize(initSeed);
        var optimizer = TrainingTestData.Adam(model.Parameters.Length);
        ITrainingCallback[] callbacks = [new FakeTeleport(7, 4), .. extra];
        return (model, optimizer, new Trainer(model, optimizer, Data.Train, Data.Test, options, callbacks));
    }

    /// <summary>
    /// Stops the run after each step in <paramref name="stops"/> — a cancellation with a checkpoint, or a
    /// "kill" (no checkpoint at the stop: the resumed run replays from the last periodic one) — and resumes
    /// each time in a fresh model, optimizer and trainer. The result must be the uninterrupted run's, bit for bit.
    /// </summary>
    [Theory]
    [InlineData(BatchOrder.Shuffled, false, new long[] { 17 })]
    [InlineData(BatchOrder.Shuffled, true, new long[] { 17 })]
    [InlineData(BatchOrder.Sequential, false, new long[] { 3, 12, 26 })]
    [InlineData(BatchOrder.Shuffled, true, new long[] { 1, 12, 13, 30 })]
    public void AnInterruptedAndResumedRunEndsBitIdentical(BatchOrder order, bool checkpointOnCancel, long[] stops)
    {
        var (referenceModel, referenceOptimizer, reference) = NewTrainer(3, Options(null, order, false));
        Assert.Equal(TrainingStatus.Completed, reference.Run());

        using var dir = new TempDirectory();
        var options = Options(dir.Path, order, checkpointOnCancel);
        foreach (var stop in stops)
        {
            using var cancel = new CancellationTokenSource();
            var (_, _, interrupted) = NewTrainer(3, options, new CancelAfter(stop, cancel));
            interrupted.TryResume();
            Assert.Equal(TrainingStatus.Canceled, interrupted.Run(cancel.Token));
            Assert.Equal(stop, interrupted.GlobalStep);
        }

        // Another initialisation: everything must come from the checkpoint.
        var (model, optimizer, resumed) = NewTrainer(99, options);
        Assert.True(resumed.TryResume());
        Assert.True(resumed.GlobalStep > 0);
        Assert.Equal(TrainingStatus.Completed, resumed.Run());

        Assert.True(TrainingTestData.BitEqual(referenceModel.Parameters, model.Parameters));
        Assert.Equal(referenceOptimizer.StepCount, optimizer.StepCount);
        for (var i = 0; i < optimizer.Buffers.Count; i++)
            Assert.True(TrainingTestData.BitEqual(referenceOptimizer.Buffers[i].Values, optimizer.Buffers[i].Values));
        TrainingTestData.AssertSameNumbers(reference.History, resumed.History);
        Assert.Equal(4, resumed.History.Teleports.Count);
        Assert.Equal(4.0, TrainingTestData.ExtraNumber(resumed.History.Epochs[^1], "teleports_so_far"));
    }

    [Fact]
    public void AnOptimizerWithoutBuffersResumesToo()
    {
        var options = Options(null, BatchOrder.Shuffled, true);
        var reference = new SoftmaxRegression(20, 4).Initialize(3);
        new Trainer(reference, TrainingTestData.Sgd(reference.Parameters.Length, 0.05), Data.Train, Data.Test, options).Run();

        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var first = new SoftmaxRegression(20, 4).Initialize(3);
        var interrupted = new Trainer(first, TrainingTestData.Sgd(first.Parameters.Length, 0.05), Data.Train, Data.Test,
            options with { CheckpointDirectory = dir.Path }, [new CancelAfter(20, cancel)]);
        interrupted.Run(cancel.Token);
        Assert.Empty(SafeTensors.Read(Path.Combine(Checkpoints.FindLatest(dir.Path)!, Checkpoints.OptimizerFileName)).Tensors);

        var model = new SoftmaxRegression(20, 4);
        var resumed = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.05), Data.Train, Data.Test, options with { CheckpointDirectory = dir.Path });
        Assert.True(resumed.TryResume());
        resumed.Run();
        Assert.True(TrainingTestData.BitEqual(reference.Parameters, model.Parameters));
    }

    [Fact]
    public void ResumedRunTellsCallbacksAndKeepsCountingTime()
    {
        using var dir = new TempDirectory();
        var options = Options(dir.Path, BatchOrder.Sequential, true);
        using var cancel = new CancellationTokenSource();
        var (_, _, first) = NewTrainer(3, options, new CancelAfter(15, cancel));
        first.Run(cancel.Token);
        var wall = first.WallSeconds;

        var recorder = new BatchRecorder();
        var (_, _, second) = NewTrainer(3, options, recorder);
        Assert.True(second.TryResume());
        Assert.Equal(wall, second.WallSeconds);
        Assert.Equal((1, 3, 15L), (second.EpochIndex, second.BatchIndex, second.GlobalStep));
        second.Run();
        Assert.Equal("start(resumed)", recorder.Calls[0]);
        Assert.True(second.History.Epochs[^1].WallSeconds > wall);
        Assert.Equal(1, recorder.Batches[0].Epoch);
        Assert.Equal(3, recorder.Batches[0].Batch);
    }

    [Fact]
    public void ACheckpointHoldsPyTorchNamedParametersOptimizerBuffersAndState()
    {
        using var dir = new TempDirectory();
        var (model, optimizer, trainer) = NewTrainer(3, Options(dir.Path, BatchOrder.Shuffled, true));
        trainer.Run();

        var latest = Checkpoints.FindLatest(dir.Path);
        Assert.NotNull(latest);
        Assert.EndsWith("-step-000000000036", latest);
        var parameters = SafeTensors.Read(Path.Combine(latest, Checkpoints.ModelFileName));
        Assert.Equal([4, 20], parameters["fc0.weight"].Shape);
        Assert.Equal([4], parameters["fc0.bias"].Shape);
        Assert.Equal(SafeTensorDType.F32, parameters["fc0.weight"].DType);
        Assert.Equal(model.Parameters[..80].ToArray(), parameters["fc0.weight"].ToSingleArray());
        var buffers = SafeTensors.Read(Path.Combine(latest, Checkpoints.OptimizerFileName));
        Assert.Equal(optimizer.FindBuffer("exp_avg")!.Values.ToArray(), buffers["exp_avg"].ToSingleArray());
        Assert.Equal(optimizer.FindBuffer("exp_avg_sq")!.Values.ToArray(), buffers["exp_avg_sq"].ToSingleArray());
        var state = File.ReadAllText(Path.Combine(latest, Checkpoints.StateFileName));
        Assert.Contains("\"fake-teleport\": \"BAAAAA==\"", state);
        Assert.Contains("\"kind\": \"adam\"", state);

        // Only the newest two checkpoints are kept; no temporary folder is left behind.
        Assert.Equal(2, Checkpoints.List(dir.Path).Count);
        Assert.Equal(latest, Checkpoints.List(dir.Path)[^1]);
        Assert.Empty(Directory.GetDirectories(dir.Path, ".*"));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public void AFailingCheckpointWriteLeavesThePreviousCheckpointPublished()
    {
        using var dir = new TempDirectory();
        var options = Options(dir.Path, BatchOrder.Sequential, true);
        var model = new SoftmaxRegression(20, 4).Initialize(3);
        var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), Data.Train, null, options, [new FailingState(2)]);

        // The first checkpoint (step 5) is written; the second (step 10) fails after the tensors were written.
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Run());
        Assert.Equal("disk full (simulated)", error.Message);
        var latest = Checkpoints.FindLatest(dir.Path);
        Assert.EndsWith("-step-000000000005", latest);
        Assert.Single(Checkpoints.List(dir.Path));
        Assert.Equal(["latest"], Sorted(Array.ConvertAll(Directory.GetFiles(dir.Path), Path.GetFileName)));
        Assert.Equal([Checkpoints.SumsFileName, Checkpoints.ModelFileName, Checkpoints.OptimizerFileName, Checkpoints.StateFileName],
            Sorted(Array.ConvertAll(Directory.GetFiles(latest!), Path.GetFileName)));

        // The published checkpoint still resumes.
        var fresh = new SoftmaxRegression(20, 4).Initialize(8);
        var resumed = new Trainer(fresh, TrainingTestData.Adam(fresh.Parameters.Length), Data.Train, null, options, [new FailingState(99)]);
        Assert.True(resumed.TryResume());
        Assert.Equal(5, resumed.GlobalStep);
    }

    [Fact]
    public void AtomicWritesNeverLeaveAPartialStateFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File(Checkpoints.StateFileName);
        File.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{\"partial\":"u8);
            throw new IOException("writer failed");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ResumingADifferentRunIsRejected()
    {
        using var dir = new TempDirectory();
        var options = Options(dir.Path, BatchOrder.Shuffled, true);
        var (_, _, trainer) = NewTrainer(3, options);
        trainer.Run();

        var (_, _, otherSeed) = NewTrainer(3, options with { Seed = 8 });
        var seed = Assert.Throws<CheckpointMismatchException>(() => otherSeed.TryResume());
        Assert.Equal(("seed", "7", "8"), (seed.Field, seed.Saved, seed.Current));
        Assert.Contains("was written with seed 7, but this run has seed 8", seed.Message);
        var (_, _, otherBatch) = NewTrainer(3, options with { BatchSize = 10 });
        Assert.Contains("batch_size", Assert.Throws<CheckpointMismatchException>(() => otherBatch.TryResume()).Message);

        var model = new SoftmaxRegression(20, 4);
        var sgd = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, 0.1), Data.Train, Data.Test, options, [new FakeTeleport(7, 4)]);
        Assert.Equal("optimizer", Assert.Throws<CheckpointMismatchException>(() => sgd.TryResume()).Field);

        var noTest = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), Data.Train, null, options, [new FakeTeleport(7, 4)]);
        Assert.Equal("test_data", Assert.Throws<CheckpointMismatchException>(() => noTest.TryResume()).Field);

        var noCallback = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), Data.Train, Data.Test, options);
        Assert.Contains("fake-teleport", Assert.Throws<TeleportDataException>(() => noCallback.TryResume()).Message);
        Assert.Equal(0, noCallback.GlobalStep);

        using var empty = new TempDirectory();
        var (_, _, nothing) = NewTrainer(3, options with { CheckpointDirectory = empty.Path });
        Assert.False(nothing.TryResume());
    }

    [Theory]
    [InlineData("checkpoint-000009-step-000000000001", "holds no trainer.json")]
    [InlineData("../elsewhere", "is not a checkpoint folder name")]
    public void ALatestPointerToNoCheckpointIsReported(string pointer, string problem)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(Checkpoints.LatestFileName), pointer + "\n");
        var (_, _, trainer) = NewTrainer(3, Options(dir.Path, BatchOrder.Shuffled, true));
        Assert.Contains(problem, Assert.Throws<TeleportDataException>(() => trainer.TryResume()).Message);
    }

    [Fact]
    public void ExtendingTheEpochsOfAFinishedRunContinuesIt()
    {
        using var dir = new TempDirectory();
        var options = Options(dir.Path, BatchOrder.Shuffled, true);
        var (_, _, reference) = NewTrainer(3, options with { CheckpointDirectory = null, Epochs = 4 });
        reference.Run();

        var (_, _, first) = NewTrainer(3, options);
        first.Run();
        var (model, _, more) = NewTrainer(3, options with { Epochs = 4 });
        Assert.True(more.TryResume());
        Assert.False(more.IsComplete);
        more.Run();
        TrainingTestData.AssertSameNumbers(reference.History, more.History);
    }

    private static string[] Sorted(string?[] names)
    {
        var list = new List<string>();
        foreach (var n in names) list.Add(n!);
        list.Sort(StringComparer.Ordinal);
        return [.. list];
    }
}
