using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using Teleport.Data;
using Teleport.Records;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Serialization;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// Every reader against a few hundred seeded corruptions of a valid file (<see cref="Mutations"/>): it reads the
/// file or throws <see cref="TeleportDataException"/> with a one-line message naming the file — never another
/// exception. Where the format carries a checksum (gzip), a file that still reads must give the original data.
/// A crash found here becomes a named regression test (ReaderRegressionTests, ResumeIdentityTests).
/// </summary>
public sealed class CorruptFileTests
{
    private const int Mutants = 300;

    [Fact]
    public void IdxFiles() =>
        Survive("train-images-idx3-ubyte", Mutations.Of(IdxBuilder.Images(12, 5, 5), Mutants, seed: 1), path => IdxFile.Read(path, 3, "pixel"));

    [Fact]
    public void GzipIdxFilesReadBackOnlyTheOriginalData()
    {
        var content = IdxBuilder.Images(40, 6, 6);
        var original = IdxFile.Parse(content, "original", 3).Data.ToArray();
        Survive("train-images-idx3-ubyte.gz", Mutations.Of(IdxBuilder.Gzip(content), Mutants, seed: 2), path =>
        {
            var read = IdxFile.Read(path, 3, "pixel");
            Assert.True(read.Data.Span.SequenceEqual(original), "a corrupted gzip file decompressed to other data without an error");
        });
    }

    [Fact]
    public void MnistLabelFiles()
    {
        using var dir = new TempDirectory();
        var images = dir.Write("train-images-idx3-ubyte", IdxBuilder.Images(30, 4, 4));
        Survive("train-labels-idx1-ubyte", Mutations.Of(IdxBuilder.Labels(30), Mutants, seed: 3), path => Mnist.LoadPart(images, path, "mnist/train"));
    }

    [Fact]
    public void CifarBatches()
    {
        var valid = new byte[3 * Cifar10.RecordBytes];
        new Random(4).NextBytes(valid);
        for (var i = 0; i < 3; i++) valid[i * Cifar10.RecordBytes] = (byte)(i * 3);
        Survive("data_batch_1.bin", Mutations.Of(valid, Mutants, seed: 4), path => Cifar10.ReadBatch(path));
    }

    [Fact]
    public void CsvFiles()
    {
        var csv = "x1,x2,label\n0.5,-1.25e-3,0\n1,2,1\n\"3\",4.5,2\n-7,8,1\n";
        Survive("data.csv", Mutations.Of(Encoding.UTF8.GetBytes(csv), Mutants, seed: 5, text: true),
            path => CsvDataset.Load(path, new CsvOptions { Label = "label" }));
    }

    [Fact]
    public void SafeTensorsFiles()
    {
        var model = new SoftmaxRegression(3, 2).Initialize(1);
        using var source = new TempDirectory();
        var valid = source.File("valid.safetensors");
        SafeTensors.WriteParameters<float>(valid, model.Info, model.Parameters, new Dictionary<string, string> { ["format"] = "pt" });
        var target = new SoftmaxRegression(3, 2);
        Survive("model.safetensors", Mutations.Of(File.ReadAllBytes(valid), Mutants, seed: 6), path =>
        {
            SafeTensors.Read(path);
            SafeTensors.ReadParameters<float>(path, target.Info, target.Parameters);
            foreach (var v in target.Parameters) Assert.True(float.IsFinite(v));
        });
    }

    [Fact]
    public void RunRecords()
    {
        var record = TrainedRecord();
        Survive("run.json", Mutations.Of(RunRecordJson.ToUtf8Bytes(record), Mutants, seed: 7, text: true), path => RunRecordJson.Read(path));
    }

    [Fact]
    public void CompareRecords()
    {
        var compare = CompareRecord.Create(TrainedRecord(), TrainedRecord(lr: 0.2));
        Survive("compare.json", Mutations.Of(CompareRecordJson.ToUtf8Bytes(compare), Mutants, seed: 8, text: true), path => CompareRecordJson.Read(path));
    }

    [Theory]
    [InlineData(Checkpoints.StateFileName, true, 9)]
    [InlineData(Checkpoints.ModelFileName, false, 10)]
    [InlineData(Checkpoints.OptimizerFileName, false, 11)]
    [InlineData(Checkpoints.LatestFileName, true, 12)]
    [InlineData(Checkpoints.SumsFileName, true, 13)]
    public void Checkpoints_(string file, bool text, int seed)
    {
        // A checkpoint in the middle of the second epoch; each mutant replaces one of its files, then a fresh
        // trainer resumes from it and, if that succeeds, trains to the end (diverging is allowed, crashing is not).
        using var dir = new TempDirectory();
        var data = TrainingTestData.SmallClassification(100, 20);
        var options = new TrainerOptions { Epochs = 2, BatchSize = 20, Seed = 3, CheckpointDirectory = dir.Path, RunIdentity = new RecordFields().Add("--lr", 0.1) };
        using var cancel = new CancellationTokenSource();
        Assert.Equal(TrainingStatus.Canceled, NewTrainer(data, options, new CancelAfter(7, cancel)).Run(cancel.Token));
        var latest = Checkpoints.FindLatest(dir.Path)!;
        var target = file == Checkpoints.LatestFileName ? Path.Combine(dir.Path, file) : Path.Combine(latest, file);
        var valid = File.ReadAllBytes(target);
        var failures = new List<string>();
        foreach (var (what, bytes) in Mutations.Of(valid, Mutants / 2, seed, text))
        {
            File.WriteAllBytes(target, bytes);
            Attempt(file, what, failures, () =>
            {
                var trainer = NewTrainer(data, options);
                if (trainer.TryResume()) trainer.Run();
            });
        }
        File.WriteAllBytes(target, valid);
        Assert.True(failures.Count == 0, $"{failures.Count} corrupted {file} files broke a resume:\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// The folder of a checkpoint written in the middle of the second epoch (step 7 of 10) by <see cref="NewTrainer"/>, the
    /// data and options that resume it, for tests that damage one of its files (<see cref="OptimizerStateValuesTests"/>,
    /// <see cref="CheckpointAccumulatorTests"/>).
    /// </summary>
    internal static (DatasetSplits Data, TrainerOptions Options, string Checkpoint) MidRunCheckpoint(TempDirectory dir, bool stopOnDivergence)
    {
        var data = TrainingTestData.SmallClassification(100, 20);
        var options = new TrainerOptions { Epochs = 2, BatchSize = 20, Seed = 3, CheckpointDirectory = dir.Path, RunIdentity = new RecordFields().Add("--lr", 0.1), StopOnDivergence = stopOnDivergence };
        using var cancel = new CancellationTokenSource();
        Assert.Equal(TrainingStatus.Canceled, NewTrainer(data, options, new CancelAfter(7, cancel)).Run(cancel.Token));
        return (data, options, Checkpoints.FindLatest(dir.Path)!);
    }

    /// <summary>A resume from the damaged checkpoint is refused with a message that names <paramref name="file"/> first and holds <paramref name="expected"/>.</summary>
    internal static void AssertResumeRefused(DatasetSplits data, TrainerOptions options, string file, string expected)
    {
        var error = Assert.Throws<TeleportDataException>(() => NewTrainer(data, options).TryResume());
        Assert.StartsWith(file + ": ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    /// <summary>The Adam softmax regression whose checkpoints these tests damage (also <see cref="OptimizerStateValuesTests"/>).</summary>
    internal static Trainer NewTrainer(DatasetSplits data, TrainerOptions options, params ITrainingCallback[] callbacks)
    {
        var model = new SoftmaxRegression(20, 4).Initialize(2);
        return new Trainer(model, TrainingTestData.Adam(model.Parameters.Length), data.Train, data.Test, options, callbacks);
    }

    private static RunRecord TrainedRecord(double lr = 0.1)
    {
        var data = TrainingTestData.SmallClassification(100, 20);
        var model = new SoftmaxRegression(20, 4).Initialize(2);
        var trainer = new Trainer(model, TrainingTestData.Sgd(model.Parameters.Length, lr), data.Train, data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 20, LossTraceInterval = 2 });
        trainer.Run();
        // Times made a function of the step, so the file — and so every mutant — is the same on every run.
        var history = trainer.History;
        return new RunRecord(new RecordFields().Add("lr", lr).Add("optimizer", "sgd"),
            history.Epochs.Select(e => e with { WallSeconds = e.Steps * 1e-3 }),
            history.Teleports,
            history.LossTrace.Select(p => p with { WallSeconds = p.Step * 1e-3 }),
            new RecordFields().Add("steps", trainer.GlobalStep));
    }

    /// <summary>Writes each mutant as <paramref name="name"/> and reads it.</summary>
    private static void Survive(string name, IEnumerable<(string What, byte[] Bytes)> mutants, Action<string> read)
    {
        using var dir = new TempDirectory();
        var failures = new List<string>();
        var path = dir.File(name);
        foreach (var (what, bytes) in mutants)
        {
            File.WriteAllBytes(path, bytes);
            Attempt(name, what, failures, () => read(path));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} corrupted {name} files broke the reader:\n{string.Join("\n", failures)}");
    }

    private static void Attempt(string name, string what, List<string> failures, Action action)
    {
        try
        {
            action();
        }
        catch (TeleportDataException e)
        {
            if (e.Message.Contains('\n') || e.Message.Contains('\r'))
                failures.Add($"{what}: the message is not one line: {e.Message}");
        }
        catch (Exception e)
        {
            failures.Add($"{what}: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
