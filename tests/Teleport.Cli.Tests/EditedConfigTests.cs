using System.IO;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// report.md's first lines state the run's settings from its record's config: the bad-input sweep edited them and report
/// rendered "-2 epochs of batches of 20" and "learning rate -5" (exit 0) beside a record of 2 epochs trained at 0.01.
/// A setting no option takes, or fewer epochs than the record holds, is now refused naming the field.
/// </summary>
public sealed class EditedConfigTests
{
    [Theory]
    [InlineData("config.epochs", "-2", "\"config.epochs\" is -2, not a whole number ≥ 1: no option takes it, and report.md would state it as the run's setting (an edited file?)")]
    [InlineData("config.epochs", "1", "\"config.epochs\" is 1, but the record holds 2 epochs: a run trains no more epochs than it is set to, so the file was edited")]
    [InlineData("config.lr", "-5", "\"config.lr\" is -5, not a finite number > 0")]
    [InlineData("config.batch_size", "2.5", "\"config.batch_size\" is 2.5, not a whole number ≥ 1")]
    [InlineData("config.seed", "0.5", "\"config.seed\" is 0.5, not a whole number:")]
    [InlineData("config.data_used.train_samples", "0", "\"config.data_used.train_samples\" is 0, not a whole number ≥ 1")]
    [InlineData("config.teleport_lr", "0", "\"config.teleport_lr\" is 0, not a finite number > 0")]
    [InlineData("config.teleport_steps", "-10", "\"config.teleport_steps\" is -10, not a whole number ≥ 0")]
    [InlineData("teleport.config.lr", "-5", "\"teleport.config.lr\" is -5, not a finite number > 0")]
    public void ASettingNoRunHasIsRefusedNamingIt(string place, string value, string expected)
    {
        using var dir = new TempFolder();
        var record = dir.File("record.json");
        var compare = place.StartsWith("teleport.", System.StringComparison.Ordinal);
        CliRun.Of([.. Small.Args(compare ? "compare" : "train", Small.Synthetic), "--epochs", "2", "--teleport-epochs", "1", "--teleport-count", "1", "--out", record]).Succeeded();
        var json = JsonNode.Parse(File.ReadAllText(record))!;
        var parts = place.Split('.');
        var node = json;
        for (var i = 0; i < parts.Length - 1; i++) node = node[parts[i]]!;
        node[parts[^1]] = JsonNode.Parse(value);
        File.WriteAllText(record, json.ToJsonString());

        var report = dir.File("report");
        var run = CliRun.Of("report", record, "--out", report);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"teleport: record.json: {expected}", Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(report));
    }
}
