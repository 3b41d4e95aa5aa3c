using System.IO;
using System.Text.Json;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>teleport meta-train</c> and <c>meta-test</c>: a meta-network trained and saved, then tested on the held-out tasks
/// next to GD — the saved file reproduces the losses of the network it was written from (the one-shot <c>meta</c>
/// command's LSTM(lr, tele) column with the same seed and sizes); bad files are one-line errors.
/// </summary>
public sealed class MetaTrainTestCommandTests
{
    [Fact]
    public void ASavedMetaNetworkTestsLikeTheNetworkItWasWrittenFrom()
    {
        using var dir = new TempFolder();
        var trained = CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "2", "--steps", "20", "--seed", "3",
            "--out", dir.File("tele.safetensors"), "--curve", dir.File("curve.json")).Succeeded();
        Assert.Contains("task 2/2", trained.Out);
        Assert.Equal(4, CliRun.Json(dir.File("curve.json")).GetProperty("arms")[0].GetProperty("meta_losses").GetArrayLength());

        var tested = CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--test-tasks", "2", "--steps", "20", "--out", dir.File("test.json")).Succeeded();
        Assert.Contains("LSTM(lr, tele) [tele]", tested.Out);
        var arms = CliRun.Json(dir.File("test.json")).GetProperty("arms");
        Assert.Equal("GD", arms[0].GetProperty("name").GetString());

        CliRun.Of("meta", "--train-tasks", "2", "--steps", "20", "--test-tasks", "2", "--seed", "3", "--out", dir.File("meta.json")).Succeeded();
        var oneShot = CliRun.Json(dir.File("meta.json")).GetProperty("arms")[2];
        Assert.Equal("LSTM(lr, tele)", oneShot.GetProperty("name").GetString());
        for (var task = 0; task < 2; task++)
            for (var e = 0; e < 20; e++)
                Assert.Equal(oneShot.GetProperty("losses")[task][e].GetDouble(), arms[1].GetProperty("losses")[task][e].GetDouble());
    }

    [Fact]
    public void MetaTestRunsOnTheGaussianTaskFamilyAndSaysSo()
    {
        using var dir = new TempFolder();
        CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "2", "--steps", "20", "--out", dir.File("tele.safetensors")).Succeeded();
        var paper = CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--test-tasks", "2", "--steps", "10", "--out", dir.File("paper.json")).Succeeded();
        var gaussian = CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--test-tasks", "2", "--steps", "10", "--task-family", "gaussian",
            "--out", dir.File("gaussian.json")).Succeeded();
        Assert.Contains("the paper's U[0, 1) data", paper.Out);
        Assert.Contains("Gaussian data: a family meta-training did not see", gaussian.Out);
        var (p, g) = (CliRun.Json(dir.File("paper.json")), CliRun.Json(dir.File("gaussian.json")));
        Assert.Equal("paper", p.GetProperty("task_family").GetString());
        Assert.Equal("gaussian", g.GetProperty("task_family").GetString());
        // other data, so GD's first loss differs
        Assert.NotEqual(p.GetProperty("arms")[0].GetProperty("losses")[0][0].GetDouble(), g.GetProperty("arms")[0].GetProperty("losses")[0][0].GetDouble());

        var bad = CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--task-family", "normal");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--task-family", bad.Error);
        Assert.DoesNotContain('\n', bad.Error.Trim());
    }

    [Fact]
    public void TheUpdateVariantsTrainAndTestTogether()
    {
        using var dir = new TempFolder();
        var trained = CliRun.Of("meta-train", "--variant", "update", "--train-tasks", "1", "--steps", "10", "--second-order", "--out", dir.File("u.safetensors")).Succeeded();
        // One window: its meta-loss, not "the first and last 10 % of the 1 windows: x → x".
        Assert.Matches(@"Meta-loss \(Σ L over a window\) of the only window: [0-9.E+-]+\.", trained.Out);
        CliRun.Of("meta-train", "--variant", "update-tele", "--train-tasks", "1", "--steps", "10", "--out", dir.File("ut.safetensors")).Succeeded();
        var run = CliRun.Of("meta-test", "--meta", dir.File("u.safetensors"), dir.File("ut.safetensors"), "--test-tasks", "1", "--steps", "10").Succeeded();
        Assert.Contains("LSTM(update) [u]", run.Out);
        Assert.Contains("LSTM(update, tele) [ut]", run.Out);
        Assert.Contains("LSTM(update) [u]: mean step size", run.Out);
        Assert.Contains("; it does not teleport.", run.Out);
        Assert.Contains("LSTM(update, tele) [ut]: mean |ΔL| per teleport", run.Out);
    }

    [Fact]
    public void TheSameFileTwiceIsRefusedAndFilesOfOneNameAreToldApart()
    {
        // The same file twice made two arms with one label (and one JSON name).
        using var dir = new TempFolder();
        var path = dir.File("tele.safetensors");
        CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "1", "--steps", "10", "--out", path).Succeeded();
        var twice = CliRun.Of("meta-test", "--meta", path, path, "--test-tasks", "1", "--steps", "5", "--out", dir.File("test.json"));
        Assert.Equal(2, twice.ExitCode);
        Assert.Equal($"teleport: --meta: {path} is given twice; each file is one learner.", twice.Error.Trim());
        Assert.False(File.Exists(dir.File("test.json")));

        Directory.CreateDirectory(dir.File("other"));
        File.Copy(path, dir.File(Path.Combine("other", "tele.safetensors")));
        var apart = CliRun.Of("meta-test", "--meta", path, dir.File(Path.Combine("other", "tele.safetensors")), "--test-tasks", "1", "--steps", "5", "--out", dir.File("test.json")).Succeeded();
        var arms = CliRun.Json(dir.File("test.json")).GetProperty("arms");
        Assert.Equal($"LSTM(lr, tele) [{Path.ChangeExtension(path, null)}]", arms[1].GetProperty("name").GetString());
        Assert.Equal($"LSTM(lr, tele) [{Path.Combine(dir.Path, "other", "tele")}]", arms[2].GetProperty("name").GetString());
    }

    [Fact]
    public void BadFilesAndOptionsAreOneLineErrors()
    {
        using var dir = new TempFolder();
        var missing = CliRun.Of("meta-test", "--meta", dir.File("none.safetensors"));
        Assert.Equal(ExitCodes.DataError, missing.ExitCode);
        Assert.Contains("none.safetensors", missing.Error);

        // A safetensors file that is not a meta-network: its metadata has no variant.
        CliRun.Of("train", "--dataset", "synthetic", "--limit-train", "40", "--limit-test", "20", "--epochs", "1", "--save-model", dir.File("mlp.safetensors")).Succeeded();
        var notMeta = CliRun.Of("meta-test", "--meta", dir.File("mlp.safetensors"));
        Assert.Equal(ExitCodes.DataError, notMeta.ExitCode);
        Assert.Contains("variant", notMeta.Error);

        var variant = CliRun.Of("meta-train", "--variant", "sideways", "--out", dir.File("x.safetensors"));
        Assert.Equal(ExitCodes.UsageError, variant.ExitCode);
        Assert.Contains("--variant", variant.Error);
        var noOut = CliRun.Of("meta-train", "--variant", "lr");
        Assert.Equal(ExitCodes.UsageError, noOut.ExitCode);
        Assert.Contains("--out", noOut.Error);
        Assert.False(File.Exists(dir.File("x.safetensors")));
    }

    [Theory]
    [InlineData(2.952e5, 6.807e8, true)] // LSTM(update, tele), seed 1, the paper's 700 tasks: blew up at task 665
    [InlineData(2.835e5, 5.179e4, false)] // LSTM(update), seed 1: trained
    [InlineData(4.503e5, 5.507e5, false)] // LSTM(lr), 2 tasks: the tenths hold different tasks
    [InlineData(1.0, double.NaN, true)]
    [InlineData(1.0, double.PositiveInfinity, true)]
    public void MetaTrainingThatBlewUpIsSaidToHaveDiverged(double first, double last, bool warned)
    {
        var warning = Commands.MetaTrainCommand.DivergenceWarning(first, last);
        Assert.Equal(warned, warning is not null);
        if (warned) Assert.Contains("meta-training diverged, and the saved networks are its last state", warning);
    }

    [Fact]
    public void AnUnknownTeleportFormInTheMetadataIsRefused()
    {
        // Found by a bad-input sweep: any "form" but "exact" was tested as the Lie form, with exit 0.
        using var dir = new TempFolder();
        var path = dir.File("tele.safetensors");
        CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "1", "--steps", "10", "--out", path).Succeeded();
        var bytes = File.ReadAllBytes(path);
        var header = System.Text.Encoding.UTF8.GetString(bytes, 8, (int)System.BitConverter.ToInt64(bytes, 0));
        var at = header.IndexOf("\"lie\"", header.IndexOf("\"form\"", System.StringComparison.Ordinal), System.StringComparison.Ordinal);
        Assert.True(at > 0, header);
        System.Text.Encoding.UTF8.GetBytes("\"zzz\"").CopyTo(bytes, 8 + at); // the same length: the header stays valid
        File.WriteAllBytes(path, bytes);
        var run = CliRun.Of("meta-test", "--meta", path, "--test-tasks", "1", "--steps", "10");
        Assert.Equal(ExitCodes.DataError, run.ExitCode);
        Assert.Contains("unknown teleport form \"zzz\" in the metadata (expected lie or exact)", run.Error);
        Assert.Contains("tele.safetensors", run.Error);
    }

    [Fact]
    public void AFormForALearnerThatDoesNotTeleportIsRefused()
    {
        // --variant lr --form exact trained and printed "teleport form ExactInverse": the lr learner never teleports.
        using var dir = new TempFolder();
        var run = CliRun.Of("meta-train", "--variant", "lr", "--form", "exact", "--train-tasks", "1", "--steps", "10", "--out", dir.File("lr.safetensors"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: --form shapes the teleport of U, and --variant lr does not teleport (lr-tele and update-tele do).", run.Error.Trim());
        Assert.False(File.Exists(dir.File("lr.safetensors")));
        var lr = CliRun.Of("meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "10", "--out", dir.File("lr.safetensors")).Succeeded();
        Assert.Contains("first-order meta-gradient, no teleport, seed 0)", lr.Out);
        var tele = CliRun.Of("meta-train", "--variant", "lr-tele", "--form", "exact", "--train-tasks", "1", "--steps", "10", "--out", dir.File("tele.safetensors")).Succeeded();
        Assert.Contains("first-order meta-gradient, teleport form exact, seed 0)", tele.Out);
    }

    [Fact]
    public void TheReportFoldersHoldReportMdAndTheFigures()
    {
        using var dir = new TempFolder();
        var trained = CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "2", "--steps", "20", "--seed", "1",
            "--out", dir.File("tele.safetensors"), "--report", dir.File("train-report")).Succeeded();
        Assert.Contains("meta-loss.png", trained.Out);
        Assert.Equal(["meta-loss.png", "report.md"], ReportAssert.Names(dir.File("train-report")));
        ReportAssert.IsPlot(Path.Combine(dir.File("train-report"), "meta-loss.png"));
        Assert.Contains("![meta-loss by window](meta-loss.png)", File.ReadAllText(Path.Combine(dir.File("train-report"), "report.md")));

        var tested = CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--test-tasks", "2", "--steps", "40",
            "--out", dir.File("test.json"), "--report", dir.File("test-report")).Succeeded();
        string[] figures = ["loss-by-step-30.png", "loss-by-step.png", "loss-by-time.png", "step-size.png", "teleport-loss-change.png"];
        Assert.Equal([.. figures[..3], "report.md", .. figures[3..]], ReportAssert.Names(dir.File("test-report")));
        foreach (var figure in figures) ReportAssert.IsPlot(Path.Combine(dir.File("test-report"), figure));
        var report = File.ReadAllText(Path.Combine(dir.File("test-report"), "report.md"));
        foreach (var figure in figures) Assert.Contains($"]({figure})", report);
        Assert.Contains("| GD |", report);
        Assert.Contains("LSTM(lr, tele) [tele]", report);
        Assert.Contains("`tele.safetensors`", report);
        // The table printed on the console is the report's table, line for line.
        var table = tested.Out[tested.Out.IndexOf("Test loss before step e", System.StringComparison.Ordinal)..tested.Out.IndexOf("Test time", System.StringComparison.Ordinal)];
        Assert.Contains(table.ReplaceLineEndings("\n"), report.ReplaceLineEndings("\n"));

        // Every recorded trace is finite; the wall time starts at 0 and never decreases; GD's step size is its fixed one.
        foreach (var arm in CliRun.Json(dir.File("test.json")).GetProperty("arms").EnumerateArray())
        {
            foreach (var name in new[] { "losses", "step_sizes", "teleport_loss_changes", "seconds" })
            {
                var rows = arm.GetProperty(name);
                Assert.Equal(2, rows.GetArrayLength());
                foreach (var row in rows.EnumerateArray())
                {
                    Assert.Equal(40, row.GetArrayLength());
                    foreach (var v in row.EnumerateArray()) Assert.Equal(JsonValueKind.Number, v.ValueKind);
                }
            }
            foreach (var row in arm.GetProperty("seconds").EnumerateArray())
            {
                Assert.Equal(0, row[0].GetDouble());
                for (var e = 1; e < 40; e++) Assert.True(row[e].GetDouble() >= row[e - 1].GetDouble());
            }
        }
        var gd = CliRun.Json(dir.File("test.json")).GetProperty("arms")[0];
        Assert.Equal(3e-4, gd.GetProperty("step_sizes")[1][7].GetDouble());
        var learned = CliRun.Json(dir.File("test.json")).GetProperty("arms")[1];
        Assert.Contains(learned.GetProperty("teleport_loss_changes")[0].EnumerateArray(), v => v.GetDouble() != 0);

        // Writing again replaces the earlier report.
        CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--test-tasks", "1", "--steps", "5", "--report", dir.File("test-report")).Succeeded();
        Assert.Contains("all 5 steps", File.ReadAllText(Path.Combine(dir.File("test-report"), "report.md")));
    }

    [Fact]
    public void AReportOnAFileOrAForeignFolderIsAOneLineErrorNamingTheOption()
    {
        using var dir = new TempFolder();
        CliRun.Of("meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "10", "--out", dir.File("lr.safetensors")).Succeeded();
        File.WriteAllText(dir.File("taken"), "a file");
        foreach (var line in new[]
        {
            new[] { "meta-test", "--meta", dir.File("lr.safetensors"), "--test-tasks", "1", "--steps", "5", "--report", dir.File("taken") },
            new[] { "meta-train", "--variant", "lr", "--train-tasks", "1", "--steps", "10", "--out", dir.File("again.safetensors"), "--report", dir.File("taken") },
        })
        {
            var run = CliRun.Of(line);
            // A folder option naming a file names the wrong kind of thing, as --out naming a folder does: a usage error.
            Assert.Equal(ExitCodes.UsageError, run.ExitCode);
            var error = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal($"teleport: --report {dir.File("taken")} is a file, not a folder.", error);
            Assert.Equal("a file", File.ReadAllText(dir.File("taken")));
        }
        Assert.False(File.Exists(dir.File("again.safetensors")));

        Directory.CreateDirectory(dir.File("foreign"));
        File.WriteAllText(Path.Combine(dir.File("foreign"), "notes.txt"), "mine");
        var foreign = CliRun.Of("meta-test", "--meta", dir.File("lr.safetensors"), "--test-tasks", "1", "--steps", "5", "--report", dir.File("foreign"));
        Assert.Equal(ExitCodes.DataError, foreign.ExitCode);
        Assert.Contains("notes.txt", foreign.Error);
        Assert.Equal(["notes.txt"], ReportAssert.Names(dir.File("foreign")));
    }
}
