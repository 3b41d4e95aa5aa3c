using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Teleport.Cli.Tests;

public sealed class ReportCommandTests
{
    private static readonly string[] Compare = ["--optimizer", "adagrad", "--epochs", "2", "--teleport-epochs", "1", "--teleport-count", "3", "--teleport-batch", "60", "--optimizer-state", "reset", "--symmetries", "all"];

    [Fact]
    public void CompareReportHasTheMarkdownAndFourPlotsWithTheRecordsNumbers()
    {
        using var dir = new TempFolder();
        var json = dir.File("compare.json");
        var report = dir.File("report");
        var run = CliRun.Of(Small.Args("compare", Small.Synthetic, Compare, ["--out", json, "--report", report])).Succeeded();

        Assert.Equal(["loss-by-epoch.png", "loss-by-time.png", "report.md", "teleport-grad-norm.png", "teleport-loss-drift.png"], ReportAssert.Names(report));
        foreach (var plot in ReportAssert.Plots) ReportAssert.IsPlot(Path.Combine(report, plot));
        Assert.Contains($"wrote report {Path.Combine(report, "report.md")} and 4 plots", run.Out);

        var markdown = File.ReadAllText(Path.Combine(report, "report.md"));
        var record = CliRun.Json(json);
        foreach (var arm in new[] { "baseline", "teleport", "control" })
        {
            var epochs = record.GetProperty(arm).GetProperty("epochs");
            var last = epochs[epochs.GetArrayLength() - 1];
            Assert.Contains($"| {arm} | {Loss(last.GetProperty("train_loss"))} | {Loss(last.GetProperty("test_loss"))} |", markdown);
            Assert.Contains($"### {arm}", markdown);
        }
        foreach (var key in new[] { "time_to_target_ratio", "control_time_to_target_ratio" })
        {
            var ratio = record.GetProperty(key);
            Assert.Contains(ratio.ValueKind == JsonValueKind.Number ? $"ratio **{ratio.GetDouble().ToString("F3", CultureInfo.InvariantCulture)}**" : "never reached", markdown);
        }
        Assert.Contains(Loss(record.GetProperty("target_train_loss")), markdown);
        foreach (var plot in ReportAssert.Plots) Assert.Contains($"![{plot}]({plot})", markdown);

        // The teleport table: one row per teleport, with its step and its ‖∇L‖² before.
        var teleports = record.GetProperty("teleport").GetProperty("teleports");
        Assert.Equal(3, teleports.GetArrayLength());
        var first = teleports[0];
        Assert.Contains($"| 1 | {first.GetProperty("step").GetInt64()} | 1 | epoch |", markdown);
        Assert.Contains(first.GetProperty("grad_norm_sq_before").GetDouble().ToString("G4", CultureInfo.InvariantCulture), markdown);
    }

    [Fact]
    public void ReportOfTheCompareFileReproducesTheSameMarkdown()
    {
        using var dir = new TempFolder();
        var json = dir.File("compare.json");
        var live = dir.File("live");
        CliRun.Of(Small.Args("compare", Small.Synthetic, Compare, ["--out", json, "--report", live])).Succeeded();

        var again = dir.File("again");
        var run = CliRun.Of("report", json, "--out", again).Succeeded();
        Assert.Equal(File.ReadAllText(Path.Combine(live, "report.md")), File.ReadAllText(Path.Combine(again, "report.md")));
        Assert.Equal(ReportAssert.Names(live), ReportAssert.Names(again));
        Assert.Equal("", run.Error);

        // Writing it again replaces the earlier report in place.
        CliRun.Of("report", json, "--out", again).Succeeded();
        Assert.Equal(ReportAssert.Names(live), ReportAssert.Names(again));
        Assert.Equal(["again", "compare.json", "live"], ReportAssert.Names(dir.Path));
    }

    [Fact]
    public void ARunWithoutTeleportsHasNoTeleportPlotsAndSaysSo()
    {
        using var dir = new TempFolder();
        var report = dir.File("plain");
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "2", "--report", report])).Succeeded();

        Assert.Equal(["loss-by-epoch.png", "loss-by-time.png", "report.md"], ReportAssert.Names(report));
        ReportAssert.IsPlot(Path.Combine(report, "loss-by-epoch.png"));
        ReportAssert.IsPlot(Path.Combine(report, "loss-by-time.png"));
        var markdown = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains("No teleports in this record: the ‖∇L‖² ascent plot and the loss-drift plot are left out.", markdown);
        Assert.Contains("A single run has no time-to-target ratio", markdown);
        Assert.DoesNotContain("teleport-grad-norm.png", markdown);
        Assert.Contains("and 2 plots", run.Out);
    }

    [Fact]
    public void ATrainReportWithTeleportsHasAllFourPlots()
    {
        using var dir = new TempFolder();
        var json = dir.File("run.json");
        var report = dir.File("run-report");
        CliRun.Of(Small.Args("train", Small.Synthetic, Small.Teleports, ["--epochs", "2", "--out", json, "--report", report])).Succeeded();
        foreach (var plot in ReportAssert.Plots) ReportAssert.IsPlot(Path.Combine(report, plot));
        var markdown = File.ReadAllText(Path.Combine(report, "report.md"));
        var summary = CliRun.Json(json).GetProperty("summary");
        Assert.Contains($"| {Loss(summary.GetProperty("final_train_loss"))} |", markdown);
        Assert.Contains($"{summary.GetProperty("teleports").GetInt32()} teleports", markdown);
    }

    private static string Loss(JsonElement value) => value.GetDouble().ToString("F5", CultureInfo.InvariantCulture);

    [Fact]
    public void CountsOfOneAndABatchLargerThanTheSetAreSaidAsTheRunRan()
    {
        // The sweep: "every 1 steps", "1 log-ascent steps", "look-ahead 1 steps" in the headline, and in report.md "1 epochs",
        // "up to 1 steps" and "on a batch of 200 samples" for teleports that held all 100 training samples.
        using var dir = new TempFolder();
        var record = dir.File("run.json");
        var train = CliRun.Of("train", "--dataset", "synthetic", "--limit-train", "100", "--limit-test", "20", "--epochs", "1", "--teleport-every", "1",
            "--teleport-lookahead", "1", "--teleport-steps", "1", "--teleport-max", "1", "--out", record).Succeeded();
        Assert.Contains("teleport: every 1 step, at most 1; 1 log-ascent step of η 0.05 on all 100 training samples (--teleport-batch 200 is more than the set), exact symmetries, no cap, optimizer state transport, look-ahead 1 step\n",
            train.Out.ReplaceLineEndings("\n"));
        CliRun.Of("report", record, "--out", dir.File("report")).Succeeded();
        var markdown = File.ReadAllText(Path.Combine(dir.File("report"), "report.md"));
        Assert.Contains("Teleports: every 1 step; at most 1; each takes up to 1 step of group ascent on log ‖∇L‖² with η 0.05 on all 100 training samples (its teleport_batch, 200, is more than the set), exact symmetries, optimizer state transport, look-ahead 1 step.", markdown);
    }
}
