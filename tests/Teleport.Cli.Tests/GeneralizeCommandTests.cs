using System.IO;
using System.Linq;
using System.Text.Json;

namespace Teleport.Cli.Tests;

/// <summary><c>teleport generalize</c>: the Figure 4 experiment end to end on the synthetic task, its determinism, and its one-line errors.</summary>
public sealed class GeneralizeCommandTests
{
    private static readonly string[] Experiment =
        ["--dataset", "synthetic", "--limit-train", "400", "--limit-test", "100", "--seeds", "2", "--epochs", "3", "--teleport-epoch", "1",
         "--teleport-batch", "100", "--sharpness-directions", "2"];

    [Fact]
    public void WritesTheResultTheReportAndTheFigureAndIsDeterministic()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of(Small.Args("generalize", Experiment, ["--out", dir.File("a.json"), "--report", dir.File("report")])).Succeeded();
        Assert.Contains("seed 2/2", run.Out);
        Assert.Contains("curvature-down", run.Out);
        CliRun.Of(Small.Args("generalize", Experiment, ["--out", dir.File("b.json")])).Succeeded();

        var a = CliRun.Json(dir.File("a.json"));
        var b = CliRun.Json(dir.File("b.json"));
        Assert.Equal("teleport-generalize", a.GetProperty("kind").GetString());
        var arms = a.GetProperty("arms");
        Assert.Equal(5, arms.GetArrayLength());
        Assert.Equal("control", arms[0].GetProperty("name").GetString());
        Assert.Equal(3, arms[1].GetProperty("test_loss").GetProperty("median").GetArrayLength());
        Assert.Equal(2, arms[2].GetProperty("final_test_loss_minus_control").GetArrayLength());
        // the control arm is its own reference: every paired difference is 0
        foreach (var d in arms[0].GetProperty("final_test_loss_minus_control").EnumerateArray()) Assert.Equal(0, d.GetDouble());
        // the sharpness-down arm teleported 10 times per seed, each with its objective and drift logged
        var teleports = a.GetProperty("seeds")[0].GetProperty("arms")[2].GetProperty("teleports");
        Assert.Equal(10, teleports.GetArrayLength());
        foreach (var key in new[] { "objective_before", "objective_after", "batch_loss_before", "batch_loss_after", "train_loss_before", "train_loss_after", "stop_reason" })
            Assert.True(teleports[0].TryGetProperty(key, out _), key);
        // stop reasons in the run records' words (completed, cap_reached, …), not the enum's (Completed, CapReached)
        Assert.All(teleports.EnumerateArray(), t => Assert.Matches("^[a-z_]+$", t.GetProperty("stop_reason").GetString()!));
        // ψ before and after every teleport of every teleporting arm, finite and positive (a curvature); κ along M is the curvature arms' objective
        foreach (var seed in a.GetProperty("seeds").EnumerateArray())
            foreach (var armRun in seed.GetProperty("arms").EnumerateArray())
                foreach (var t in armRun.GetProperty("teleports").EnumerateArray())
                    foreach (var key in new[] { "psi_before", "psi_after" })
                    {
                        var psi = t.GetProperty(key).GetDouble();
                        Assert.True(double.IsFinite(psi) && psi > 0, $"{armRun.GetProperty("arm").GetString()} {key} {psi}");
                    }
        Assert.Equal("phi_tele", arms[2].GetProperty("objective").GetString());
        Assert.Equal("kappa_along_m", arms[3].GetProperty("objective").GetString());
        Assert.Equal(JsonValueKind.Null, arms[0].GetProperty("objective").ValueKind);
        Assert.True(double.IsFinite(arms[3].GetProperty("psi_after_over_before").GetProperty("median").GetDouble()));
        Assert.Equal("paper", a.GetProperty("config").GetProperty("experiment").GetProperty("psi").GetProperty("mode").GetString());
        // mean and std over the seeds per epoch: finite, std ≥ 0, the mean inside [min, max]
        foreach (var arm in arms.EnumerateArray())
            foreach (var curve in new[] { "train_loss", "test_loss", "test_accuracy", "test_loss_minus_control" })
            {
                var spread = arm.GetProperty(curve);
                var means = spread.GetProperty("mean").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                var stds = spread.GetProperty("std").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                var mins = spread.GetProperty("min").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                var maxs = spread.GetProperty("max").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.Equal(3, means.Length);
                Assert.Equal(3, stds.Length);
                for (var i = 0; i < means.Length; i++)
                {
                    Assert.True(double.IsFinite(means[i]) && double.IsFinite(stds[i]) && stds[i] >= 0, $"{curve}[{i}]");
                    Assert.InRange(means[i], mins[i] - 1e-12, maxs[i] + 1e-12);
                }
            }
        // two seeds whose test losses differ have a positive std at the last epoch (√((a − b)²/2))
        var lastTest = a.GetProperty("seeds").EnumerateArray().Select(s => s.GetProperty("arms")[0].GetProperty("epochs")[1].GetProperty("test_loss").GetDouble()).ToArray();
        Assert.Equal(System.Math.Abs(lastTest[0] - lastTest[1]) / System.Math.Sqrt(2), arms[0].GetProperty("test_loss").GetProperty("std")[2].GetDouble(), 1e-12);
        Assert.True(arms[0].GetProperty("test_loss").GetProperty("std")[2].GetDouble() > 0);
        // the same command gives the same numbers (everything is seeded; only the timings differ)
        Assert.Equal(a.GetProperty("arms")[2].GetProperty("test_loss").GetRawText(), b.GetProperty("arms")[2].GetProperty("test_loss").GetRawText());
        Assert.Equal(a.GetProperty("seeds")[1].GetProperty("arms")[3].GetProperty("epochs").GetRawText(), b.GetProperty("seeds")[1].GetProperty("arms")[3].GetProperty("epochs").GetRawText());
        foreach (var key in new[] { "psi_before", "psi_after" })
            Assert.Equal(a.GetProperty("seeds")[1].GetProperty("arms")[3].GetProperty("teleports")[0].GetProperty(key).GetDouble(),
                b.GetProperty("seeds")[1].GetProperty("arms")[3].GetProperty("teleports")[0].GetProperty(key).GetDouble());

        var report = File.ReadAllText(Path.Combine(dir.File("report"), "report.md"));
        Assert.Contains("## Final epoch against the control arm", report);
        Assert.Contains("figure4.png", report);
        Assert.Contains("ψ after/before", report);
        Assert.Contains("mean ± std", report);
        Assert.True(new FileInfo(Path.Combine(dir.File("report"), "figure4.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(dir.File("report"), "figure4-minus-control.png")).Length > 1000);
        // paired by seed, the control arm minus itself is 0 at every epoch
        foreach (var d in arms[0].GetProperty("test_loss_minus_control").GetProperty("max").EnumerateArray()) Assert.Equal(0, d.GetDouble());
    }

    [Fact]
    public void OneSeedHasZeroStandardDeviation()
    {
        using var dir = new TempFolder();
        CliRun.Of(Small.Args("generalize",
            ["--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--seeds", "1", "--epochs", "2", "--teleport-epoch", "1",
             "--teleport-batch", "50", "--sharpness-directions", "1"], ["--out", dir.File("one.json")])).Succeeded();
        var arms = CliRun.Json(dir.File("one.json")).GetProperty("arms");
        // the control arm has no teleports: its teleport ratios do not exist, and are null rather than "NaN"
        foreach (var key in new[] { "objective_after_over_before", "psi_after_over_before", "batch_loss_relative_drift", "train_loss_change" })
            foreach (var field in arms[0].GetProperty(key).EnumerateObject())
                Assert.True(field.Value.ValueKind == JsonValueKind.Null, $"control {key}.{field.Name}: {field.Value.GetRawText()}");
        Assert.DoesNotContain("NaN", File.ReadAllText(dir.File("one.json")));
        foreach (var arm in arms.EnumerateArray())
            foreach (var curve in new[] { "train_loss", "test_loss" })
            {
                var spread = arm.GetProperty(curve);
                Assert.All(spread.GetProperty("std").EnumerateArray(), v => Assert.Equal(0, v.GetDouble()));
                Assert.Equal(spread.GetProperty("median").GetRawText(), spread.GetProperty("mean").GetRawText());
            }
    }

    [Fact]
    public void PerSeedLinesReportOnlyTheTeleportsThatMovedTheWeights()
    {
        using var dir = new TempFolder();
        // with no drift allowed every step is rejected: the weights never move, whatever SGD does between the teleports
        var run = CliRun.Of(Small.Args("generalize",
            ["--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--seeds", "1", "--epochs", "2", "--teleport-epoch", "1",
             "--teleport-batch", "50", "--sharpness-directions", "1", "--drift-tolerance", "0"], ["--out", dir.File("still.json")])).Succeeded();
        var lines = run.Out.Split('\n').Where(l => l.StartsWith("seed 1/1", System.StringComparison.Ordinal) && !l.Contains(" control:")).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Contains(", 1 seed × 5 arms,", run.Out, System.StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Contains("none moved the weights", l));
        Assert.All(lines, l => Assert.DoesNotContain("→", l));
        Assert.Contains("10 teleports, none moved the weights (10 rejected: drift beyond --drift-tolerance)", run.Out);

        // where teleports did move, the line's ratios are per teleport, as the table's: after/before of the same teleport
        var json = CliRun.Json(dir.File("still.json"));
        foreach (var armRun in json.GetProperty("seeds")[0].GetProperty("arms").EnumerateArray())
            foreach (var t in armRun.GetProperty("teleports").EnumerateArray())
                Assert.Equal(t.GetProperty("objective_before").GetDouble(), t.GetProperty("objective_after").GetDouble());
    }

    [Fact]
    public void BadOptionsAreOneLineErrorsNamingTheOption()
    {
        using var dir = new TempFolder();
        var run = CliRun.Of("generalize", "--dataset", "synthetic", "--epochs", "5", "--teleport-epoch", "5", "--out", dir.File("r.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: --teleport-epoch 5 must be less than --epochs 5: the teleports happen in epoch 6.", run.Error.Trim());

        run = CliRun.Of("generalize", "--dataset", "synthetic", "--limit-train", "300", "--teleport-batch", "2000", "--out", dir.File("r.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--teleport-batch 2000 is more than the 300 training samples", run.Error);
        Assert.DoesNotContain('\n', run.Error.Trim());

        run = CliRun.Of("generalize", "--dataset", "synthetic", "--symmetries", "all", "--out", dir.File("r.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--symmetries", run.Error);

        run = CliRun.Of("generalize", "--dataset", "synthetic", "--seeds", "0", "--out", dir.File("r.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--seeds", run.Error);
        Assert.False(File.Exists(dir.File("r.json")));
    }

    [Fact]
    public void AModelNoArmCanTeleportIsRefusedBeforeTrainingNamingTheArmAndWhy()
    {
        using var dir = new TempFolder();
        string[] small = ["--dataset", "synthetic", "--limit-train", "200", "--limit-test", "20", "--seeds", "1", "--epochs", "1", "--teleport-epoch", "0", "--teleport-batch", "20"];

        // no hidden layer: no symmetry at all
        var run = CliRun.Of(["generalize", .. small, "--model", "logistic", "--out", dir.File("r.json")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: The sharpness-up arm cannot teleport LogisticRegression: LogisticRegression has no LeastSquares symmetry for a batch of 20 (its symmetries: none).", run.Error.Trim());
        Assert.DoesNotContain("control", run.Out);

        // a CNN has channel symmetries but not the adjoint the sharpness objective differentiates through
        run = CliRun.Of(["generalize", .. small, "--model", "paper-cnn", "--out", dir.File("r.json")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: The sharpness-up arm cannot teleport PaperCnn: PaperCnn's convolutional symmetries have no derived adjoint of their action for the sharpness objective φ (the generator derives these only for dense, non-recurrent networks).", run.Error.Trim());
        Assert.DoesNotContain("ILieAlgebraAdjoint", run.Error, System.StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("r.json")));
    }
}
