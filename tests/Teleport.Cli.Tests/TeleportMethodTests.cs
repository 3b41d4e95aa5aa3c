using System.Linq;
using System.Text.Json;

namespace Teleport.Cli.Tests;

/// <summary>
/// `--teleport-method` (issue 12): level-set and null-space teleports run from `compare`, their settings reach the
/// record's config, each teleport event carries the method's diagnostics, and bad knob values are usage errors.
/// </summary>
public sealed class TeleportMethodTests
{
    [Fact]
    public void LevelSetRunsFromCompareWithItsDiagnosticsAndDefaults()
    {
        using var dir = new TempFolder();
        var path = dir.File("compare.json");
        var run = CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--teleport-method", "level-set", "--out", path])).Succeeded();
        Assert.Contains("level-set SLP, 10 iterations of ρ 0.1", run.Out);
        var teleport = CliRun.Json(path).GetProperty("teleport");
        var config = teleport.GetProperty("config");
        Assert.Equal("level-set", config.GetProperty("teleport_method").GetString());
        Assert.Equal(10, config.GetProperty("level_set_steps").GetInt32());
        Assert.Equal(5, config.GetProperty("level_set_restorations").GetInt32());
        var events = teleport.GetProperty("teleports").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            Assert.Equal("level-set", e.GetProperty("teleport_method").GetString());
            Assert.Equal(e.GetProperty("constraint_gap_trace").GetArrayLength(), e.GetProperty("kkt_residual_trace").GetArrayLength());
            Assert.True(e.GetProperty("restoration_steps").GetInt32() >= 0);
            // sub-level mode: the loss may fall, never rise beyond the tolerance
            Assert.True(e.GetProperty("relative_loss_drift").GetDouble() <= 1e-5 || e.GetProperty("loss_drift").GetDouble() < 0);
        }
    }

    [Fact]
    public void NullSpaceRunsFromCompareWithItsRanks()
    {
        using var dir = new TempFolder();
        var path = dir.File("compare.json");
        CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--teleport-method", "null-space", "--null-space-tau", "0.999", "--out", path])).Succeeded();
        var teleport = CliRun.Json(path).GetProperty("teleport");
        Assert.Equal(0.999, teleport.GetProperty("config").GetProperty("null_space_tau").GetDouble());
        var events = teleport.GetProperty("teleports").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            Assert.Equal("null-space", e.GetProperty("teleport_method").GetString());
            var ranks = e.GetProperty("kept_ranks").EnumerateArray().Select(r => r.GetInt32()).ToArray();
            var dimensions = e.GetProperty("input_dimensions").EnumerateArray().Select(r => r.GetInt32()).ToArray();
            Assert.Equal(3, ranks.Length);
            Assert.Equal(dimensions.Length, ranks.Length);
            // the paper network has no bias; 60 samples cannot fill the 784 inputs of the first layer
            Assert.Equal(784, dimensions[0]);
            Assert.InRange(ranks[0], 1, 60);
            Assert.Equal(3, e.GetProperty("layer_output_drifts").GetArrayLength());
            Assert.True(e.GetProperty("relative_loss_drift").GetDouble() <= 1e-5);
        }
    }

    [Theory]
    [InlineData("--teleport-method", "levelset")]
    [InlineData("--null-space-tau", "0")]
    [InlineData("--null-space-tau", "1.5")]
    [InlineData("--level-set-rho", "0")]
    [InlineData("--level-set-steps", "-1")]
    [InlineData("--level-set-restorations", "-1")]
    [InlineData("--level-set-mode", "above")]
    public void BadMethodKnobsAreUsageErrorsNamingTheOption(string option, string value)
    {
        var run = CliRun.Of(["compare", option, value]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: ", run.Error);
        Assert.Contains(option, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
