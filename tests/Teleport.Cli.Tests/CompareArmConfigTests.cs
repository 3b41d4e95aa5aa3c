using System;
using System.IO;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>report</c> refuses a compare record whose arms were trained with different settings: <c>compare</c> writes every
/// arm's config from one set of options, differing only in the arm's name and its teleports, and report.md's headline
/// states the baseline's settings for all. The bad-input sweep reported arms of different configs (exit 0).
/// </summary>
public sealed class CompareArmConfigTests
{
    private const string Why = ": compare trains every arm with the same settings but its teleports (report.md states the baseline's for all), so the file was edited or its arms come from different runs";

    [Fact]
    public void ArmsWhoseSettingsDifferAreRefusedNamingTheFieldAndBothValues()
    {
        using var dir = new TempFolder();
        var json = dir.File("compare.json");
        CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--control", "--out", json])).Succeeded();
        var cases = new (Action<JsonNode> Edit, string Expected)[]
        {
            (r => r["teleport"]!["config"]!["seed"] = 7, "\"teleport.config.seed\" is 7, but \"baseline.config.seed\" is 1" + Why),
            (r => r["teleport"]!["config"]!["lr"] = 0.5, "\"teleport.config.lr\" is 0.5, but \"baseline.config.lr\" is 0.01" + Why),
            (r => r["control"]!["config"]!["optimizer"] = "adam", "\"control.config.optimizer\" is \"adam\", but \"baseline.config.optimizer\" is \"sgd\"" + Why),
            (r => r["teleport"]!["config"]!["data_used"]!["train_samples"] = 200, "\"teleport.config.data_used.train_samples\" is 200, but \"baseline.config.data_used.train_samples\" is 300" + Why),
            (r => r["teleport"]!["config"]!.AsObject().Remove("batch_size"), "\"teleport.config.batch_size\" is missing, but \"baseline.config.batch_size\" is 20" + Why),
            (r => r["teleport"]!["config"]!["my_setting"] = true, "\"teleport.config.my_setting\" is true, but \"baseline.config.my_setting\" is missing" + Why),
            (r => r["teleport"]!["config"]!["arm"] = "baseline", "\"teleport.config.arm\" is \"baseline\": compare writes each arm's name in its config, so the arms were swapped or put together by hand"),
        };
        foreach (var (edit, expected) in cases)
        {
            var record = JsonNode.Parse(File.ReadAllText(json))!;
            edit(record);
            File.WriteAllText(dir.File("edited.json"), record.ToJsonString());
            var run = CliRun.Of("report", dir.File("edited.json"), "--out", dir.File("report"));
            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"teleport: edited.json: {expected}", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.False(Directory.Exists(dir.File("report")));
        }

        // The record as written — three arms whose teleport settings differ — is reported.
        CliRun.Of("report", json, "--out", dir.File("report")).Succeeded();
    }
}
