using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Runtime.Tests.Training;
using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// A checkpoint's SHA256SUMS covers trainer.json, which <c>files_sha256</c> (inside it) cannot: an edit to trainer.json
/// that every other check accepts — a loss in the history, a valid time — resumed silently into another run. The
/// checkpoint: step 7 of an Adam run (<see cref="CorruptFileTests.MidRunCheckpoint"/>), whose SHA256SUMS lines are
/// model.safetensors, optimizer.safetensors, trainer.json.
/// </summary>
public sealed class CheckpointSumsTests
{
    [Fact]
    public void TheSumsFileHoldsTheSha256OfEveryOtherFileInSha256sumsFormat()
    {
        using var dir = new TempDirectory();
        var (_, _, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        Assert.Equal([Checkpoints.ModelFileName, Checkpoints.OptimizerFileName, Checkpoints.StateFileName],
            Directory.GetFiles(latest).Select(Path.GetFileName).Where(name => name != Checkpoints.SumsFileName).Order(StringComparer.Ordinal));
        Assert.Equal(CheckpointSumsFile.Expected(latest), File.ReadAllText(Path.Combine(latest, Checkpoints.SumsFileName)));
    }

    [Theory]
    [InlineData("train_loss")]
    [InlineData("test_accuracy")]
    [InlineData("wall_seconds")]
    public void AnEditToTrainerJsonThatEveryOtherCheckAcceptsIsRefusedNamingIt(string edit)
    {
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var recorded = Line(latest, 3)[..12];
        EditState(latest, json =>
        {
            var epoch = json["epochs"]![0]!;
            switch (edit)
            {
                case "train_loss": epoch["train_loss"] = (double)epoch["train_loss"]! * 1.5; break;
                case "test_accuracy": epoch["test_accuracy"] = (double)epoch["test_accuracy"]! == 0.5 ? 0.25 : 0.5; break;
                case "wall_seconds": json["position"]!["wall_seconds"] = 1000.5; break;
            }
        });
        var state = Path.Combine(latest, Checkpoints.StateFileName);
        var e = Assert.Throws<TeleportDataException>(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        Assert.Equal(state, e.FilePath);
        Assert.Equal($"trainer.json: has SHA-256 {Sha256(state)[..12]}…, but SHA256SUMS beside it records {recorded}… for it (line 3): "
            + $"the file was edited or corrupted after {Path.GetFileName(latest)} was written; restore it, or resume from another checkpoint", e.Message);

        // Every other check accepts the edit: resealed, as a user may do on purpose, it resumes.
        CheckpointSumsFile.Reseal(latest);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    [Fact]
    public void AnEditedLossWouldOtherwiseGoIntoTheResumedHistory()
    {
        // Why the check matters: resealed (the only difference), the edited loss is the resumed run's epoch 1.
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var edited = 0.0;
        EditState(latest, json => json["epochs"]![0]!["train_loss"] = edited = (double)json["epochs"]![0]!["train_loss"]! * 1.5);
        Assert.Throws<TeleportDataException>(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        CheckpointSumsFile.Reseal(latest);
        var trainer = CorruptFileTests.NewTrainer(data, options);
        Assert.True(trainer.TryResume());
        Assert.Equal(edited, trainer.History.Epochs[0].TrainLoss);
    }

    [Fact]
    public void ACheckpointOfVersionThreeWithoutTheSumsFileStillResumesBitIdentically()
    {
        // Version 3 checkpoints were written before SHA256SUMS (they are on users' disks); they resume unchecked.
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var sums = Path.Combine(latest, Checkpoints.SumsFileName);
        Assert.True(File.Exists(sums));
        File.Delete(sums);
        EditState(latest, json =>
        {
            Assert.Equal(4, (int)json["version"]!);
            json["version"] = 3;
        });
        var resumed = CorruptFileTests.NewTrainer(data, options);
        Assert.True(resumed.TryResume());
        Assert.Equal(TrainingStatus.Completed, resumed.Run());
        var whole = CorruptFileTests.NewTrainer(data, options with { CheckpointDirectory = null });
        Assert.Equal(TrainingStatus.Completed, whole.Run());
        TrainingTestData.AssertSameNumbers(whole.History, resumed.History);
        Assert.True(TrainingTestData.BitEqual(whole.Model.Parameters, resumed.Model.Parameters));
    }

    [Fact]
    public void ASumsFileBesideAnOlderCheckpointIsCheckedToo()
    {
        // No run wrote it, but one that is there says what the files were: it is never ignored.
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        EditState(latest, json => json["version"] = 3);
        CheckpointSumsFile.Reseal(latest);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
        EditState(latest, json => json["position"]!["wall_seconds"] = 1000.5);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.StateFileName, "the file was edited or corrupted after");
    }

    [Fact]
    public void AVersionFourCheckpointWithoutItsSumsFileIsRefused()
    {
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var sums = Path.Combine(latest, Checkpoints.SumsFileName);
        File.Delete(sums);
        var e = Assert.Throws<TeleportDataException>(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        Assert.Equal(sums, e.FilePath);
        Assert.Equal("SHA256SUMS: is missing, but its trainer.json is version 4, and every checkpoint of that version holds the SHA-256 of each of its files there: "
            + "without it an edit to trainer.json could not be found (deleted, or the folder copied without it?)", e.Message);
    }

    [Theory]
    [InlineData("bad_hex", "SHA256SUMS: line 2 \"g", "is not \"<SHA-256 as 64 lower-case hexadecimal digits>  <file name>\" (sha256sum's format)")]
    [InlineData("upper_hex", "SHA256SUMS: line 1 \"", "is not \"<SHA-256 as 64 lower-case hexadecimal digits>  <file name>\"")]
    [InlineData("short_hex", "SHA256SUMS: line 1 \"", "is not \"<SHA-256 as 64 lower-case hexadecimal digits>  <file name>\"")]
    [InlineData("one_space", "SHA256SUMS: line 3 \"", "is not \"<SHA-256 as 64 lower-case hexadecimal digits>  <file name>\"")]
    [InlineData("blank_line", "SHA256SUMS: line 2 \"\" is not", "(sha256sum's format)")]
    [InlineData("unknown_file", "SHA256SUMS: line 3 names \"notes.txt\", which is not a file of a checkpoint (model.safetensors, optimizer.safetensors, trainer.json)", "")]
    [InlineData("duplicate", "SHA256SUMS: line 3 names model.safetensors again (line 1 did)", "")]
    [InlineData("missing_line", "SHA256SUMS: has no line for optimizer.safetensors: every checkpoint records the SHA-256 of each of its files there", "")]
    [InlineData("empty", "SHA256SUMS: has no line for model.safetensors", "")]
    [InlineData("oversized", "SHA256SUMS: is 5000 bytes, but a checkpoint's SHA256SUMS is 3 lines of about 90 bytes", "")]
    [InlineData("wrong_digest", "model.safetensors: has SHA-256 ", "but SHA256SUMS beside it records {line 2}… for it (line 1): the file was edited or corrupted")]
    public void AMalformedSumsFileIsRefusedNamingTheLine(string edit, string start, string contains)
    {
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var lines = File.ReadAllLines(Path.Combine(latest, Checkpoints.SumsFileName));
        string Name(int i) => lines[i][66..];
        string[] edited = edit switch
        {
            "bad_hex" => [lines[0], "g" + lines[1][1..], lines[2]],
            "upper_hex" => [lines[0][..64].ToUpperInvariant() + lines[0][64..], lines[1], lines[2]],
            "short_hex" => [lines[0][1..], lines[1], lines[2]],
            "one_space" => [lines[0], lines[1], lines[2][..64] + " " + Name(2)],
            "blank_line" => [lines[0], "", lines[1], lines[2]],
            "unknown_file" => [lines[0], lines[1], lines[2][..66] + "notes.txt"],
            "duplicate" => [lines[0], lines[1], lines[0]],
            "missing_line" => [lines[0], lines[2]],
            "empty" => [],
            "oversized" => [lines[0], lines[1], lines[2], new string('#', 5000 - lines.Sum(line => line.Length + 1) - 1)],
            // optimizer.safetensors' digest: well formed, but not the model's.
            "wrong_digest" => [lines[1][..64] + "  " + Name(0), lines[1], lines[2]],
            _ => throw new ArgumentException(edit),
        };
        File.WriteAllText(Path.Combine(latest, Checkpoints.SumsFileName), string.Concat(edited.Select(line => line + "\n")));
        var e = Assert.Throws<TeleportDataException>(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        Assert.StartsWith(start, e.Message, StringComparison.Ordinal);
        Assert.Contains(contains.Replace("{line 2}", lines[1][..12], StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binary_mark")]
    [InlineData("no_final_line_break")]
    public void TheSumsFileIsReadAsSha256sumWritesIt(string form)
    {
        // sha256sum -b marks each name with '*'; an editor may drop the final line break. Both are read, and still checked.
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var path = Path.Combine(latest, Checkpoints.SumsFileName);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, form == "binary_mark" ? text.Replace("  ", " *", StringComparison.Ordinal) : text.TrimEnd('\n'));
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
        EditState(latest, json => json["position"]!["wall_seconds"] = 1000.5);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.StateFileName, "(line 3): the file was edited or corrupted after");
    }

    [Fact]
    public void ASumsFileThatIsAFolderIsNamed()
    {
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var sums = Path.Combine(latest, Checkpoints.SumsFileName);
        File.Delete(sums);
        Directory.CreateDirectory(sums);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.SumsFileName, "is a folder, not the file of the SHA-256 of the checkpoint's files");
    }

    [Fact]
    public async Task ASumsFileThatIsAFifoIsRefusedUnread()
    {
        if (!OperatingSystem.IsLinux()) return; // FIFOs are told apart on Linux only
        using var dir = new TempDirectory();
        var (data, options, latest) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence: true);
        var sums = Path.Combine(latest, Checkpoints.SumsFileName);
        File.Delete(sums);
        SpecialFiles.Fifo(sums);
        // Reading it would wait for a writer for ever: past a bound, the test writes nothing into it to free the reader, and fails.
        var resume = Task.Run(() => CorruptFileTests.NewTrainer(data, options).TryResume());
        if (!SpinWait.SpinUntil(() => resume.IsCompleted, TimeSpan.FromSeconds(30)))
        {
            using (new FileStream(sums, FileMode.Open, FileAccess.Write)) { }
            Assert.Fail("the resume waited on the FIFO");
        }
        var e = await Assert.ThrowsAsync<TeleportDataException>(() => resume);
        Assert.Equal("SHA256SUMS: is a FIFO (named pipe), not the file of the SHA-256 of the checkpoint's files", e.Message);
    }

    private static string Line(string checkpoint, int number) => File.ReadAllLines(Path.Combine(checkpoint, Checkpoints.SumsFileName))[number - 1];

    private static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>Applies <paramref name="edit"/> to the checkpoint's trainer.json, leaving SHA256SUMS as it is.</summary>
    private static void EditState(string checkpoint, Action<JsonNode> edit)
    {
        var path = Path.Combine(checkpoint, Checkpoints.StateFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
