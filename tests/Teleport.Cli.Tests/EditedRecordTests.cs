using System;
using System.IO;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// Records whose fields contradict each other: the bad-input sweep edited a compare record's time-to-target fields and
/// a run's epochs, and report rendered each one (exit 0) as a report that said two different things.
/// </summary>
public sealed class EditedRecordTests
{
    /// <summary>A compare record with its time-to-target fields set as given (null: JSON null).</summary>
    private static string Compare(TempFolder dir, double? baseline, double? seconds, double? ratio, string prefix = "")
    {
        var json = dir.File("compare.json");
        CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--control", "--out", json])).Succeeded();
        var record = JsonNode.Parse(File.ReadAllText(json))!;
        // Both arms consistent first, so that only the arm under test is edited.
        foreach (var arm in new[] { "", "control_" })
        {
            record["time_to_target_seconds".Insert(0, arm)] = 2.0;
            record["time_to_target_ratio".Insert(0, arm)] = 0.5;
        }
        record["baseline_seconds"] = 4.0;
        if (prefix.Length == 0) record["baseline_seconds"] = baseline;
        // The teleport arm's edit goes to the control arm too (it shares baseline_seconds); the teleport arm is checked first.
        foreach (var arm in prefix.Length == 0 ? new[] { "", "control_" } : [prefix])
        {
            record[arm + "time_to_target_seconds"] = seconds;
            record[arm + "time_to_target_ratio"] = ratio;
        }
        var edited = dir.File("cc.json");
        File.WriteAllText(edited, record.ToJsonString());
        return edited;
    }

    [Theory]
    [InlineData("", "\"time_to_target_ratio\" is 0.25, but \"time_to_target_seconds\" / \"baseline_seconds\" is 2 / 4 = 0.5")]
    [InlineData("control_", "\"control_time_to_target_ratio\" is 0.25, but \"control_time_to_target_seconds\" / \"baseline_seconds\" is 2 / 4 = 0.5")]
    public void ARatioThatIsNotTheQuotientIsRefused(string prefix, string expected)
    {
        using var dir = new TempFolder();
        var run = CliRun.Of("report", Compare(dir, 4, 2, 0.25, prefix), "--out", dir.File("rep"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("teleport: cc.json: " + expected + ": compare writes the ratio", run.Error.Trim());
        Assert.False(Directory.Exists(dir.File("rep")));
    }

    [Theory]
    [InlineData(0.0, 2.0, 0.5, "\"time_to_target_ratio\" is 0.5, but \"baseline_seconds\" is 0, and a ratio over no baseline time does not exist")]
    [InlineData(4.0, null, 0.5, "\"time_to_target_ratio\" is 0.5, but \"time_to_target_seconds\" is null (the target was never reached), and then there is no ratio")]
    [InlineData(4.0, 2.0, null, "\"time_to_target_ratio\" is null, but \"time_to_target_seconds\" is 2 and \"baseline_seconds\" 4: compare writes their quotient")]
    public void TimeToTargetFieldsThatContradictEachOtherAreRefused(double? baseline, double? seconds, double? ratio, string expected)
    {
        using var dir = new TempFolder();
        var run = CliRun.Of("report", Compare(dir, baseline, seconds, ratio), "--out", dir.File("rep"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("teleport: cc.json: " + expected, run.Error.Trim());
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ConsistentTimeToTargetFieldsAndTheWritersOwnCasesRender()
    {
        using var dir = new TempFolder();
        CliRun.Of("report", Compare(dir, 4, 2, 0.5), "--out", dir.File("a")).Succeeded();
        // Never reached: no time, no ratio; a baseline of 0 s: a time but no ratio (TimeToTarget.Compute writes both).
        CliRun.Of("report", Compare(dir, 4, null, null), "--out", dir.File("b")).Succeeded();
        CliRun.Of("report", Compare(dir, 0, 2, null), "--out", dir.File("c")).Succeeded();
    }

    [Theory]
    [InlineData("final_train_loss", 0.5)]
    [InlineData("steps", 10.0)]
    public void ASummaryWithFinalValuesAndNoEpochIsRefused(string key, double value)
    {
        using var dir = new TempFolder();
        var json = dir.File("run.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--out", json])).Succeeded();
        var record = JsonNode.Parse(File.ReadAllText(json))!;
        record["epochs"] = new JsonArray();
        record["loss_trace"] = new JsonArray();
        record["teleports"] = new JsonArray();
        record["summary"] = new JsonObject { ["teleports"] = 0, [key] = value };
        File.WriteAllText(dir.File("rr.json"), record.ToJsonString());

        var run = CliRun.Of("report", dir.File("rr.json"), "--out", dir.File("rep"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"teleport: rr.json: \"summary.{key}\" is {value}, but \"epochs\" is empty: a run writes its summary from its last epoch and its teleports, so the file was edited", run.Error.Trim());

        // What a run stopped before its first epoch writes still renders.
        record["summary"] = new JsonObject { ["teleports"] = 0 };
        File.WriteAllText(dir.File("rr.json"), record.ToJsonString());
        CliRun.Of("report", dir.File("rr.json"), "--out", dir.File("rep")).Succeeded();
    }
}
