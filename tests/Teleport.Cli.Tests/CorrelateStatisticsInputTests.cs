using System;
using System.IO;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>correlate</c> refuses what would make its statistics NaN: fewer than 3 runs (a p-value has n − 2 degrees of
/// freedom), and parts whose losses or measures are NaN or ±∞ — one line naming the option, or the file and the field.
/// </summary>
public sealed class CorrelateStatisticsInputTests
{
    private static readonly string[] Study =
        ["--dataset", "synthetic", "--limit-train", "300", "--limit-test", "100", "--runs", "3", "--epochs", "1", "--hessian-samples", "50", "--sharpness-batches", "1", "--bootstrap", "50"];

    /// <summary>Runs the small study as one part into <paramref name="part"/> and returns its JSON, to be edited.</summary>
    private static JsonNode WrittenPart(string part)
    {
        CliRun.Of(Small.Args("correlate", Study, ["--shard", "1/1", "--out", part])).Succeeded();
        return JsonNode.Parse(File.ReadAllText(part))!;
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void FewerThanThreeRunsIsAUsageErrorNamingRuns(string runs)
    {
        using var dir = new TempFolder();
        var run = CliRun.Of("correlate", "--dataset", "synthetic", "--runs", runs, "--out", dir.File("o.json"));
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"teleport: --runs: {runs} is out of range", line, StringComparison.Ordinal);
        Assert.Contains("[3, ", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData("measures", "hessian_trace", "NaN")]
    [InlineData("measures", "sharpness_phi", "Infinity")]
    [InlineData(null, "train_loss", "NaN")]
    [InlineData(null, "test_loss", "-Infinity")]
    public void APartWithANonFiniteValueIsRefusedNamingTheFileAndTheField(string? group, string field, string value)
    {
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        var json = WrittenPart(part);
        var target = group is null ? json["runs"]![1]! : json["runs"]![1]![group]!;
        target[field] = value;
        File.WriteAllText(dir.File("bad.json"), json.ToJsonString());

        var run = CliRun.Of("correlate", "--merge", dir.File("bad.json"), "--out", dir.File("merged.json"));
        Assert.Equal(1, run.ExitCode);
        var place = group is null ? $"runs[1].{field}" : $"runs[1].{group}.{field}";
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"teleport: bad.json: \"{place}\" is {value}: a part's runs hold finite losses and measures (null when not computed)", line);
        Assert.False(File.Exists(dir.File("merged.json")));
    }

    [Theory]
    [InlineData("test_accuracy", 2.0, "\"runs[1].test_accuracy\" is 2: an accuracy is a fraction in [0, 1]")]
    [InlineData("test_accuracy", -0.5, "\"runs[1].test_accuracy\" is -0.5: an accuracy is a fraction in [0, 1]")]
    [InlineData("train_loss", -1.0, "\"runs[1].train_loss\" is -1: a cross-entropy loss is ≥ 0")]
    [InlineData("seed", 1.0, "holds run 1 with seed 1, but the study's run 1 has seed 108642 (seeds (i + 1) * 54321)")]
    public void APartWithAValueNoRunWritesIsRefused(string field, double value, string expected)
    {
        // The bad-input sweep: a test accuracy of 2 and a run of another seed were merged into the statistics.
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        var json = WrittenPart(part);
        json["runs"]![1]![field] = value;
        File.WriteAllText(dir.File("bad.json"), json.ToJsonString());

        var run = CliRun.Of("correlate", "--merge", dir.File("bad.json"), "--out", dir.File("merged.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"teleport: bad.json: {expected}", run.Error.Trim());
        Assert.False(File.Exists(dir.File("merged.json")));
    }

    [Fact]
    public void APartWhoseGapIsNotTheDifferenceOfItsLossesIsRefused()
    {
        // The bad-input sweep: an edited generalization_gap was recomputed from the losses without a word.
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        var json = WrittenPart(part);
        json["runs"]![1]!["generalization_gap"] = 0.5;
        File.WriteAllText(dir.File("bad.json"), json.ToJsonString());

        var run = CliRun.Of("correlate", "--merge", dir.File("bad.json"), "--out", dir.File("merged.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("teleport: bad.json: \"runs[1].generalization_gap\" is 0.5, but test_loss − train_loss is ", run.Error.Trim(), StringComparison.Ordinal);
        Assert.EndsWith(": a run's gap is the difference of its losses", run.Error.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("merged.json")));

        // The part as written merges.
        CliRun.Of("correlate", "--merge", part, "--out", dir.File("merged.json")).Succeeded();
    }

    [Fact]
    public void APartWithAMeasureOrANoteTheStudyDoesNotWriteIsRefused()
    {
        // The stop-29 note's open item: an unknown measure name was carried into the merge, and measure_notes that is
        // not an object of strings was read as "no reason given".
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        CliRun.Of(Small.Args("correlate", Study, ["--shard", "1/1", "--out", part])).Succeeded();
        var known = "sharpness_phi, sharpness_phi_increase, hessian_trace, hessian_top_eigenvalue, adaptive_sharpness, train_loss, curvature_psi, curvature_psi_exact";
        var cases = new (Action<JsonNode> Edit, string Expected)[]
        {
            (r => r["measures"]!["my_measure"] = 1.5, $"\"runs[1].measures.my_measure\" is not a measure of the study ({known})"),
            (r => r["details"]!["measure_notes"] = "not computed", "\"runs[1].details.measure_notes\" is a string, not an object"),
            (r => r["details"]!["measure_notes"] = new JsonObject { ["my_measure"] = "why" }, $"\"runs[1].details.measure_notes.my_measure\" is not a measure of the study ({known})"),
            (r => r["details"]!["measure_notes"] = new JsonObject { ["hessian_trace"] = 3 }, "\"runs[1].details.measure_notes.hessian_trace\" is a number, not a string"),
        };
        foreach (var (edit, expected) in cases)
        {
            var json = JsonNode.Parse(File.ReadAllText(part))!;
            edit(json["runs"]![1]!);
            File.WriteAllText(dir.File("bad.json"), json.ToJsonString());
            var run = CliRun.Of("correlate", "--merge", dir.File("bad.json"), "--out", dir.File("merged.json"));
            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"teleport: bad.json: {expected}", run.Error.Trim());
            Assert.False(File.Exists(dir.File("merged.json")));
        }
        // The study's own part, with measure_notes as it writes them, still merges.
        CliRun.Of("correlate", "--merge", part, "--out", dir.File("merged.json")).Succeeded();
    }

    [Fact]
    public void APartWithoutAMeasureIsRefusedNamingTheFileAndTheMeasureAndNullStillMerges()
    {
        // The bad-input sweep merged a part without hessian_trace (exit 0): the run's trace read as "not computed", a
        // reason the part never gave. The study writes every measure, null when it has no number.
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        WrittenPart(part);
        foreach (var measure in new[] { "hessian_trace", "curvature_psi_exact" })
        {
            var json = JsonNode.Parse(File.ReadAllText(part))!;
            json["runs"]![1]!["measures"]!.AsObject().Remove(measure);
            File.WriteAllText(dir.File("bad.json"), json.ToJsonString());
            var run = CliRun.Of("correlate", "--merge", dir.File("bad.json"), "--out", dir.File("merged.json"));
            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"teleport: bad.json: \"runs[1].measures.{measure}\" is missing: a part's runs hold every measure of the study, null when it has no number (an edited part, or one written by an older teleport: run its shard again)",
                run.Error.Trim());
            Assert.False(File.Exists(dir.File("merged.json")));

            // null is the study's own word for "no number here" (with its reason in the details): still merged.
            json["runs"]![1]!["measures"]![measure] = null;
            json["runs"]![1]!["details"]!["measure_notes"] = new JsonObject { [measure] = "not finite at these weights" };
            File.WriteAllText(dir.File("null.json"), json.ToJsonString());
            CliRun.Of("correlate", "--merge", dir.File("null.json"), "--out", dir.File("merged.json")).Succeeded();
            File.Delete(dir.File("merged.json"));
        }
    }

    [Fact]
    public void AResultWhoseReportCannotBeDrawnIsNotWrittenEither()
    {
        // A merged test loss of 1.7e308 wrote the result, then stopped in the scatter plots with a stack trace.
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        var json = WrittenPart(part);
        json["runs"]![1]!["test_loss"] = 1.7e308;
        json["runs"]![1]!["generalization_gap"] = 1.7e308; // test − train, or the part is refused as edited
        File.WriteAllText(dir.File("huge.json"), json.ToJsonString());

        var run = CliRun.Of("correlate", "--merge", dir.File("huge.json"), "--out", dir.File("merged.json"), "--report", dir.File("report"));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("teleport: the plot \"test_loss vs sharpness_phi", run.Error.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("cannot be drawn: it holds a value of magnitude 1.7E+308, beyond the 1E+300 a plot axis can scale to; the report was not written", run.Error.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("merged.json")));
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Fact]
    public void PartsOfAStudyWithTooFewRunsAreRefusedNamingTheFile()
    {
        // Parts written before --runs had its minimum: a study of 2 runs, in one part.
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        var json = WrittenPart(part);
        json["config"]!["study"]!["runs"] = 2;
        json["runs"]!.AsArray().RemoveAt(2);
        File.WriteAllText(dir.File("two.json"), json.ToJsonString());

        var run = CliRun.Of("correlate", "--merge", dir.File("two.json"), "--out", dir.File("merged.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("teleport: two.json: the study has 2 runs (--runs 2): a correlation with a p-value and a bootstrap interval needs at least 3", run.Error.Trim());
        Assert.False(File.Exists(dir.File("merged.json")));
    }

    [Fact]
    public void AMeasureMissingInSomeRunsOrConstantHasANoteNotNaNStatistics()
    {
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        var json = WrittenPart(part);
        var runs = json["runs"]!.AsArray();
        foreach (var r in runs) r!["measures"]!["hessian_trace"] = 0;
        runs[1]!["measures"]!["hessian_top_eigenvalue"] = null;
        runs[1]!["details"]!["measure_notes"] = new JsonObject { ["hessian_top_eigenvalue"] = "not computed: the Hessian-vector product is not finite at these weights" };
        File.WriteAllText(dir.File("edited.json"), json.ToJsonString());

        var run = CliRun.Of("correlate", "--merge", dir.File("edited.json"), "--out", dir.File("merged.json")).Succeeded();
        Assert.DoesNotContain("NaN", run.Out, StringComparison.Ordinal);
        Assert.Contains("note: hessian_trace: the same value (0) in every run, and a correlation with a constant is undefined, no correlations", run.Out, StringComparison.Ordinal);
        Assert.Contains("note: hessian_top_eigenvalue: not computed in 1 of 3 runs (seed 108642: the Hessian-vector product is not finite at these weights), no correlations", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", File.ReadAllText(dir.File("merged.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void AnIntervalWithFewerThanTwoDefinedResamplesIsUndefinedNotNaN()
    {
        // One resample: its percentile interval needs two defined coefficients.
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        var json = WrittenPart(part);
        json["config"]!["study"]!["bootstrap_resamples"] = 1;
        File.WriteAllText(dir.File("one.json"), json.ToJsonString());

        var run = CliRun.Of("correlate", "--merge", dir.File("one.json"), "--out", dir.File("merged.json")).Succeeded();
        Assert.Contains("undefined (1 resample; an interval needs at least 2)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("1 of 1 resamples defined", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", run.Out, StringComparison.Ordinal);
        var statistic = CliRun.Json(dir.File("merged.json")).GetProperty("statistics")[0].GetProperty("pearson");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, statistic.GetProperty("ci_low").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, statistic.GetProperty("ci_high").ValueKind);
    }
}
