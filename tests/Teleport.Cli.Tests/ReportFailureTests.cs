using System;
using System.IO;
using Teleport.Cli.Reports;
using Teleport.Data;

namespace Teleport.Cli.Tests;

public sealed class ReportFailureTests
{
    [Fact]
    public void AReportUnderAFileFailsBeforeTrainingWithOneLineAndLeavesNothing()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("blocker"), "not a folder");
        var target = Path.Combine(dir.File("blocker"), "sub", "report");
        var run = CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--report", target]));

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("teleport: ", line);
        Assert.Contains("is a file, not a folder", line);
        Assert.DoesNotContain("epoch 1/1", run.Out);
        Assert.Equal(["blocker"], ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void AValueNoPlotAxisCanHoldIsOneLineAndNoReport()
    {
        // An edited record's train loss of 1.7e308 stopped report with ScottPlot's autoscaler exception and a stack trace.
        using var dir = new TempFolder();
        var json = dir.File("run.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "2", "--out", json])).Succeeded();
        var record = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(json))!;
        record["epochs"]![1]!["train_loss"] = 1.7e308;
        record["summary"]!["final_train_loss"] = 1.7e308; // edited consistently, or the summary check refuses it first
        File.WriteAllText(dir.File("huge.json"), record.ToJsonString());

        var run = CliRun.Of("report", dir.File("huge.json"), "--out", dir.File("rep"));
        Assert.Equal(1, run.ExitCode);
        // The record's file is named (before: only the plot's title, as when train --report draws a live run).
        Assert.Equal("teleport: huge.json: the plot \"Train and test loss by epoch\" cannot be drawn: it holds a value of magnitude 1.7E+308, beyond the 1E+300 a plot axis can scale to; the report was not written", run.Error.Trim());
        Assert.Equal(["huge.json", "run.json"], ReportAssert.Names(dir.Path));
    }

    [Theory]
    [InlineData("", "empty.json: is empty")]
    [InlineData("{\"config\": {}, \"epochs\": [],}", "empty.json: is not valid JSON at byte 28 (line 1): a trailing comma")]
    public void AFileThatIsNotJsonIsSaidInPlainWords(string text, string expected)
    {
        // Before: System.Text.Json's "… when isFinalBlock is true …" and "… Change the reader options. LineNumber: 0 | BytePositionInLine: 28."
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("empty.json"), text);
        var report = CliRun.Of("report", dir.File("empty.json"), "--out", dir.File("r"));
        Assert.Equal(1, report.ExitCode);
        Assert.Equal("teleport: " + expected, report.Error.Trim());
        var merge = CliRun.Of("correlate", "--merge", dir.File("empty.json"), "--out", dir.File("merged.json"));
        Assert.Equal(1, merge.ExitCode);
        Assert.Equal("teleport: " + expected, merge.Error.Trim());
    }

    [Fact]
    public void TheRecordMayNotGoInsideTheReportFolder()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, ["--out", Path.Combine(dir.File("r"), "run.json"), "--report", dir.File("r")]));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is inside the --report folder", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void ReportCommandIntoAnUnwritableLocationFailsWithOneLine()
    {
        using var dir = new TempFolder();
        var json = dir.File("run.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--out", json])).Succeeded();
        File.WriteAllText(dir.File("blocker"), "");

        var run = CliRun.Of("report", json, "--out", Path.Combine(dir.File("blocker"), "report"));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["blocker", "run.json"], ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void AFolderWithOtherFilesIsNotReplaced()
    {
        using var dir = new TempFolder();
        var json = dir.File("run.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--out", json])).Succeeded();
        var precious = dir.File("precious");
        Directory.CreateDirectory(precious);
        File.WriteAllText(Path.Combine(precious, "notes.txt"), "mine");

        var run = CliRun.Of("report", json, "--out", precious);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a report's (notes.txt)", run.Error);
        Assert.Equal(["notes.txt"], ReportAssert.Names(precious));
    }

    [Fact]
    public void AReportOfAMissingOrInvalidRecordFailsWithOneLine()
    {
        using var dir = new TempFolder();
        var missing = CliRun.Of("report", dir.File("missing.json"), "--out", dir.File("r"));
        Assert.Equal(1, missing.ExitCode);
        File.WriteAllText(dir.File("bad.json"), "{ \"epochs\": 3 }");
        var bad = CliRun.Of("report", dir.File("bad.json"), "--out", dir.File("r"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["bad.json"], ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void AWriteThatFailsHalfWayLeavesTheEarlierReportAndNoStagingFolder()
    {
        using var dir = new TempFolder();
        var folder = Path.Combine(dir.Path, "new", "deeper", "report");
        Assert.Throws<InvalidOperationException>(() => ReportFolder.Publish(folder, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "report.md"), "half");
            throw new InvalidOperationException("renderer failed");
        }));
        Assert.Empty(ReportAssert.Names(dir.Path));

        var earlier = dir.File("earlier");
        ReportFolder.Publish(earlier, staging => File.WriteAllText(Path.Combine(staging, "report.md"), "first"));
        var e = Assert.Throws<TeleportDataException>(() => ReportFolder.Publish(earlier, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "report.md"), "second");
            throw new IOException("disk full");
        }));
        Assert.Contains("cannot write the report: disk full", e.Message);
        Assert.Equal("first", File.ReadAllText(Path.Combine(earlier, "report.md")));
        Assert.Equal(["earlier"], ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void AStagingFolderAKilledRunLeftIsRemovedAndOthersAreKept()
    {
        // The bad-input sweep: a second Ctrl+C while the report was written left .rep.<hex>.tmp/, never removed.
        using var dir = new TempFolder();
        var leftover = dir.File($".rep.{System.Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "loss-by-epoch.png"), "half");
        var otherReport = dir.File($".other.{System.Guid.NewGuid():N}.tmp");
        var notOurs = dir.File(".rep.notahexname.tmp");
        Directory.CreateDirectory(otherReport);
        Directory.CreateDirectory(notOurs);
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--report", dir.File("rep")])).Succeeded();
        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(otherReport));
        Assert.True(Directory.Exists(notOurs));
        Assert.True(File.Exists(dir.File("rep/report.md")));
    }

    [Fact]
    public void AReportWithANameNearTheLimitIsWrittenAndReplaced()
    {
        // Its staging and set-aside folders add 38 bytes to the name: they fall back to short names.
        using var dir = new TempFolder();
        var report = dir.File(new string('r', 230));
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--report", report])).Succeeded();
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--report", report])).Succeeded();
        Assert.True(File.Exists(Path.Combine(report, "report.md")));
        Assert.Equal([report], Directory.GetFileSystemEntries(dir.Path));
    }
}
