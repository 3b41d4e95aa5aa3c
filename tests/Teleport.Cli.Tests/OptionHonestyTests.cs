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
    public void ATeleportEpochGivenTwiceIsRefusedAndSeveralAreListed()
    {
        // "--teleport-epochs 1,1" ran one epoch's teleports under the headline "epoch 1,1".
        var twice = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "2", "--teleport-epochs", "1,1"]);
        Assert.Equal(2, twice.ExitCode);
        Assert.Equal("teleport: --teleport-epochs: epoch 1 is given twice.", twice.Error.Trim());
        var two = CliRun.Of([.. Small.Args("train", Small.Synthetic), "--epochs", "2", "--teleport-epochs", "2,1", "--teleport-count", "1", "--teleport-batch", "60"]).Succeeded();
        Assert.Contains("teleport: 1 at the start of epochs 2, 1;", two.Out);
    }

    [Fact]
    public void TheStudiesSayTheirBatchHoldsTheWholeSetToo()
    {
        // correlate and generalize echoed "batch 99999999" where train says what a batch holds.
        using var dir = new TempFolder();
        var correlate = CliRun.Of("correlate", "--dataset", "synthetic", "--limit-train", "300", "--limit-test", "100", "--runs", "3", "--epochs", "1",
            "--hessian-samples", "50", "--sharpness-batches", "1", "--bootstrap", "50", "--batch-size", "99999999", "--out", dir.File("c.json")).Succeeded();
        Assert.Contains("batch 300 (--batch-size 99999999 is more than the 300 training samples: a batch holds all of them)", correlate.Out);
        var generalize = CliRun.Of("generalize", "--dataset", "synthetic", "--seeds", "1", "--epochs", "2", "--teleport-epoch", "1", "--teleport-batch", "100",
            "--sharpness-directions", "1", "--batch-size", "99999999", "--out", dir.File("g.json")).Succeeded();
        Assert.Contains("batch 10000 (--batch-size 99999999 is more than the 10000 training samples: a batch holds all of them)", generalize.Out);
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
    [InlineData("""{"threads": 1, "vector_width": 256, "fma_peak_gflops_256": 80, "cases": [], "epochs": {"name": "epochs", "rounds": []}}""", "is a `teleport bench` result")] // read as a run record: "\"epochs\" is an object"
    [InlineData("""{"loss": 0.5, "hessian_trace": 1, "sharpness_phi": 2, "samples": 10}""", "is a `teleport measure` result")]
    [InlineData("""{"steps": 300, "test_tasks": 5, "arms": []}""", "is a `teleport meta` or `meta-test` result")]
    [InlineData("""{"torch": "2.4", "cases": {"threads_1": {"a_step": {"median_s": 0.001}}, "threads_2": {}}}""", "record.json: is the JSON microbench.py writes (bench --torch), not a run or compare record")]
    [InlineData("""{"baseline": {"config": {}, "epochs": []}, "target_source": "epochs"}""", "record.json: is a compare record with \"baseline\" but no \"teleport\": a compare record holds both runs")]
    [InlineData("""{"teleport": {"config": {}, "epochs": []}}""", "record.json: is a compare record with \"teleport\" but no \"baseline\"")]
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
    [InlineData("report", "{0}", "--out", "{0}/r", "", "teleport: {0}: is a folder, not a file")]
    [InlineData("meta-test", "--meta", "{0}", "", "", "teleport: --meta {0}: is a folder, not a file")]
    [InlineData("bench", "--torch", "{0}", "--filter", "nothing", "teleport: --torch {0}: is a folder, not a file")]
    [InlineData("measure", "--weights", "{0}", "--dataset", "synthetic", "teleport: --weights {0}: is a folder, not a file")]
    [InlineData("correlate", "--merge", "{0}", "--out", "{0}/m.json", "teleport: --merge {0}: is a folder, not a file")]
    [InlineData("measure", "--weights", "/dev/null", "--dataset", "synthetic", "teleport: --weights /dev/null: is a character device, not a file")]
    [InlineData("report", "/dev/null", "--out", "{0}/r", "", "teleport: /dev/null: is a character device, not a file")]
    public void AFolderWhereAFileIsReadIsCalledAFolder(string command, string a, string b, string c, string d, string expected)
    {
        // Before: "not found" (the record, --weights, --meta) or .NET's "Access to the path … is denied" (--torch).
        using var dir = new TempFolder();
        var args = new System.Collections.Generic.List<string> { command };
        foreach (var arg in new[] { a, b, c, d }) if (arg.Length > 0) args.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, arg, dir.Path));
        var run = CliRun.Of([.. args]);
        Assert.Equal(1, run.ExitCode);
        // The path as typed and the option that took it (before: the last part alone, "null: …", "sweep-helper: …").
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, dir.Path), run.Error.Trim());
    }

    private const string Epoch = """{"epoch": 1, "train_loss": 0.5, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}""";

    [Theory]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 1, "train_loss": "NaN", "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[0].train_loss\" is NaN, not a finite number ≥ 0")]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 1, "train_loss": -0.5, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[0].train_loss\" is -0.5, not a finite number ≥ 0")]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 1, "train_loss": 1, "grad_norm_sq": 1, "wall_seconds": -1, "steps": 1}]}""", "\"epochs[0].wall_seconds\" is -1, not a finite number ≥ 0")]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 1, "train_loss": 1, "test_accuracy": 1e308, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[0].test_accuracy\" is 1E+308, not a fraction in [0, 1]")]
    [InlineData("""{"config": {}, "epochs": [], "loss_trace": [{"step": 1, "epoch": 1, "train_loss": "-Infinity", "samples": 1, "wall_seconds": 1}]}""", "\"loss_trace[0].train_loss\" is -Infinity, not a finite number ≥ 0")]
    [InlineData("""{"baseline": {"config": {}, "epochs": [EPOCH]}, "teleport": {"config": {}, "epochs": [EPOCH]}, "target_source": "epochs", "target_train_loss": 0.5, "baseline_seconds": 1, "time_to_target_seconds": 0.5, "time_to_target_ratio": "NaN"}""", "\"time_to_target_ratio\" is NaN, not a finite number ≥ 0")]
    [InlineData("""{"baseline": {"config": {}, "epochs": [EPOCH]}, "teleport": {"config": {}, "epochs": [EPOCH]}, "target_source": "epochs", "target_train_loss": 0.5, "baseline_seconds": 1, "time_to_target_seconds": 0.5, "time_to_target_ratio": -1}""", "\"time_to_target_ratio\" is -1, not a finite number ≥ 0")]
    [InlineData("""{"config": {}, "epochs": [EPOCH, EPOCH]}""", "\"epochs[1].epoch\" is 1, but a run records its epochs 1, 2, 3, … in order, so entry 1 is epoch 2")]
    [InlineData("""{"config": {}, "epochs": [{"epoch": 3, "train_loss": 0.5, "grad_norm_sq": 1, "wall_seconds": 1, "steps": 1}]}""", "\"epochs[0].epoch\" is 3, but a run records its epochs 1, 2, 3, … in order, so entry 0 is epoch 1")]
    public void ReportRefusesValuesNoFinishedRunWrites(string json, string expected)
    {
        // Before: a NaN ratio read "the same training time as the baseline", -1 "200 % less training time", an accuracy
        // of 1e308 "Infinity%", and epoch 1 listed twice was drawn twice. The record format keeps such values (they read
        // back); report does not render them.
        using var dir = new TempFolder();
        AssertReportRefuses(dir, json, expected, "teleport report renders the records of finished runs");
    }

    /// <summary>Writes <paramref name="json"/> (EPOCH standing for <see cref="Epoch"/>) and checks that report refuses it with both texts and writes nothing.</summary>
    private static void AssertReportRefuses(TempFolder dir, string json, string expected, string reason)
    {
        var path = dir.File("record.json");
        File.WriteAllText(path, json.Replace("EPOCH", Epoch, System.StringComparison.Ordinal));
        var run = CliRun.Of("report", path, "--out", dir.File("report"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Contains(reason, run.Error);
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Theory]
    [InlineData("""{"config": {}, "epochs": [EPOCH], "summary": {"teleports": 0, "final_train_loss": 0.25, "steps": 1}}""", "\"summary.final_train_loss\" is 0.25, but \"epochs[0].train_loss\" is 0.5")]
    [InlineData("""{"config": {}, "epochs": [EPOCH], "summary": {"teleports": 0, "final_train_loss": 0.5, "steps": 7}}""", "\"summary.steps\" is 7, but \"epochs[0].steps\" is 1")]
    [InlineData("""{"config": {}, "epochs": [EPOCH], "summary": {"teleports": 0, "final_test_loss": 0.5}}""", "\"summary.final_test_loss\" is 0.5, but \"epochs[0].test_loss\" is null")]
    [InlineData("""{"config": {}, "epochs": [EPOCH], "summary": {"teleports": 2}}""", "\"summary.teleports\" is 2, but the record holds 0 teleport events")]
    [InlineData("""{"baseline": {"config": {}, "epochs": [EPOCH]}, "teleport": {"config": {}, "epochs": [EPOCH], "summary": {"teleports": 0, "wall_seconds": 9}}, "target_source": "epochs", "target_train_loss": 0.5, "baseline_seconds": 1, "time_to_target_seconds": 0.5, "time_to_target_ratio": 0.5}""", "\"teleport.summary.wall_seconds\" is 9, but \"teleport.epochs[0].wall_seconds\" is 1")]
    public void ReportRefusesASummaryThatContradictsItsRun(string json, string expected)
    {
        // Before: report rendered the epochs and never looked at the summary, so a record whose summary said another
        // final loss (an edited file) was rendered as if nothing were wrong.
        using var dir = new TempFolder();
        AssertReportRefuses(dir, json, expected, "a run writes its summary from its last epoch and its teleports, so the file was edited");

        // A summary that agrees with its run, as train writes it, is rendered.
        var path = dir.File("record.json");
        File.WriteAllText(path, """{"config": {}, "epochs": [EPOCH], "summary": {"teleports": 0, "final_train_loss": 0.5, "final_test_loss": null, "final_test_accuracy": null, "wall_seconds": 1, "steps": 1}}"""
            .Replace("EPOCH", Epoch, System.StringComparison.Ordinal));
        CliRun.Of("report", path, "--out", dir.File("report")).Succeeded();
    }

    [Theory]
    [InlineData(0.57520387, "0.57520")]
    [InlineData(999_999.123456, "999999.12346")]
    [InlineData(1.23456789e29, "1.23457E+29")]
    [InlineData(1.7e308, "1.7E+308")]
    public void LargeNumbersArePrintedWithAnExponent(double loss, string expected)
    {
        // The bad-input sweep: a loss of 1.23e29 was printed "123456789012345677877719597056.00000", a time of 1.7e308 in 300 digits.
        Assert.Equal(expected, Teleport.Cli.Output.Format.Loss(loss));
        Assert.Equal(expected.Contains('E') ? expected + "s" : null, loss >= 1e6 ? Teleport.Cli.Output.Format.Seconds(loss) : null);
    }

    [Theory]
    [InlineData(1, "1 task")]
    [InlineData(0, "0 tasks")]
    [InlineData(5, "5 tasks")]
    public void CountsAgreeWithTheirNoun(long n, string expected)
    {
        // meta-train printed "on 1 tasks × 1 steps".
        Assert.Equal(expected, Teleport.Cli.Output.Format.Count(n, "task"));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("correlate")]
    public void ASplitSeedTheSyntheticDataCannotTakeIsAUsageError(string command)
    {
        // The sweep: --split-seed 4294967297 trained on the data of --split-seed 1 (the seed was cut to 32 bits), and the
        // record said 4294967297.
        using var dir = new TempFolder();
        var run = CliRun.Of(command, "--dataset", "synthetic", "--split-seed", "4294967297", "--epochs", "1", "--out", dir.File("out.json"));
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Equal("teleport: --split-seed 4294967297: the synthetic data are generated from a 32-bit seed, in [-2147483648, 2147483647]; this one would give the data of --split-seed 1.", run.Error.Trim());
        Assert.Empty(System.IO.Directory.GetFileSystemEntries(dir.Path));
    }
}
