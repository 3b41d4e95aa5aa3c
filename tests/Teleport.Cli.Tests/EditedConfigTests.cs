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
    // The schedule the teleport line states: 1e30 was rendered "at the start of epoch 1E+30".
    [InlineData("config.teleport_epochs", "[1e30]", "\"config.teleport_epochs[0]\" is 1E+30, not a whole number from 1 to the run's 2 epochs")]
    [InlineData("config.teleport_epochs", "[3]", "\"config.teleport_epochs[0]\" is 3, not a whole number from 1 to the run's 2 epochs")]
    [InlineData("config.teleport_epochs", "[1, 1]", "\"config.teleport_epochs[1]\" is 1, an epoch given twice")]
    [InlineData("config.teleport_epochs", "[\"1\"]", "\"config.teleport_epochs[0]\" is not a number")]
    [InlineData("config.teleport_count", "1.5", "\"config.teleport_count\" is 1.5, not a whole number ≥ 0")]
    [InlineData("config.teleport_every", "-7", "\"config.teleport_every\" is -7, not a whole number ≥ 0")]
    [InlineData("config.teleport_adaptive", "2", "\"config.teleport_adaptive\" is 2, not a number in [0, 1)")]
    [InlineData("config.teleport_max", "1e300", "\"config.teleport_max\" is 1E+300, not a whole number ≥ 0")]
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

    [Fact]
    public void AOneEpochRunIsOneEpochInTheReport()
    {
        // report.md said "1 epochs of batches of 20".
        using var dir = new TempFolder();
        var record = dir.File("record.json");
        CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--out", record]).Succeeded();
        CliRun.Of("report", record, "--out", dir.File("report")).Succeeded();
        var markdown = File.ReadAllText(Path.Combine(dir.File("report"), "report.md"));
        Assert.Contains(", 1 epoch of batches of 20 (", markdown);
        Assert.DoesNotContain("1 epochs", markdown);
    }
}
