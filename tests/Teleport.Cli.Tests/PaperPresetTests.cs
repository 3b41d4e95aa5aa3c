using System.Linq;
using System.Text.Json;

namespace Teleport.Cli.Tests;

public sealed class PaperPresetTests
{
    private static JsonElement Config(params string[] extra) => ConfigWith("--paper", extra);

    private static JsonElement ConfigWith(string preset, params string[] extra)
    {
        using var dir = new TempFolder();
        var path = dir.File("paper.json");
        CliRun.Of(Small.Args("train", [preset, "--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--teleport-batch", "50", "--out", path], extra)).Succeeded();
        return CliRun.Json(path).GetProperty("config");
    }

    /// <summary>--paper-protocol: the paper's training protocol with this tool's teleport defaults.</summary>
    [Fact]
    public void TheProtocolPresetKeepsOurTeleportDefaults()
    {
        var config = ConfigWith("--paper-protocol", "--optimizer", "rmsprop");
        Assert.False(config.GetProperty("paper").GetBoolean());
        Assert.True(config.GetProperty("paper_protocol").GetBoolean());
        Assert.Equal(1e-4, config.GetProperty("lr").GetDouble());
        Assert.Equal([1.0], Epochs(config));
        Assert.Equal(8, config.GetProperty("teleport_count").GetInt32());
        Assert.Equal(0.05, config.GetProperty("teleport_lr").GetDouble());
        Assert.Equal("log", config.GetProperty("ascent").GetString());
        // no cap is null, not the string "Infinity"
        Assert.Equal(JsonValueKind.Null, config.GetProperty("teleport_cap").ValueKind);
        // and so in the trainer's own description of the teleports
        Assert.Equal(JsonValueKind.Null, config.GetProperty("teleport_options").GetProperty("grad_norm_sq_cap").ValueKind);
        Assert.Equal("transport", config.GetProperty("optimizer_state").GetString());
        Assert.Equal(5, config.GetProperty("teleport_lookahead").GetInt32());
        Assert.Equal("exact", config.GetProperty("symmetries").GetString());
    }

    [Theory]
    [InlineData("--paper", "sgd", 3)]
    [InlineData("--paper-protocol", "adagrad", 3)]
    public void APresetTeleportEpochBeyondTheRunIsBlamedOnThePreset(string preset, string optimizer, int epoch)
    {
        // The sweep: `--paper --epochs 1` said "--teleport-epochs 3 is beyond --epochs 1", an option never typed.
        var run = CliRun.Of("train", preset, "--optimizer", optimizer, "--dataset", "synthetic", "--epochs", "1");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal($"teleport: {preset} teleports in epoch {epoch} for {optimizer} (the paper's teleport epoch), beyond --epochs 1: train at least {epoch} epochs, or name the teleport epochs with --teleport-epochs.", run.Error.Trim());
        var given = CliRun.Of("train", preset, "--optimizer", optimizer, "--dataset", "synthetic", "--epochs", "1", "--teleport-epochs", "2");
        Assert.Equal("teleport: --teleport-epochs 2 is beyond --epochs 1 (teleport epochs are 1-based).", given.Error.Trim());
    }

    private static double[] Epochs(JsonElement config) => config.GetProperty("teleport_epochs").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The documented per-optimizer values: lr, the 1-based teleport epoch (the paper code's 0-based 2 or 0) and η.</summary>
    [Theory]
    [InlineData("sgd", 1e-2, 3, 1e-4)]
    [InlineData("adagrad", 1e-2, 3, 1e-4)]
    [InlineData("momentum", 1e-3, 1, 5e-2)]
    [InlineData("rmsprop", 1e-4, 1, 5e-2)]
    [InlineData("adam", 1e-4, 1, 5e-2)]
    public void ThePaperPresetSetsTheDocumentedValues(string optimizer, double lr, int teleportEpoch, double teleportLr)
    {
        var config = Config("--optimizer", optimizer);
        Assert.True(config.GetProperty("paper").GetBoolean());
        Assert.Equal(lr, config.GetProperty("lr").GetDouble());
        Assert.Equal([teleportEpoch], Epochs(config));
        Assert.Equal(teleportLr, config.GetProperty("teleport_lr").GetDouble());
        Assert.Equal("gradnorm", config.GetProperty("teleport").GetString());
        Assert.Equal(8, config.GetProperty("teleport_count").GetInt32());
        Assert.Equal(10, config.GetProperty("teleport_steps").GetInt32());
        Assert.Equal(100, config.GetProperty("teleport_cap").GetDouble());
        Assert.Equal(100, config.GetProperty("teleport_options").GetProperty("grad_norm_sq_cap").GetDouble());
        Assert.Equal("reset", config.GetProperty("optimizer_state").GetString());
        Assert.Equal("raw", config.GetProperty("ascent").GetString());
        Assert.Equal(0, config.GetProperty("teleport_lookahead").GetInt32());
        Assert.Equal(20, config.GetProperty("batch_size").GetInt32());
        Assert.Equal(3, config.GetProperty("epochs").GetInt32());
        Assert.False(config.GetProperty("shuffle").GetBoolean());
        Assert.Equal("paper-mlp", config.GetProperty("model").GetString());
        Assert.Equal(optimizer == "momentum" ? 0.9 : 0, config.GetProperty("momentum").GetDouble());
    }

    [Fact]
    public void ExplicitOptionsOverrideThePreset()
    {
        var config = Config("--optimizer", "adagrad", "--lr", "0.5", "--teleport-epochs", "2", "--teleport-lr", "0.01", "--teleport-cap", "7",
            "--optimizer-state", "transport", "--epochs", "2", "--batch-size", "10");
        Assert.Equal(0.5, config.GetProperty("lr").GetDouble());
        Assert.Equal([2.0], Epochs(config));
        Assert.Equal(0.01, config.GetProperty("teleport_lr").GetDouble());
        Assert.Equal(7, config.GetProperty("teleport_cap").GetDouble());
        Assert.Equal("transport", config.GetProperty("optimizer_state").GetString());
        Assert.Equal(2, config.GetProperty("epochs").GetInt32());
        Assert.Equal(10, config.GetProperty("batch_size").GetInt32());
        Assert.Equal(8, config.GetProperty("teleport_count").GetInt32());
    }

    [Fact]
    public void ThePaperScheduleTeleportsEightTimesAtTheStartOfItsEpoch()
    {
        using var dir = new TempFolder();
        var path = dir.File("paper.json");
        CliRun.Of("train", "--paper", "--optimizer", "adam", "--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--epochs", "2", "--out", path).Succeeded();
        var teleports = CliRun.Json(path).GetProperty("teleports").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), teleports.Select(t => t.GetProperty("step").GetInt64()));
        Assert.All(teleports, t => Assert.Equal(1, t.GetProperty("epoch").GetInt32()));
        Assert.All(teleports, t => Assert.Equal(200, t.GetProperty("batch").GetInt32()));
        Assert.All(teleports, t => Assert.Equal("reset", t.GetProperty("optimizer_state").GetString()));
    }
}
