using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>
/// Options that cannot do what they say are refused or said plainly (found by a bad-input sweep): a <c>--data</c>
/// folder beside the generated data set was ignored, and with it the check that outputs do not overwrite its files;
/// a batch or teleport batch larger than the training set was echoed as if it were that large.
/// </summary>
public sealed class OptionHonestyTests
{
    [Fact]
    public void DataBesideTheSyntheticSetIsAUsageErrorAndNothingIsWritten()
    {
        using var dir = new TempFolder();
        var data = dir.File("raw");
        Directory.CreateDirectory(data);
        var input = Path.Combine(data, "train-images-idx3-ubyte");
        File.WriteAllText(input, "not touched");
        // Before: exit 0, and --out named the data file and overwrote it.
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--data", data, "--out", input]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--data {data} is for a data set read from files", run.Error);
        Assert.Contains("--dataset synthetic is generated", run.Error);
        Assert.Equal("not touched", File.ReadAllText(input));
    }

    [Fact]
    public void ABatchLargerThanTheSetIsSaidToHoldTheWholeSet()
    {
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--batch-size", "99999999"]).Succeeded();
        Assert.Contains("1 epoch of 1 batch of 300 (--batch-size 99999999 is more than the 300 training samples: a batch holds all of them)", run.Out);
        Assert.DoesNotContain("batches of 99999999", run.Out);
    }

    [Fact]
    public void ATeleportBatchLargerThanTheSetIsSaidToBeTheWholeSet()
    {
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--teleport-epochs", "1", "--teleport-count", "1", "--teleport-batch", "99999999"]).Succeeded();
        Assert.Contains("on all 300 training samples (--teleport-batch 99999999 is more than the set)", run.Out);
        Assert.DoesNotContain("on 99999999 samples", run.Out);
    }

    [Fact]
    public void BatchesThatFitAreDescribedAsBefore()
    {
        var run = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "1", "--teleport-epochs", "1", "--teleport-count", "1", "--teleport-batch", "60"]).Succeeded();
        Assert.Contains("1 epoch of 15 batches of 20 (", run.Out);
        Assert.Contains("on 60 samples", run.Out);
    }

    [Theory]
    [InlineData("""{"kind": "teleport-correlate", "config": {}, "statistics": {}, "runs": []}""", "is a `teleport correlate` result (its report is written by correlate --report), not a run or compare record")]
    [InlineData("""{"kind": "teleport-correlate-part", "shard": "1/2", "config": {}, "runs": []}""", "is a `teleport correlate` part (merge the parts with correlate --merge)")]
    [InlineData("""{"kind": "teleport-generalize", "config": {}, "arms": [], "seeds": []}""", "is a `teleport generalize` result")]
    [InlineData("""{"threads": 1, "vector_width": 256, "fma_peak_gflops_256": 80, "cases": []}""", "is a `teleport bench` result")]
    [InlineData("""{"loss": 0.5, "hessian_trace": 1, "sharpness_phi": 2, "samples": 10}""", "is a `teleport measure` result")]
    [InlineData("""{"steps": 300, "test_tasks": 5, "arms": []}""", "is a `teleport meta` or `meta-test` result")]
    public void ReportNamesTheRecordItWasGiven(string json, string expected)
    {
        // Before: every one of these was "\"epochs\" is missing", as if it were a damaged run record.
        using var dir = new TempFolder();
        var path = dir.File("record.json");
        File.WriteAllText(path, json);
        var run = CliRun.Of("report", path, "--out", dir.File("report"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("\"epochs\" is missing", run.Error);
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Theory]
    [InlineData("report", "{0}", "--out", "{0}/r", "", "is a folder, not a file")]
    [InlineData("meta-test", "--meta", "{0}", "", "", "is a folder, not a file")]
    [InlineData("bench", "--torch", "{0}", "--filter", "nothing", "is a folder, not the JSON file microbench.py writes (--torch)")]
    public void AFolderWhereAFileIsReadIsCalledAFolder(string command, string a, string b, string c, string d, string expected)
    {
        // Before: "not found" (the record, --weights, --meta) or .NET's "Access to the path … is denied" (--torch).
        using var dir = new TempFolder();
        var args = new System.Collections.Generic.List<string> { command };
        foreach (var arg in new[] { a, b, c, d }) if (arg.Length > 0) args.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, arg, dir.Path));
        var run = CliRun.Of([.. args]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("not found", run.Error);
    }
}
