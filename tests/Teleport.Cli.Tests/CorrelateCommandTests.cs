using System.IO;

namespace Teleport.Cli.Tests;

/// <summary><c>teleport correlate</c>: the study, sharded and merged into the same bytes as one process, and its errors.</summary>
public sealed class CorrelateCommandTests
{
    private static readonly string[] Study =
        ["--dataset", "synthetic", "--limit-train", "600", "--limit-test", "200", "--runs", "4", "--epochs", "1", "--hessian-samples", "50", "--sharpness-batches", "2", "--bootstrap", "200"];

    [Fact]
    public void CountsOfOneAreSingular()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of("correlate", "--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--runs", "3", "--epochs", "1", "--hessian-samples", "50",
            "--sharpness-batches", "1", "--bootstrap", "20", "--shard", "3/3", "--out", dir.File("p.json")).Succeeded();
        Assert.Contains("3 SGD runs of 1 epoch (", run.Out, System.StringComparison.Ordinal);
        Assert.Contains("shard 3/3: 1 run\n", run.Out.Replace("\r", ""), System.StringComparison.Ordinal);
        Assert.Contains("wrote part 3/3 (1 run) to", run.Out, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ShardedAndMergedIsTheOneProcessResultBitForBit()
    {
        using var dir = new TempFolder();
        var whole = CliRun.Of(Small.Args("correlate", Study, ["--out", dir.File("whole.json"), "--report", dir.File("whole-report")])).Succeeded();
        Assert.Contains("run 4/4", whole.Out);
        CliRun.Of(Small.Args("correlate", Study, ["--shard", "2/2", "--out", dir.File("part2.json")])).Succeeded();
        var first = CliRun.Of(Small.Args("correlate", Study, ["--shard", "1/2", "--out", dir.File("part1.json")])).Succeeded();
        Assert.Contains("shard 1/2: 2 runs", first.Out);
        CliRun.Of("correlate", "--merge", dir.File("part2.json"), dir.File("part1.json"), "--out", dir.File("merged.json"), "--report", dir.File("merged-report")).Succeeded();

        Assert.Equal(File.ReadAllBytes(dir.File("whole.json")), File.ReadAllBytes(dir.File("merged.json")));
        foreach (var file in Directory.GetFiles(dir.File("whole-report")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(dir.File("merged-report"), Path.GetFileName(file))));

        var json = CliRun.Json(dir.File("whole.json"));
        Assert.Equal("teleport-correlate", json.GetProperty("kind").GetString());
        Assert.Equal(4, json.GetProperty("runs").GetArrayLength());
        Assert.Equal(16, json.GetProperty("statistics").GetArrayLength()); // 8 measures (ψ in both modes) × 2 targets
        var statistic = json.GetProperty("statistics")[0];
        foreach (var kind in new[] { "pearson", "spearman" })
            foreach (var key in new[] { "r", "p", "ci_low", "ci_high" })
                Assert.True(statistic.GetProperty(kind).TryGetProperty(key, out _), $"{kind}.{key}");
        var report = File.ReadAllText(Path.Combine(dir.File("whole-report"), "report.md"));
        Assert.Contains("## Correlations", report);
        Assert.Contains("curvature_psi", report);
        Assert.Equal(17, Directory.GetFiles(dir.File("whole-report")).Length); // report.md and 16 scatter plots
    }

    [Fact]
    public void PartsThatDoNotMakeAStudyAreOneLineErrors()
    {
        using var dir = new TempFolder();
        CliRun.Of(Small.Args("correlate", Study, ["--shard", "1/2", "--out", dir.File("part1.json")])).Succeeded();

        var run = CliRun.Of("correlate", "--merge", dir.File("part1.json"), "--out", dir.File("merged.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("teleport: part1.json: shard 2/2 is missing from the parts given", run.Error.Trim());
        Assert.False(File.Exists(dir.File("merged.json")));

        run = CliRun.Of("correlate", "--merge", dir.File("part1.json"), "--runs", "8", "--out", dir.File("merged.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: --merge takes every setting from the parts: --runs does not apply.", run.Error.Trim());

        run = CliRun.Of(Small.Args("correlate", Study, ["--shard", "3/2", "--out", dir.File("p.json")]));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: --shard: 3/2: K must be between 1 and N", run.Error.Trim(), System.StringComparison.Ordinal);

        // one resample can never give an interval (it needs two coefficients): refused before any run
        run = CliRun.Of("correlate", "--dataset", "synthetic", "--bootstrap", "1", "--out", dir.File("p.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: --bootstrap: 1 is out of range; expected a whole number in [2, ", run.Error.Trim(), System.StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("p.json")));

        // Four runs in six parts: parts 5 and 6 would load the data, run nothing and write an empty part.
        run = CliRun.Of(Small.Args("correlate", Study, ["--shard", "5/6", "--out", dir.File("p.json")]));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: --shard 5/6: 6 parts of 4 runs would leave 2 parts with no run: split into at most 4.", run.Error.Trim());
        Assert.False(File.Exists(dir.File("p.json")));

        run = CliRun.Of(Small.Args("correlate", Study, ["--shard", "1/2", "--out", dir.File("p.json"), "--report", dir.File("r")]));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--report needs every run", run.Error);

        run = CliRun.Of("correlate", "--dataset", "synthetic", "--limit-train", "300", "--hessian-samples", "1000", "--out", dir.File("p.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--hessian-samples 1000 is more than the 300 training samples", run.Error);
        Assert.False(File.Exists(dir.File("p.json")));
    }

    [Fact]
    public void APartGivenTwiceIsNamedAsTheSameFileUnderEitherSpelling()
    {
        // The sweep: `--merge part1.json ./part1.json` said "part1.json: is shard 1/2, like part1.json" (exit 1), as if two
        // files held that shard; it is one file given twice, a usage error as `meta-test --meta` has it.
        using var dir = new TempFolder();
        var part = dir.File("part1.json");
        CliRun.Of("correlate", "--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--runs", "3", "--epochs", "1", "--hessian-samples", "50",
            "--sharpness-batches", "1", "--bootstrap", "20", "--shard", "1/2", "--out", part).Succeeded();
        var other = Path.Combine(dir.Path, ".", "part1.json");
        File.CreateSymbolicLink(dir.File("link.json"), part);
        foreach (var (twice, first) in new[] { (part, part), (other, part), (dir.File("link.json"), part) })
        {
            var run = CliRun.Of("correlate", "--merge", first, twice, "--out", dir.File("merged.json"));
            Assert.Equal(ExitCodes.UsageError, run.ExitCode);
            Assert.Equal($"teleport: --merge: {twice} is given twice{(twice == first ? "" : $" (as {first})")}; each part is merged once.", run.Error.Trim());
            Assert.False(File.Exists(dir.File("merged.json")));
        }
    }

    [Fact]
    public void AFileAnotherCommandWroteIsCalledWhatItIs()
    {
        // The sweep: a run record or a meta-train curve given to --merge said only "\"kind\" is missing".
        using var dir = new TempFolder();
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--out", dir.File("run.json")])).Succeeded();
        CliRun.Of("meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "10", "--out", dir.File("m.safetensors"), "--curve", dir.File("curve.json")).Succeeded();
        foreach (var (file, what) in new[]
                 {
                     ("run.json", "a `teleport train` or `compare` record"),
                     ("curve.json", "a `teleport meta-train` curve (its report is written by meta-train --report)"),
                 })
        {
            var run = CliRun.Of("correlate", "--merge", dir.File(file), "--out", dir.File("merged.json"));
            Assert.Equal(ExitCodes.DataError, run.ExitCode);
            Assert.Equal($"teleport: {file}: is {what}, not a part: --merge takes the files correlate --shard K/N writes", run.Error.Trim());
        }
    }
}
