using System.IO;

namespace Teleport.Cli.Tests;

/// <summary><c>teleport meta</c>: a small run of the Figure 6 protocol (three arms, the table, the JSON), and its option errors.</summary>
public sealed class MetaCommandTests
{
    [Fact]
    public void ASmallRunPrintsEveryArmAndWritesTheCurves()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of("meta", "--train-tasks", "2", "--steps", "20", "--test-tasks", "2", "--form", "exact", "--out", dir.File("meta.json")).Succeeded();
        Assert.Contains("LSTM(lr, tele): task 2/2 trained", run.Out);
        Assert.Contains("LSTM(lr): task 2/2 trained", run.Out);
        Assert.Contains("LSTM(lr, tele): mean |ΔL| per teleport", run.Out);
        Assert.Matches(@"LSTM\(lr\): mean step size [0-9.E+-]+; it does not teleport\.", run.Out);
        var json = CliRun.Json(dir.File("meta.json"));
        Assert.Equal("exact", json.GetProperty("form").GetString());
        var arms = json.GetProperty("arms");
        Assert.Equal(3, arms.GetArrayLength());
        Assert.Equal("GD", arms[0].GetProperty("name").GetString());
        Assert.Equal([false, false, true], [.. System.Linq.Enumerable.Select(arms.EnumerateArray(), a => a.GetProperty("teleports").GetBoolean())]);
        var tele = arms[2];
        Assert.Equal("LSTM(lr, tele)", tele.GetProperty("name").GetString());
        Assert.Equal(2, tele.GetProperty("losses").GetArrayLength());
        Assert.Equal(20, tele.GetProperty("losses")[0].GetArrayLength());
        Assert.Equal(4, tele.GetProperty("meta_losses").GetArrayLength()); // 2 tasks × 2 windows of 10
        // Every arm starts from the same test tasks' initial loss.
        Assert.Equal(arms[0].GetProperty("losses")[1][0].GetDouble(), tele.GetProperty("losses")[1][0].GetDouble());
    }

    [Fact]
    public void BadOptionsAreOneLineUsageErrors()
    {
        var run = CliRun.Of("meta", "--form", "sideways");
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--form", run.Error);
        var zero = CliRun.Of("meta", "--steps", "0");
        Assert.Equal(ExitCodes.UsageError, zero.ExitCode);
        Assert.Contains("--steps", zero.Error);
        Assert.False(File.Exists("meta.json"));
    }
}
