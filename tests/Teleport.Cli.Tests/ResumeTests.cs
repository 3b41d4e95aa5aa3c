using System.IO;
using System.Linq;
using Teleport.Training;

namespace Teleport.Cli.Tests;

public sealed class ResumeTests
{
    /// <summary>
    /// A run stopped mid-epoch (a checkpoint is written) and continued with --resume ends with the uninterrupted
    /// run's parameters and optimizer state, bit for bit, and the same record numbers.
    /// </summary>
    [Theory]
    [InlineData("13")]
    [InlineData("15")]
    public void ResumeAfterACheckpointGivesIdenticalFinalParameters(string stopAfter)
    {
        using var dir = new TempFolder();
        string[] Args(string name) => Small.Args("train", Small.Synthetic, Small.Teleports,
            ["--epochs", "2", "--optimizer", "adam", "--optimizer-state", "transport", "--shuffle", "--checkpoint", dir.File(name), "--out", dir.File(name + ".json")]);

        CliRun.Of(Args("whole")).Succeeded();

        var stopped = CliRun.Of([.. Args("parts"), "--stop-after-steps", stopAfter]);
        Assert.Equal(130, stopped.ExitCode);
        Assert.Contains("--resume", stopped.Error);
        Assert.False(File.Exists(dir.File("parts.json")));
        var resumed = CliRun.Of([.. Args("parts"), "--resume"]).Succeeded();
        Assert.Contains($"step {stopAfter}", resumed.Out);

        var whole = Checkpoints.FindLatest(dir.File("whole"))!;
        var parts = Checkpoints.FindLatest(dir.File("parts"))!;
        Assert.Equal(Path.GetFileName(whole)[^16..], Path.GetFileName(parts)[^16..]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, Checkpoints.ModelFileName)), File.ReadAllBytes(Path.Combine(parts, Checkpoints.ModelFileName)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, Checkpoints.OptimizerFileName)), File.ReadAllBytes(Path.Combine(parts, Checkpoints.OptimizerFileName)));

        var a = Teleport.Records.RunRecordJson.Read(dir.File("whole.json"));
        var b = Teleport.Records.RunRecordJson.Read(dir.File("parts.json"));
        Assert.Equal(a.Epochs.Select(e => e.TrainLoss), b.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(a.Epochs.Select(e => e.TestLoss), b.Epochs.Select(e => e.TestLoss));
        Assert.Equal(a.Teleports.Select(t => (t.Step, t.GradNormSquaredAfter)), b.Teleports.Select(t => (t.Step, t.GradNormSquaredAfter)));
        Assert.NotEmpty(a.Teleports);
    }

    [Fact]
    public void ResumeWithoutACheckpointStartsFromTheBeginning()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--checkpoint", dir.File("none"), "--resume"])).Succeeded();
        Assert.Contains("no checkpoint in", run.Out);
    }

    [Fact]
    public void ResumeRefusesCheckpointsWithoutLatestAndKeepsThem()
    {
        using var dir = new TempFolder();
        var checkpoint = dir.File("ck");
        string[] args = [.. Small.Args("train", Small.Synthetic), "--epochs", "2", "--checkpoint", checkpoint, "--checkpoint-every", "1"];
        CliRun.Of(args).Succeeded();
        var folders = Checkpoints.List(checkpoint);
        var newest = Path.GetFileName(Checkpoints.FindLatest(checkpoint))!;
        File.Delete(Path.Combine(checkpoint, Checkpoints.LatestFileName));

        var run = CliRun.Of([.. args, "--resume"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"teleport: ck: holds 2 checkpoint folders (newest {newest}) but no latest file naming the complete one to resume from; nothing was changed:"
            + $" write that folder's name into {Path.Combine(checkpoint, "latest")} to resume from it, or use another checkpoint folder",
            Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("starting from the beginning", run.Out);
        Assert.Equal(folders, Checkpoints.List(checkpoint));
    }
}
