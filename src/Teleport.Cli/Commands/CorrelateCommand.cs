using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Geometry;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Geometry;
using Teleport.Geometry.Experiments;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport correlate</c>: the Table 1 study — R SGD runs, each measured on its final weights, the measures correlated
/// with test loss and generalisation gap. <c>--shard K/N</c> runs a part; <c>--merge PART…</c> joins parts into the
/// result one process would have written.
/// </summary>
internal static class CorrelateCommand
{
    public static Command Create(CliHost host)
    {
        var defaults = new CorrelationStudyOptions();
        var dataset = CliOption.Choice("--dataset", "Data set: fashion-mnist (default; the embedded synthetic task when it is not installed and no --data is given), mnist, cifar10 (need --data), synthetic.", "fashion-mnist", DatasetCatalog.Names);
        var data = CliOption.Folder("--data", "Folder with the data set's files.");
        var model = CliOption.Choice("--model", "The network: " + string.Join(", ", ModelRegistry.Names) + " (the paper: paper-mlp).", "paper-mlp", ModelRegistry.Names);
        var splitSeed = CliOption.Integer("--split-seed", "Seeds the 50k/10k split of the training images.", 1L, ValueRange<long>.Any);
        var runs = CliOption.Integer("--runs", "Runs R; run i starts from seed (i + 1)·54321 (the paper: 100). At least 3: a p-value has n − 2 degrees of freedom.", defaults.Runs,
            ValueRange<int>.Between(CorrelationStudyOptions.MinRuns, CorrelationStudyOptions.MaxRuns(defaults.SeedStep)));
        var epochs = CliOption.Integer("--epochs", "Epochs per run (the paper: 40).", defaults.Epochs, ValueRange<int>.AtLeast(0));
        var lr = CliOption.LearningRate("--lr", "SGD learning rate (the paper: 1e-2; 2e-2 for CIFAR-10).", defaults.LearningRate);
        var batch = CliOption.Integer("--batch-size", "Samples per training batch, in the data set's order (the paper: 20).", defaults.BatchSize, ValueRange<int>.AtLeast(1));
        var hessian = CliOption.Integer("--hessian-samples", "The Hessian measures use the first N training samples.", defaults.HessianSamples, ValueRange<int>.AtLeast(1));
        var sharpness = CliOption.Integer("--sharpness-batches", "Batches of 200 training samples for φ and the adaptive sharpness (the paper: 200).", defaults.SharpnessBatches, ValueRange<int>.AtLeast(1));
        var probes = CliOption.Integer("--trace-probes", "0: the exact Hessian trace (default); N ≥ 2: Hutchinson's estimate with N probes.", 0, ValueRange<int>.AtLeast(0));
        var bootstrap = CliOption.Integer("--bootstrap", "Bootstrap resamples per 95% interval (at least 2: an interval needs two coefficients).", defaults.BootstrapResamples, ValueRange<int>.Between(2, 10_000_000));
        var shard = CliOption.Text("--shard", "Run only part K of N (runs i with i mod N = K − 1) and write that part to --out, for --merge.", "K/N", ShardProblem);
        var merge = CliOption.FileList("--merge", "Merge these part files (from --shard) into the result instead of running.");
        var output = CliOption.RequiredFile("--out", "The result JSON (or, with --shard, the part), written atomically.");
        var report = CliOption.Folder("--report", "Write a report folder: report.md and a scatter plot per measure and target.");
        var limitTrain = CliOption.OptionalInteger("--limit-train", "Use only the first N training samples.", ValueRange<int>.AtLeast(1)).Hide();
        var limitTest = CliOption.OptionalInteger("--limit-test", "Use only the first N test samples.", ValueRange<int>.AtLeast(1)).Hide();
        var command = new Command("correlate", "The Table 1 study: R SGD runs, their sharpness and curvature measures correlated with test loss and generalisation gap.")
            { dataset, data, model, splitSeed, runs, epochs, lr, batch, hessian, sharpness, probes, bootstrap, shard, merge, output, report, limitTrain, limitTest };
        Option[] studyOptions = [dataset, data, model, splitSeed, runs, epochs, lr, batch, hessian, sharpness, probes, bootstrap, shard, limitTrain, limitTest];
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            var parts = result.GetValue(merge) ?? [];
            if (parts.Length > 0)
                foreach (var option in studyOptions)
                    if (result.IsGiven(option))
                        throw new UsageException($"--merge takes every setting from the parts: {option.Name} does not apply.");
            if (result.GetValue(shard) is not null && result.GetValue(report) is not null)
                throw new UsageException("--report needs every run: write it when merging the parts (--merge … --report DIR).");
            var traceProbes = result.GetValue(probes);
            if (traceProbes is 1) throw new UsageException($"--trace-probes must be 0 (exact) or ≥ 2, not {traceProbes}.");
            CorrelationShard? part = result.GetValue(shard) is { } text ? CorrelationShard.Parse(text) : null;
            // Parts beyond the R-th would hold no run (run i goes to part i mod N + 1), yet load the data and write a part.
            if (part is { } p && p.Count > result.GetValue(runs))
                throw new UsageException($"--shard {p}: {Format.Count(p.Count, "part")} of {Format.Count(result.GetValue(runs), "run")} would leave {Format.Count(p.Count - result.GetValue(runs), "part")} with no run: split into at most {result.GetValue(runs)}.");
            var study = defaults with
            {
                Runs = result.GetValue(runs),
                Epochs = result.GetValue(epochs),
                LearningRate = result.GetValue(lr),
                BatchSize = result.GetValue(batch),
                HessianSamples = result.GetValue(hessian),
                SharpnessBatches = result.GetValue(sharpness),
                BootstrapResamples = result.GetValue(bootstrap),
                Measures = defaults.Measures with { ExactTrace = traceProbes == 0, TraceProbes = traceProbes == 0 ? defaults.Measures.TraceProbes : traceProbes },
            };
            return CorrelateRun.Execute(host, new CorrelateSettings
            {
                Merge = parts,
                Dataset = DatasetCatalog.Parse(result.GetValue(dataset)!),
                DataDirectory = result.GetValue(data),
                Model = result.GetValue(model)!,
                SplitSeed = result.GetValue(splitSeed),
                Study = study,
                Shard = part,
                Out = result.GetValue(output)!,
                Report = result.GetValue(report),
                LimitTrain = result.GetValue(limitTrain),
                LimitTest = result.GetValue(limitTest),
                Origins = new OptionOrigins(result),
            });
        }));
        return command;
    }

    /// <summary>Why <paramref name="text"/> is not a shard K/N, or null when it is.</summary>
    private static string? ShardProblem(string text)
    {
        try
        {
            CorrelationShard.Parse(text);
            return null;
        }
        catch (System.FormatException e)
        {
            return e.Message.Replace("--shard ", "", System.StringComparison.Ordinal);
        }
    }
}
