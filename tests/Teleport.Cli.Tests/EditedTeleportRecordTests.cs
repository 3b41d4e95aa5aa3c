using System;
using System.IO;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// A run record's teleports and loss trace as <c>report</c> reads them. The bad-input sweep edited a teleporting run's
/// record — a teleport's loss NaN or −1, its ‖∇L‖² ∞, its trace NaN, its events removed while the epoch still counted 8,
/// the loss trace reversed — and report rendered each one (exit 0) with NaN, −1 and ∞ in report.md.
/// </summary>
public sealed class EditedTeleportRecordTests
{
    /// <summary>A teleporting run (seed 1, two epochs, teleports by epoch and every 7 steps, a look-ahead), to be edited.</summary>
    private static JsonNode Recorded(TempFolder dir)
    {
        var json = dir.File("run.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, Small.Teleports, ["--epochs", "2", "--seed", "1", "--out", json])).Succeeded();
        return JsonNode.Parse(File.ReadAllText(json))!;
    }

    /// <summary>Writes <paramref name="record"/> and runs report on it.</summary>
    private static CliRun Report(TempFolder dir, JsonNode record)
    {
        File.WriteAllText(dir.File("edited.json"), record.ToJsonString());
        return CliRun.Of("report", dir.File("edited.json"), "--out", dir.File("report"));
    }

    private static void AssertRefused(TempFolder dir, CliRun run, string expected)
    {
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("teleport: edited.json: " + expected, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Theory]
    [InlineData("loss_after", "\"NaN\"", "\"teleports[0].loss_after\" is NaN, not finite in a teleport that stopped \"completed\"")]
    [InlineData("loss_after", "-1", "\"teleports[0].loss_after\" is -1, below 0")]
    [InlineData("loss_before", "\"Infinity\"", "\"teleports[0].loss_before\" is Infinity, not finite in a teleport that stopped \"completed\"")]
    [InlineData("grad_norm_sq_after", "\"Infinity\"", "\"teleports[0].grad_norm_sq_after\" is Infinity, not finite in a teleport that stopped \"completed\"")]
    [InlineData("grad_norm_sq_before", "-0.5", "\"teleports[0].grad_norm_sq_before\" is -0.5, below 0")]
    [InlineData("seconds", "-1", "\"teleports[0].seconds\" is -1, not a time (finite and ≥ 0)")]
    [InlineData("grad_norm_sq_trace", "[\"NaN\", \"NaN\"]", "\"teleports[0].grad_norm_sq_trace[0]\" is NaN, not finite in a teleport that stopped \"completed\"")]
    [InlineData("grad_norm_sq_trace", "[0.5, \"Infinity\"]", "\"teleports[0].grad_norm_sq_trace[1]\" is Infinity, not finite in a teleport that stopped \"completed\"")]
    [InlineData("grad_norm_sq_trace", "[0.5, \"big\"]", "\"teleports[0].grad_norm_sq_trace[1]\" is \"big\", not a number")]
    public void ATeleportValueNoRunWritesIsRefusedNamingTheField(string field, string value, string expected)
    {
        using var dir = new TempFolder();
        var record = Recorded(dir);
        record["teleports"]![0]![field] = JsonNode.Parse(value);
        AssertRefused(dir, Report(dir, record), expected);
    }

    [Fact]
    public void TeleportEventsRemovedWhileTheEpochStillCountsThemAreRefused()
    {
        using var dir = new TempFolder();
        var record = Recorded(dir);
        var counted = (int)record["epochs"]![0]!["teleports"]!;
        Assert.True(counted > 0);
        // The sweep's edit: no events, and a summary that agrees with that.
        record["teleports"] = new JsonArray();
        record["summary"]!["teleports"] = 0;
        AssertRefused(dir, Report(dir, record), $"\"epochs[0].teleports\" is {counted}, but \"teleports\" holds 0 events of epoch 1: the teleport callback records an event for each teleport it counts");
    }

    [Fact]
    public void AKeptCountThatIsNotTheKeptEventsIsRefused()
    {
        using var dir = new TempFolder();
        var record = Recorded(dir);
        var kept = (int)record["epochs"]![0]!["teleports_kept"]!;
        var counted = (int)record["epochs"]![0]!["teleports"]!;
        Assert.True(kept < counted);
        record["epochs"]![0]!["teleports_kept"] = kept + 1;
        AssertRefused(dir, Report(dir, record), $"\"epochs[0].teleports_kept\" is {kept + 1}, but {kept} of the {counted} events of epoch 1 in \"teleports\" are kept");
    }

    [Fact]
    public void ATeleportOutsideItsEpochsStepsIsRefused()
    {
        using var dir = new TempFolder();
        var record = Recorded(dir);
        var steps = (long)record["epochs"]![0]!["steps"]!;
        Assert.Equal(1, (int)record["teleports"]![0]!["epoch"]!);
        record["teleports"]![0]!["step"] = steps;
        AssertRefused(dir, Report(dir, record), $"\"teleports[0].step\" is {steps}, but a teleport in epoch 1 comes after 0 to {steps - 1} optimizer steps (\"epochs[0].steps\" is {steps})");
    }

    [Fact]
    public void ATeleportOfAnEpochTheRecordDoesNotHoldIsRefused()
    {
        using var dir = new TempFolder();
        var record = Recorded(dir);
        var events = record["teleports"]!.AsArray();
        var last = events[^1]!;
        var epoch = record["epochs"]![(int)last["epoch"]! - 1]!;
        // Moved to a third epoch with its own epoch's counts lowered, so that only the missing epoch is wrong.
        epoch["teleports"] = (int)epoch["teleports"]! - 1;
        if ((bool)last["kept"]!) epoch["teleports_kept"] = (int)epoch["teleports_kept"]! - 1;
        last["epoch"] = 3;
        AssertRefused(dir, Report(dir, record), $"\"teleports[{events.Count - 1}].epoch\" is 3, but the record holds 2 epochs");
    }

    [Theory]
    [InlineData("grad_norm_sq_gain")]
    [InlineData("relative_loss_drift")]
    public void AGainOrDriftThatIsNotComputedFromTheEventIsRefused(string field)
    {
        // The report prints them beside the losses and ‖∇L‖² they are computed from: an edit on either side showed a row that disagreed.
        using var dir = new TempFolder();
        var record = Recorded(dir);
        var written = (double)record["teleports"]![0]![field]!;
        record["teleports"]![0]![field] = written * 2 + 1;
        AssertRefused(dir, Report(dir, record), $"\"teleports[0].{field}\" is ");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ALossTraceWhoseStepsDoNotIncreaseIsRefused(bool reversed)
    {
        using var dir = new TempFolder();
        var record = Recorded(dir);
        var trace = record["loss_trace"]!.AsArray();
        Assert.Equal(2, trace.Count);
        var first = (long)trace[0]!["step"]!;
        var second = (long)trace[1]!["step"]!;
        if (reversed)
        {
            var copy = JsonNode.Parse(trace.ToJsonString())!.AsArray();
            record["loss_trace"] = new JsonArray(copy[1]!.DeepClone(), copy[0]!.DeepClone());
        }
        else
        {
            trace[1]!["step"] = first;
        }
        var expected = reversed
            ? $"\"loss_trace[1].step\" is {first}, but \"loss_trace[0].step\" is {second}: a run closes its loss-trace windows in step order"
            : $"\"loss_trace[1].step\" is {first}, but \"loss_trace[0].step\" is {first}: a run closes its loss-trace windows in step order";
        AssertRefused(dir, Report(dir, record), expected);
    }

    [Fact]
    public void TheRecordAsWrittenAndTheWritersNaNGainRender()
    {
        using var dir = new TempFolder();
        var record = Recorded(dir);
        Report(dir, record).Succeeded();
        // At ‖∇L‖² = 0 before the ascent the writer's gain is NaN (a ratio over nothing): that is the writer's own value.
        record["teleports"]![0]!["grad_norm_sq_before"] = 0;
        record["teleports"]![0]!["grad_norm_sq_gain"] = "NaN";
        Directory.Delete(dir.File("report"), recursive: true);
        Report(dir, record).Succeeded();
    }
}
