using System.Linq;
using System.Text.Json;
using Teleport.Records;

namespace Teleport.Cli.Tests;

public sealed class CompareCommandTests
{
    [Fact]
    public void CompareWithResetWritesBaselineTeleportControlAndTheRatio()
    {
        using var dir = new TempFolder();
        var path = dir.File("compare.json");
        var run = CliRun.Of(Small.Args("compare", Small.Synthetic, ["--optimizer", "adagrad", "--epochs", "2", "--teleport-epochs", "2", "--teleport-batch", "60", "--optimizer-state", "reset", "--out", path])).Succeeded();

        var json = CliRun.Json(path);
        foreach (var arm in new[] { "baseline", "teleport", "control" })
        {
            var record = json.GetProperty(arm);
            Assert.Equal(2, record.GetProperty("epochs").GetArrayLength());
            Assert.Equal(arm, record.GetProperty("config").GetProperty("arm").GetString());
        }
        Assert.True(json.GetProperty("time_to_target_ratio").ValueKind is JsonValueKind.Number or JsonValueKind.Null);
        Assert.Equal(8, json.GetProperty("teleport").GetProperty("teleports").GetArrayLength());
        Assert.Empty(json.GetProperty("baseline").GetProperty("teleports").EnumerateArray());
        Assert.Empty(json.GetProperty("control").GetProperty("teleports").EnumerateArray());

        // Same seed: the three arms agree until the first teleport point (epoch 2).
        double TrainLoss(string arm, int epoch) => json.GetProperty(arm).GetProperty("epochs")[epoch].GetProperty("train_loss").GetDouble();
        Assert.Equal(TrainLoss("baseline", 0), TrainLoss("teleport", 0));
        Assert.Equal(TrainLoss("baseline", 0), TrainLoss("control", 0));

        var record2 = CompareRecordJson.Read(path);
        Assert.NotNull(record2.Control);
        Assert.Contains("time to target", run.Out);
        Assert.Contains("[control] epoch 2/2", run.Out);
        Assert.Contains("baseline train", run.Out);
    }

    [Fact]
    public void CompareWithoutResetHasNoControlUnlessAsked()
    {
        using var dir = new TempFolder();
        var keep = dir.File("keep.json");
        CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--optimizer-state", "keep", "--out", keep])).Succeeded();
        Assert.False(CliRun.Json(keep).TryGetProperty("control", out _));

        var asked = dir.File("asked.json");
        CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--optimizer-state", "keep", "--control", "--out", asked])).Succeeded();
        Assert.Equal(JsonValueKind.Object, CliRun.Json(asked).GetProperty("control").ValueKind);
    }

    [Fact]
    public void CompareNeedsATeleport()
    {
        var run = CliRun.Of(Small.Args("compare", Small.Synthetic, ["--teleport", "none"]));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nothing to compare", run.Error);
    }

    [Fact]
    public void CompareArmsUseTheSameTeleportBatches()
    {
        using var dir = new TempFolder();
        var path = dir.File("compare.json");
        CliRun.Of(Small.Args("compare", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--out", path])).Succeeded();
        var train = dir.File("train.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--teleport-batch", "60", "--teleport", "gradnorm", "--out", train])).Succeeded();
        var fromCompare = CliRun.Json(path).GetProperty("teleport").GetProperty("teleports").EnumerateArray().Select(t => t.GetProperty("grad_norm_sq_after").GetDouble());
        var fromTrain = CliRun.Json(train).GetProperty("teleports").EnumerateArray().Select(t => t.GetProperty("grad_norm_sq_after").GetDouble());
        Assert.Equal(fromTrain, fromCompare);
    }

    /// <summary>
    /// compare always teleports (its teleport arm; --teleport none is refused), so its help must not say what train's
    /// does — "Default none … [default: none]" — which is what the shared option said there.
    /// </summary>
    [Fact]
    public void CompareHelpGivesTheTeleportDefaultCompareUses()
    {
        var compare = TeleportHelp("compare");
        Assert.Contains("[default: gradnorm]", compare);
        Assert.DoesNotContain("Default none", compare);
        Assert.Contains("[default: none]", TeleportHelp("train"));
    }

    /// <summary>The --teleport entry of a command's help, its wrapped lines joined.</summary>
    private static string TeleportHelp(string command)
    {
        var lines = CliRun.Of(command, "--help").Succeeded().Out.Split('\n');
        var start = System.Array.FindIndex(lines, l => l.TrimStart().StartsWith("--teleport <", System.StringComparison.Ordinal));
        Assert.True(start >= 0, $"{command} --help has no --teleport entry");
        var entry = lines.Skip(start + 1).TakeWhile(l => !l.TrimStart().StartsWith('-')).Prepend(lines[start]);
        return string.Join(" ", entry.Select(l => l.Trim()));
    }
}
