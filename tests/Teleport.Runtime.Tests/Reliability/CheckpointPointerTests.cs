using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// A resume reads <c>latest</c> to find its checkpoint. When <c>latest</c> is missing beside checkpoint folders, is not a
/// file, or the checkpoint's callback state cannot be read, the resume refuses with a message naming the file — it
/// never starts over (a fresh run would prune the checkpoints) and never leaves a .NET message unexplained.
/// </summary>
public sealed class CheckpointPointerTests
{
    private static readonly TeleportTrainingOptions Teleporting = new()
    {
        Schedule = new TeleportSchedule { Epochs = [1], CountPerEpoch = 2 },
        BatchSize = 50,
    };

    private static Trainer NewTrainer(string directory) => TeleportTestSetup.Trainer(
        TeleportTestSetup.Model(), TeleportTestSetup.Optimizer(OptimizerKind.Sgd), Teleporting, TeleportTestSetup.Options(1, checkpoints: directory)).Trainer;

    private static string Checkpointed(TempDirectory dir)
    {
        Assert.Equal(TrainingStatus.Completed, NewTrainer(dir.Path).Run());
        return dir.Path;
    }

    [Fact]
    public void CheckpointFoldersWithoutLatestAreRefusedAndKept()
    {
        using var dir = new TempDirectory();
        var folders = Checkpoints.List(Checkpointed(dir));
        Assert.Equal(2, folders.Count);
        File.Delete(dir.File(Checkpoints.LatestFileName));

        var trainer = NewTrainer(dir.Path);
        var e = Assert.Throws<TeleportDataException>(() => trainer.TryResume());
        Assert.Equal($"{Path.GetFileName(dir.Path)}: holds 2 checkpoint folders (newest {Path.GetFileName(folders[^1])}) but no latest file naming the complete one"
            + $" to resume from; nothing was changed: write that folder's name into {dir.File("latest")} to resume from it, or use another checkpoint folder", e.Message);
        Assert.Equal(folders, Checkpoints.List(dir.Path));
        Assert.Equal(0, trainer.GlobalStep);
    }

    [Fact]
    public void ALatestFileLargerThanANameIsRefusedUnread()
    {
        // A 2 GB latest ended the tool in "Out of memory." (exit 134); a smaller one went whole into the message.
        using var dir = new TempDirectory();
        Checkpointed(dir);
        using (var latest = File.Open(dir.File(Checkpoints.LatestFileName), FileMode.Truncate)) latest.SetLength(1 << 20);
        var e = Assert.Throws<TeleportDataException>(() => Checkpoints.FindLatest(dir.Path));
        Assert.Equal($"latest: in {dir.Path} holds 1048576 bytes, more than the 1024 of a line naming a checkpoint folder: not the file naming its newest checkpoint", e.Message);
    }

    [Fact]
    public void AFileNamedLikeACheckpointIsSteppedOverNotCollidedWith()
    {
        // The first checkpoint's folder was renamed onto the file after an epoch of training, and the run failed in .NET's
        // words ("Cannot create … because a file or directory with the same name already exists").
        using var dir = new TempDirectory();
        var stray = dir.Write("checkpoint-000001-step-000000000010", [1]);
        var folder = Checkpoints.Commit(dir.Path, step: 10, keep: 2, d => File.WriteAllText(Path.Combine(d, Checkpoints.StateFileName), "{}"));
        Assert.Equal(dir.File("checkpoint-000002-step-000000000010"), folder);
        Assert.Equal([1], File.ReadAllBytes(stray));
        Assert.Equal([folder], Checkpoints.List(dir.Path));
        Assert.Equal(folder, Checkpoints.FindLatest(dir.Path));
    }

    [Fact]
    public void AFolderWithoutCheckpointsStartsOver()
    {
        using var dir = new TempDirectory();
        dir.Write("notes.txt", [1]);
        Assert.False(NewTrainer(dir.Path).TryResume());
    }

    [Fact]
    public void ALatestThatIsAFolderIsNamed()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File(Checkpoints.LatestFileName));
        var e = Assert.Throws<TeleportDataException>(() => NewTrainer(dir.Path).TryResume());
        Assert.Equal($"latest: is a folder in {dir.Path}, not the file naming its newest checkpoint", e.Message);
    }

    [Fact]
    public async Task ALatestThatIsAFifoIsRefusedUnread()
    {
        if (!OperatingSystem.IsLinux()) return; // FIFOs are told apart on Linux only
        using var dir = new TempDirectory();
        var fifo = SpecialFiles.Fifo(dir.File(Checkpoints.LatestFileName));
        // Reading it would wait for a writer for ever: past a bound, the test writes nothing into it to free the reader, and fails.
        var find = Task.Run(() => Checkpoints.FindLatest(dir.Path));
        if (!SpinWait.SpinUntil(() => find.IsCompleted, TimeSpan.FromSeconds(30)))
        {
            using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail("FindLatest waited on the FIFO");
        }
        var e = await Assert.ThrowsAsync<TeleportDataException>(() => find);
        Assert.Equal($"latest: is a FIFO (named pipe) in {dir.Path}, not the file naming its newest checkpoint", e.Message);
    }

    [Fact]
    public void ACallbackStateItCannotReadIsAnErrorOfTrainerJson()
    {
        using var dir = new TempDirectory();
        var state = Path.Combine(Checkpoints.FindLatest(Checkpointed(dir))!, Checkpoints.StateFileName);
        var json = JsonNode.Parse(File.ReadAllText(state))!;
        var bytes = Convert.FromBase64String(json["callbacks"]!["teleport"]!.GetValue<string>());
        BitConverter.TryWriteBytes(bytes, -1);
        json["callbacks"]!["teleport"] = Convert.ToBase64String(bytes);
        File.WriteAllText(state, json.ToJsonString());
        CheckpointSumsFile.Reseal(Path.GetDirectoryName(state)!); // resealed: the check under test is the callback's, not SHA256SUMS's

        var trainer = NewTrainer(dir.Path);
        var e = Assert.Throws<TeleportDataException>(() => trainer.TryResume());
        Assert.Equal("trainer.json: the state of the callback \"teleport\" cannot be restored (state version -1, expected 1 or 2)", e.Message);
        Assert.Equal(state, e.FilePath);
        Assert.Equal(0, trainer.GlobalStep);
    }
}
