using System;
using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>correlate</c> and <c>generalize</c> stop at a run whose training diverged — naming the run, its seed, the arm and
/// where, like <c>train</c> — with exit code 3 and nothing written, rather than tables of NaN or of broken weights.
/// </summary>
public sealed class StudyDivergenceTests
{
    private const string Where = @"the (training loss|gradient) became (NaN|\+∞|−∞) at epoch 1, batch \d+ \(after \d+ steps?\)";

    [Theory]
    [InlineData("1e30")]
    [InlineData("99999999999")] // the trainer stops at a +∞ gradient after one step whose losses are ~1e29: those weights were measured
    public void CorrelateStopsAtTheFirstDivergedRunNamingItsSeed(string lr)
    {
        using var dir = new TempFolder();
        var run = CliRun.Of("correlate", "--dataset", "synthetic", "--limit-train", "300", "--limit-test", "100", "--runs", "3", "--epochs", "1",
            "--hessian-samples", "50", "--sharpness-batches", "1", "--bootstrap", "5", "--lr", lr, "--out", dir.File("o.json"));
        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^teleport: training diverged in run 1 of 3 \(seed 54321\): {Where} with sgd lr 1E\+(30|11) \(try a lower --lr\); nothing was written$", line);
        Assert.DoesNotContain("run 1/3", run.Out, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void GeneralizeStopsAtTheFirstDivergedArmNamingTheSeedAndTheArm()
    {
        using var dir = new TempFolder();
        string[] small = ["generalize", "--dataset", "synthetic", "--limit-train", "200", "--limit-test", "20", "--seeds", "2", "--epochs", "2",
            "--teleport-batch", "20", "--sharpness-directions", "1", "--lr", "1e30", "--out", dir.File("g.json"), "--report", dir.File("report")];
        var run = CliRun.Of([.. small, "--teleport-epoch", "1"]);
        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^teleport: training diverged in seed 1 of 2 \(seed 54321, the baseline before the teleports\): {Where} with sgd lr 1E\+30 \(try a lower --lr\); nothing was written$", line);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));

        // No baseline epoch: the first arm (the control) diverges.
        run = CliRun.Of([.. small, "--teleport-epoch", "0"]);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("training diverged in seed 1 of 2 (seed 54321, the control arm): ", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
