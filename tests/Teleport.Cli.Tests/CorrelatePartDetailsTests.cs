using System;
using System.IO;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>correlate --merge</c> checks each run's <c>details</c> against what the study writes there (the bad-input sweep
/// merged <c>hessian_trace_stderr: -5</c>, <c>lanczos_iterations: -18</c> and <c>converged: "yes"</c> into the result):
/// one line naming the part and the field.
/// </summary>
public sealed class CorrelatePartDetailsTests
{
    private static readonly string[] Study =
        ["--dataset", "synthetic", "--limit-train", "300", "--limit-test", "100", "--runs", "3", "--epochs", "1", "--hessian-samples", "50", "--sharpness-batches", "1", "--bootstrap", "50"];

    private const string Written = "test_accuracy, hessian_trace_method, hessian_trace_stderr, hessian_top_eigenvalue_relative_residual, hessian_top_eigenvalue_converged, lanczos_iterations, sharpness_phi_mean_perturbed_loss, sharpness_phi_mean_loss, curvature_psi_note, measure_notes";

    [Fact]
    public void APartWithADetailTheStudyDoesNotWriteIsRefusedNamingTheFileAndTheField()
    {
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        CliRun.Of(Small.Args("correlate", Study, ["--shard", "1/1", "--out", part])).Succeeded();
        const string d = "\"runs[1].details.";
        var cases = new (Action<JsonObject> Edit, string Expected)[]
        {
            (x => x["hessian_trace_stderr"] = -5, d + "hessian_trace_stderr\" is -5: a standard error is ≥ 0"),
            (x => x["hessian_trace_stderr"] = "Infinity", d + "hessian_trace_stderr\" is Infinity: the study writes a standard error it could not compute as null"),
            (x => x["hessian_trace_stderr"] = "big", d + "hessian_trace_stderr\" is a string, not a number or null"),
            (x => x["lanczos_iterations"] = -18, d + "lanczos_iterations\" is -18, less than 1"),
            (x => x["lanczos_iterations"] = 2.5, d + "lanczos_iterations\" is 2.5, not an integer"),
            (x => x["hessian_top_eigenvalue_converged"] = "yes", d + "hessian_top_eigenvalue_converged\" is a string, not true or false"),
            (x => x["hessian_top_eigenvalue_relative_residual"] = -0.25, d + "hessian_top_eigenvalue_relative_residual\" is -0.25: a relative residual is ≥ 0"),
            (x => x["sharpness_phi_mean_loss"] = -1, d + "sharpness_phi_mean_loss\" is -1: a cross-entropy loss is ≥ 0"),
            (x => x["sharpness_phi_mean_perturbed_loss"] = false, d + "sharpness_phi_mean_perturbed_loss\" is a boolean, not a number or null"),
            (x => x["hessian_trace_method"] = "guess", d + "hessian_trace_method\" is \"guess\", not a trace method of the study (hutchinson, exact_per_parameter, exact_first_layer_blocks)"),
            (x => { x["hessian_trace_method"] = "exact_per_parameter"; x["hessian_trace_stderr"] = 0.5; },
                d + "hessian_trace_stderr\" is 0.5, but the trace is exact_per_parameter: an exact trace has standard error 0"),
            (x => x["curvature_psi_note"] = 3, d + "curvature_psi_note\" is a number, not a string"),
            (x => x["test_accuracy"] = 0.125, d + "test_accuracy\" is 0.125, but the run's test_accuracy is "),
            (x => x.Remove("lanczos_iterations"), d + "lanczos_iterations\" is missing: a part's runs hold every detail the study writes"),
            (x => x["my_detail"] = 1, d + $"my_detail\" is not a detail the study writes ({Written})"),
        };
        foreach (var (edit, expected) in cases)
        {
            var json = JsonNode.Parse(File.ReadAllText(part))!;
            edit(json["runs"]![1]!["details"]!.AsObject());
            File.WriteAllText(dir.File("bad.json"), json.ToJsonString());
            var run = CliRun.Of("correlate", "--merge", dir.File("bad.json"), "--out", dir.File("merged.json"));
            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"teleport: bad.json: {expected}", line, StringComparison.Ordinal);
            Assert.False(File.Exists(dir.File("merged.json")));
        }

        // The study's own part merges, and so do the nulls it writes for numbers it could not compute.
        CliRun.Of("correlate", "--merge", part, "--out", dir.File("merged.json")).Succeeded();
        File.Delete(dir.File("merged.json"));
        var nulls = JsonNode.Parse(File.ReadAllText(part))!;
        var details = nulls["runs"]![1]!["details"]!.AsObject();
        foreach (var key in new[] { "hessian_trace_stderr", "hessian_top_eigenvalue_relative_residual", "sharpness_phi_mean_perturbed_loss", "sharpness_phi_mean_loss", "curvature_psi_note" })
            details[key] = null;
        File.WriteAllText(dir.File("nulls.json"), nulls.ToJsonString());
        CliRun.Of("correlate", "--merge", dir.File("nulls.json"), "--out", dir.File("merged.json")).Succeeded();
    }

    [Fact]
    public void AHutchinsonPartWithItsStandardErrorsMerges()
    {
        // The exact trace (the default) writes a standard error of 0; Hutchinson's estimate writes s/√probes > 0.
        using var dir = new TempFolder();
        var part = dir.File("part.json");
        CliRun.Of(Small.Args("correlate", Study, ["--trace-probes", "4", "--shard", "1/1", "--out", part])).Succeeded();
        var details = JsonNode.Parse(File.ReadAllText(part))!["runs"]![0]!["details"]!;
        Assert.Equal("hutchinson", details["hessian_trace_method"]!.GetValue<string>());
        Assert.True(details["hessian_trace_stderr"]!.GetValue<double>() > 0);
        CliRun.Of("correlate", "--merge", part, "--out", dir.File("merged.json")).Succeeded();
    }
}
