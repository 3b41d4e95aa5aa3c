using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>
/// Issue 14, "input data is destroyed": an output may never be a file the command reads, nor another output, nor
/// lie inside a folder an output owns; all of it is checked before training, and the data stay byte for byte.
/// </summary>
public sealed class OutputPathTests
{
    private static (TempFolder Dir, string Data, string Before) Cifar()
    {
        var dir = new TempFolder();
        var data = TestData.WriteCifar(dir.File("cifar"), perFile: 2);
        return (dir, data, TestData.Snapshot(data));
    }

    private static string[] Train(string data, params string[] more) =>
        ["train", "--dataset", "cifar10", "--data", data, "--model", "cifar-mlp", "--epochs", "1", "--batch-size", "2", .. more];

    [Theory]
    [InlineData("--out")]
    [InlineData("--save-model")]
    public void AnOutputNamingADataFileIsRefusedAndTheFileKept(string option)
    {
        var (dir, data, before) = Cifar();
        using var _ = dir;
        var target = Path.Combine(data, "test_batch.bin");
        var run = CliRun.Of(Train(data, option, target));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: {option} {target} is also a file --data reads ({target}): the command would overwrite a file it reads; write it elsewhere.",
            Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(before, TestData.Snapshot(data));
        Assert.DoesNotContain("epoch", run.Out);
    }

    [Theory]
    [InlineData("train", "--out")]
    [InlineData("train", "--save-model")]
    [InlineData("compare", "--out")]
    [InlineData("meta-train", "--out")]
    [InlineData("meta-train", "--curve")]
    [InlineData("bench", "--out")]
    public void AFileOptionEndingInASlashIsAUsageErrorBeforeAnyWork(string command, string option)
    {
        // `--out run.json/` ran the whole command, then failed in .NET's words ("Could not find a part of the path") and
        // left an empty folder run.json behind.
        using var dir = new TempFolder();
        var target = dir.File("result") + "/";
        string[] args = command switch
        {
            "train" or "compare" => [command, "--dataset", "synthetic", "--epochs", "1"],
            "meta-train" => [command, "--variant", "lr", "--train-tasks", "1", "--steps", "1", .. option == "--out" ? System.Array.Empty<string>() : ["--out", dir.File("m.safetensors")]],
            _ => [command, "--filter", "784-16-10-10 b20 Sgd", "--warmup", "0", "--repeats", "1"],
        };
        var run = CliRun.Of([.. args, option, target]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"teleport: {option}: \"{target}\" ends in /, so it names a folder; a file is needed here (drop the /)", run.Error.Trim(), System.StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir.File("result")));
        Assert.DoesNotContain("epoch", run.Out, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ADataFileReachedThroughASymbolicLinkIsStillADataFile()
    {
        var (dir, data, before) = Cifar();
        using var _ = dir;
        var link = dir.File("link.bin");
        File.CreateSymbolicLink(link, Path.Combine(data, "data_batch_3.bin"));
        var run = CliRun.Of(Train(data, "--out", link));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the command would overwrite a file it reads", run.Error);
        Assert.Equal(before, TestData.Snapshot(data));
    }

    [Fact]
    public void SaveModelEqualToOutIsRefused()
    {
        var (dir, data, _) = Cifar();
        using var __ = dir;
        var path = dir.File("run.json");
        var run = CliRun.Of(Train(data, "--out", path, "--save-model", path));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--out {path} is also --save-model {path}: each output needs its own file", run.Error);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("--report")]
    [InlineData("--checkpoint")]
    public void AFolderOutputHoldingTheDataIsRefused(string option)
    {
        var (dir, data, before) = Cifar();
        using var _ = dir;
        var run = CliRun.Of(Train(data, option, dir.Path));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option} {dir.Path} holds a file --data reads", run.Error);
        Assert.Equal(before, TestData.Snapshot(data));
    }

    [Fact]
    public void AnOutputInsideTheCheckpointFolderIsRefused()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--checkpoint", dir.File("ckpt"), "--out", Path.Combine(dir.File("ckpt"), "latest")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is inside the --checkpoint folder", run.Error);
    }

    [Fact]
    public void TheReportCommandRefusesAFolderHoldingItsRecord()
    {
        using var dir = new TempFolder();
        var record = dir.File("run.json");
        CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--out", record]).Succeeded();
        var run = CliRun.Of("report", record, "--out", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--out {dir.Path} holds the record file it reads", run.Error);
        Assert.True(File.Exists(record));
    }

    [Fact]
    public void BenchRefusesToWriteOverItsPyTorchFile()
    {
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        File.WriteAllText(torch, """{ "cases": { "threads_1": {} } }""");
        var run = CliRun.Of("bench", "--filter", "none", "--torch", torch, "--out", torch);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error);
        Assert.Equal("""{ "cases": { "threads_1": {} } }""", File.ReadAllText(torch));
    }

    [Fact]
    public void ACorruptPyTorchFileIsADataErrorNotACrash()
    {
        using var dir = new TempFolder();
        var torch = dir.File("torch.json");
        foreach (var text in new[] { "{", "[]", """{"cases": 3}""", """{"cases": {"threads_1": {"x": {"median_s": "fast"}}}}""", """{"cases": {"threads_1": {"x": {"median_s": -1}}}}""" })
        {
            File.WriteAllText(torch, text);
            var run = CliRun.Of("bench", "--filter", "none", "--torch", torch);
            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("teleport: torch.json: ", line);
            // The records' plain words, not System.Text.Json's ("Expected depth to be zero", "LineNumber: 0 | BytePositionInLine").
            Assert.DoesNotContain("LineNumber", line);
        }
        File.WriteAllText(torch, "{");
        Assert.Equal("teleport: torch.json: is not valid JSON at byte 1 (line 1): it ends inside a value (cut short?)",
            CliRun.Of("bench", "--filter", "none", "--torch", torch).Error.Trim());
    }
}
