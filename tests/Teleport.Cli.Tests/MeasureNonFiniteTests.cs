using System;
using System.IO;
using System.Text.Json;
using Teleport.Cli.Models;
using Teleport.Serialization;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>teleport measure</c> at weights that overflow float: a measure without a number is null with why (table and
/// JSON), never NaN, ±∞ or a stack trace; weights whose loss is not a number are a one-line error naming the file.
/// </summary>
public sealed class MeasureNonFiniteTests
{
    /// <summary>A table row whose value is NaN or ±∞ (a note may say "(NaN)" to explain a null).</summary>
    private const string NonFiniteValue = @"(?m)^ *[a-z_]+ +(NaN|-?Infinity|[+−-]?∞) ";

    private static string TrainedWeights(TempFolder dir)
    {
        var weights = dir.File("paper-mlp.safetensors");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--save-model", weights])).Succeeded();
        return weights;
    }

    /// <summary>A copy of <paramref name="weights"/> with every parameter changed by <paramref name="edit"/>(index, tensor name, value).</summary>
    private static string Edited(TempFolder dir, string weights, string name, Func<int, string, float, float> edit)
    {
        var info = ModelRegistry.Get("paper-mlp").Info;
        var parameters = new float[info.ParameterCount];
        SafeTensors.ReadParameters<float>(weights, info, parameters);
        foreach (var tensor in info.Tensors)
            for (var i = 0; i < tensor.Length; i++) parameters[tensor.Offset + i] = edit(i, tensor.Name, parameters[tensor.Offset + i]);
        var path = dir.File(name);
        SafeTensors.WriteParameters<float>(path, info, parameters);
        return path;
    }

    private static string[] Measure(string weights, string output) =>
        ["measure", "--weights", weights, "--dataset", "synthetic", "--samples", "200", "--trace-probes", "4", "--out", output];

    [Fact]
    public void ALongExactTeleportLabelsTheHessianMeasuresInsteadOfCrashing()
    {
        // 150 steps of S2 ascent scale the layers by g and 1/g until H·v overflows float (the second Lanczos product is
        // NaN); Lanczos used to pass the NaN to QL and throw "did not converge" out of Main (exit 134).
        using var dir = new TempFolder();
        var weights = TrainedWeights(dir);
        var path = dir.File("m.json");
        var run = CliRun.Of([.. Measure(weights, path), "--teleport-steps", "150"]).Succeeded();
        Assert.Matches(@"hessian_top_eigenvalue +null +not computed: the Hessian-vector product is not finite at these weights", run.Out);
        Assert.DoesNotMatch(NonFiniteValue, run.Out);
        var json = CliRun.Json(path);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("hessian_top_eigenvalue").ValueKind);
        Assert.StartsWith("not computed: the Hessian-vector product is not finite", json.GetProperty("measure_notes").GetProperty("hessian_top_eigenvalue").GetString(), StringComparison.Ordinal);
        Assert.False(json.GetProperty("hessian_top_eigenvalue_converged").GetBoolean());
        Assert.DoesNotContain("\"NaN\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void OneHugeWeightNullsTheMeasuresItOverflowsAndSaysWhy()
    {
        using var dir = new TempFolder();
        var big = Edited(dir, TrainedWeights(dir), "big.safetensors", (i, tensor, w) => tensor == "fc2.weight" && i == 0 ? 3e38f : w);
        var path = dir.File("m.json");
        var run = CliRun.Of(Measure(big, path)).Succeeded();
        Assert.Matches(@"adaptive_sharpness +null +not finite at these weights: the loss at the perturbed weights overflows", run.Out);
        Assert.DoesNotMatch(NonFiniteValue, run.Out);
        var json = CliRun.Json(path);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("adaptive_sharpness").ValueKind);
        Assert.StartsWith("not finite at these weights", json.GetProperty("measure_notes").GetProperty("adaptive_sharpness").GetString(), StringComparison.Ordinal);
        Assert.True(double.IsFinite(json.GetProperty("loss").GetDouble()));
        Assert.DoesNotContain("\"NaN\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsWhoseLossIsNotANumberAreAOneLineErrorNamingTheFile()
    {
        using var dir = new TempFolder();
        var big = Edited(dir, TrainedWeights(dir), "overflow.safetensors", (i, tensor, w) => tensor == "fc0.weight" && i == 0 ? 3e38f : w);
        var run = CliRun.Of(Measure(big, dir.File("m.json")));
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("teleport: overflow.safetensors: the loss on the first 200 test samples is NaN at these weights: they overflow float, so no measure is defined there", line);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public void AllZeroWeightsHaveAnUndefinedRelativeResidualNotInfinity()
    {
        // H = 0 there: λ = 0 with residual 0, an exact eigenpair whose relative residual ‖r‖/|λ| is 0/0.
        using var dir = new TempFolder();
        var zero = Edited(dir, TrainedWeights(dir), "zero.safetensors", (_, _, _) => 0f);
        var path = dir.File("m.json");
        var run = CliRun.Of(Measure(zero, path)).Succeeded();
        Assert.Contains("relative residual undefined (λ = 0; residual 0) after 1 iterations", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", run.Out, StringComparison.Ordinal);
        var json = CliRun.Json(path);
        Assert.Equal(0, json.GetProperty("hessian_top_eigenvalue").GetDouble());
        Assert.Equal(0, json.GetProperty("hessian_top_eigenvalue_residual").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("hessian_top_eigenvalue_relative_residual").ValueKind);
        Assert.True(json.GetProperty("hessian_top_eigenvalue_converged").GetBoolean());
    }

    [Fact]
    public void ATeleportFromZeroWeightsSaysHowTheGradientNormChangedWithoutNaN()
    {
        // All-zero weights have ∇L = 0 in every layer but the last: the teleport's ‖∇L‖² factor is 0/0, printed "×NaN".
        using var dir = new TempFolder();
        var zero = Edited(dir, TrainedWeights(dir), "zero.safetensors", (_, _, _) => 0f);
        var run = CliRun.Of("measure", "--weights", zero, "--dataset", "synthetic", "--samples", "10", "--exact-trace", "--teleport-steps", "2").Succeeded();
        Assert.DoesNotContain("NaN", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"‖∇L‖² (×[0-9.E+-]+|[0-9.E+-]+ → [0-9.E+-]+)\r?\n", run.Out);
    }
}
