using System.IO;
using System.Linq;

namespace Teleport.Cli.Tests;

/// <summary><c>teleport measure</c>: the JSON of DESIGN.md, and one-line errors for weights and sample counts that do not fit.</summary>
public sealed class MeasureCommandTests
{
    private static string TrainedWeights(TempFolder dir, string model = "paper-mlp")
    {
        var weights = dir.File(model + ".safetensors");
        // The regression task has no test set to limit (--limit-test is refused there).
        string[] data = model == "regression" ? ["--dataset", "synthetic"] : Small.Synthetic;
        CliRun.Of(Small.Args("train", data, ["--model", model, "--epochs", "1", "--save-model", weights])).Succeeded();
        return weights;
    }

    [Fact]
    public void WritesEveryMeasureWithTheExactTrace()
    {
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        var path = dir.File("measures.json");
        var run = CliRun.Of("measure", "--model", "paper-mlp", "--weights", weights, "--dataset", "synthetic", "--on", "train", "--samples", "250", "--exact-trace", "--out", path).Succeeded();
        Assert.Contains("hessian_trace", run.Out);

        var json = CliRun.Json(path);
        foreach (var key in new[] { "loss", "hessian_trace", "hessian_trace_stderr", "hessian_top_eigenvalue", "sharpness_phi", "curvature_psi", "samples", "seconds" })
            Assert.True(json.TryGetProperty(key, out _), key);
        Assert.Equal(250, json.GetProperty("samples").GetInt32());
        Assert.Equal(0, json.GetProperty("hessian_trace_stderr").GetDouble());
        Assert.Equal("exact_first_layer_blocks", json.GetProperty("hessian_trace_method").GetString());
        Assert.True(json.GetProperty("hessian_trace").GetDouble() > 0);
        Assert.True(json.GetProperty("hessian_top_eigenvalue").GetDouble() > 0);
        // ψ: one S3 orbit curve per batch of 200 (paper and exact modes), measured on the double twin
        Assert.True(json.GetProperty("curvature_psi").GetDouble() > 0);
        Assert.True(json.GetProperty("curvature_psi_exact").GetDouble() > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("curvature_psi_note").ValueKind);
        // φ on whole batches of 200: one batch of the 250 samples.
        Assert.Equal(200, json.GetProperty("sharpness_phi_samples").GetInt32());
        Assert.Equal(json.GetProperty("sharpness_phi_mean_perturbed_loss").GetDouble() / 200, json.GetProperty("sharpness_phi").GetDouble(), 15);
        Assert.Equal("train", json.GetProperty("config").GetProperty("on").GetString());
    }

    [Fact]
    public void HutchinsonByDefaultWithItsStandardErrorAndTheSameNumbersTwice()
    {
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        string[] args = ["measure", "--weights", weights, "--dataset", "synthetic", "--samples", "100", "--trace-probes", "20"];
        CliRun.Of([.. args, "--out", dir.File("a.json")]).Succeeded();
        CliRun.Of([.. args, "--out", dir.File("b.json")]).Succeeded();
        var a = CliRun.Json(dir.File("a.json"));
        var b = CliRun.Json(dir.File("b.json"));
        Assert.Equal("hutchinson", a.GetProperty("hessian_trace_method").GetString());
        Assert.True(a.GetProperty("hessian_trace_stderr").GetDouble() > 0);
        foreach (var key in new[] { "loss", "hessian_trace", "hessian_trace_stderr", "hessian_top_eigenvalue", "sharpness_phi", "adaptive_sharpness" })
            Assert.Equal(a.GetProperty(key).GetDouble(), b.GetProperty(key).GetDouble());
    }

    [Fact]
    public void AnExactTeleportFirstMovesTheHessianButNotTheLossOrTheAdaptiveSharpness()
    {
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        string[] args = ["measure", "--weights", weights, "--dataset", "synthetic", "--samples", "200", "--exact-trace"];
        CliRun.Of([.. args, "--out", dir.File("plain.json")]).Succeeded();
        var run = CliRun.Of([.. args, "--teleport-steps", "10", "--teleport-lr", "1", "--out", dir.File("teleported.json")]).Succeeded();
        Assert.Contains("teleported first (exact symmetries S2@0, S2@1", run.Out);
        var plain = CliRun.Json(dir.File("plain.json"));
        var teleported = CliRun.Json(dir.File("teleported.json"));
        var teleport = teleported.GetProperty("teleport");
        Assert.True(teleport.GetProperty("grad_norm_sq_after").GetDouble() > 1.5 * teleport.GetProperty("grad_norm_sq_before").GetDouble());
        double Relative(string key) => System.Math.Abs(teleported.GetProperty(key).GetDouble() / plain.GetProperty(key).GetDouble() - 1);
        Assert.True(Relative("loss") < 1e-5, $"loss moved {Relative("loss")}");
        Assert.True(Relative("adaptive_sharpness") < 1e-3, $"adaptive sharpness moved {Relative("adaptive_sharpness")}");
        Assert.True(Relative("hessian_trace") > 0.1, $"trace moved only {Relative("hessian_trace")}");
        Assert.True(Relative("hessian_top_eigenvalue") > 0.1, $"λmax moved only {Relative("hessian_top_eigenvalue")}");
    }

    [Fact]
    public void WeightsOfAnotherModelAreOneLineNamingTheTensor()
    {
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir, "regression");
        var path = dir.File("m.json");
        var run = CliRun.Of("measure", "--model", "paper-mlp", "--weights", weights, "--dataset", "synthetic", "--out", path);
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("teleport: regression.safetensors: tensor \"fc0.weight\" has shape [6, 5], PaperMlp needs [16, 784]", line);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ATextFileGivenAsWeightsIsSaidToBeText()
    {
        // The sweep: a run record given as --weights (or --meta) said only "header size 7957688064805964411 at byte 0 is absurd".
        using var dir = new TempFolder();
        var record = dir.File("run.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--out", record])).Succeeded();
        const string said = "run.json: header size 7957688064805964411 at byte 0 is absurd (limit 100000000): the file starts with text (\"{\\n  \"config\": {\\n…\"), not the binary header size of a safetensors file — a JSON record or another text file?";
        foreach (var args in new[] { new[] { "measure", "--weights", record, "--dataset", "synthetic" }, ["meta-test", "--meta", record] })
        {
            var run = CliRun.Of(args);
            Assert.Equal(ExitCodes.DataError, run.ExitCode);
            Assert.Equal("teleport: " + said, run.Error.Trim());
        }
    }

    [Fact]
    public void MoreSamplesThanTheDataIsAUsageErrorNamingTheCount()
    {
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        var run = CliRun.Of("measure", "--weights", weights, "--dataset", "synthetic", "--samples", "5000", "--out", dir.File("m.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: --samples 5000 is more than the 2000 samples of the synthetic-classification test set.", run.Error.Trim());

        run = CliRun.Of("measure", "--weights", dir.File("missing.safetensors"), "--dataset", "synthetic");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing.safetensors", run.Error);
        Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));

        run = CliRun.Of("measure", "--weights", weights, "--dataset", "synthetic", "--samples", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("teleport: --samples: 0 is out of range", run.Error.Trim(), System.StringComparison.Ordinal);
        Assert.Contains("≥ 1", run.Error, System.StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".json", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1e300")]
    public void AnEigenvalueToleranceOfOneOrMoreIsRefused(string tolerance)
    {
        // At a relative residual of 1 or more any vector passes: 1e300 reported 1e-4 for a top eigenvalue of 1.7.
        var run = CliRun.Of("measure", "--model", "paper-mlp", "--weights", "w.safetensors", "--dataset", "synthetic", "--eigenvalue-tolerance", tolerance);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"teleport: --eigenvalue-tolerance: {tolerance} is out of range; expected a number in (0, 1)", run.Error.Trim(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ATeleportThatStoppedEarlySaysWhy()
    {
        // A teleport that took no step printed "0 steps" and nothing more; the reason was only in the JSON. --teleport-lr
        // 1e-45: every step underflows to no change, so the teleport stops at once with no improvement.
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        var stopped = CliRun.Of("measure", "--model", "paper-mlp", "--weights", weights, "--dataset", "synthetic", "--samples", "200", "--trace-probes", "2", "--teleport-steps", "3", "--teleport-lr", "1e-45", "--out", dir.File("stopped.json")).Succeeded();
        Assert.Contains("0 steps on 200 samples; stopped: no_improvement, as the record's stop_reason says)", stopped.Out, System.StringComparison.Ordinal);
        // The run records' name for the reason (it read "NonFinite" here and "non_finite" in a train record).
        Assert.Equal("no_improvement", CliRun.Json(dir.File("stopped.json")).GetProperty("teleport").GetProperty("stop_reason").GetString());
        var completed = CliRun.Of("measure", "--model", "paper-mlp", "--weights", weights, "--dataset", "synthetic", "--samples", "200", "--trace-probes", "2", "--teleport-steps", "3").Succeeded();
        Assert.Contains("3 steps on 200 samples)", completed.Out, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--teleport-lr 0.5", "--teleport-lr is the η of the teleport --teleport-steps asks for, and --teleport-steps is 0: there is none.")]
    [InlineData("--split-seed 3", "--split-seed chooses the samples of the training split (--on train); --on test measures the official test set, which no seed changes.")]
    [InlineData("--exact-trace --trace-probes 7", "--trace-probes sets Hutchinson's estimate of the trace; --exact-trace computes it exactly, with no probes.")]
    public void AnOptionTheMeasurementWouldNotReadIsAUsageError(string args, string message)
    {
        // Each was taken without a word: no teleport ran, the exact trace used no probes, and the test set has no split.
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        var run = CliRun.Of(["measure", "--weights", weights, "--dataset", "synthetic", "--samples", "100", .. args.Split(' ')]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("teleport: " + message, run.Error.Trim());
    }

    [Fact]
    public void FewerThan200SamplesAreOneSharpnessBatchOfThemAll()
    {
        // "1 batches" was printed; φ keeps the paper's constant divisor 200 (mean perturbed loss / 200) on a short batch.
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        var run = CliRun.Of("measure", "--weights", weights, "--dataset", "synthetic", "--samples", "5", "--trace-probes", "2", "--out", dir.File("m.json")).Succeeded();
        Assert.Contains(", 1 batch ", run.Out + " ", System.StringComparison.Ordinal);
        Assert.DoesNotContain("1 batches", run.Out, System.StringComparison.Ordinal);
        var json = CliRun.Json(dir.File("m.json"));
        Assert.Equal(5, json.GetProperty("sharpness_phi_samples").GetInt32());
        Assert.Equal(json.GetProperty("sharpness_phi_mean_perturbed_loss").GetDouble() / 200, json.GetProperty("sharpness_phi").GetDouble(), 15);
    }
}
