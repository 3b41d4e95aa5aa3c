using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Geometry;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
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
        var dataset = new Option<string>("--dataset") { Description = "Data set: fashion-mnist (default), mnist (needs --data), synthetic.", DefaultValueFactory = _ => "fashion-mnist" }.AcceptOnlyFromAmong(DatasetCatalog.Names);
        var data = new Option<string?>("--data") { Description = "Folder with the data set's files.", HelpName = "DIR" };
        var model = new Option<string>("--model") { Description = "The network: " + string.Join(", ", ModelRegistry.Names) + " (the paper: paper-mlp).", DefaultValueFactory = _ => "paper-mlp" }.AcceptOnlyFromAmong(ModelRegistry.Names);
        var splitSeed = new Option<long>("--split-seed") { Description = "Seeds the 50k/10k split of the training images.", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Runs R; run i starts from seed (i + 1)·54321 (the paper: 100).", DefaultValueFactory = _ => defaults.Runs };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per run (the paper: 40).", DefaultValueFactory = _ => defaults.Epochs };
        var lr = new Option<double>("--lr") { Description = "SGD learning rate (the paper: 1e-2; 2e-2 for CIFAR-10).", DefaultValueFactory = _ => defaults.LearningRate };
        var batch = new Option<int>("--batch-size") { Description = "Samples per training batch, in the data set's order (the paper: 20).", DefaultValueFactory = _ => defaults.BatchSize };
        var hessian = new Option<int>("--hessian-samples") { Description = "The Hessian measures use the first N training samples.", DefaultValueFactory = _ => defaults.HessianSamples };
        var sharpness = new Option<int>("--sharpness-batches") { Description = "Batches of 200 training samples for φ and the adaptive sharpness (the paper: 200).", DefaultValueFactory = _ => defaults.SharpnessBatches };
        var probes = new Option<int>("--trace-probes") { Description = "0: the exact Hessian trace (default); N ≥ 2: Hutchinson's estimate with N probes.", DefaultValueFactory = _ => 0 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples per 95% interval.", DefaultValueFactory = _ => defaults.BootstrapResamples };
        var shard = new Option<string?>("--shard") { Description = "Run only part K of N (runs i with i mod N = K − 1) and write that part to --out, for --merge.", HelpName = "K/N" };
        var merge = new Option<string[]>("--merge") { Description = "Merge these part files (from --shard) into the result instead of running.", HelpName = "PART", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "The result JSON (or, with --shard, the part), written atomically.", HelpName = "FILE", Required = true };
        var report = new Option<string?>("--report") { Description = "Write a report folder: report.md and a scatter plot per measure and target.", HelpName = "DIR" };
        var limitTrain = new Option<int?>("--limit-train") { Description = "Use only the first N training samples.", Hidden = true };
        var limitTest = new Option<int?>("--limit-test") { Description = "Use only the first N test samples.", Hidden = true };
        var command = new Command("correlate", "The Table 1 study: R SGD runs, their sharpness and curvature measures correlated with test loss and generalisation gap.")
            { dataset, data, model, splitSeed, runs, epochs, lr, batch, hessian, sharpness, probes, bootstrap, shard, merge, output, report, limitTrain, limitTest };
        Option[] studyOptions = [dataset, data, model, splitSeed, runs, epochs, lr, batch, hessian, sharpness, probes, bootstrap, shard, limitTrain, limitTest];
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            var parts = result.GetValue(merge) ?? [];
            if (parts.Length > 0)
                foreach (var option in studyOptions)
                    if (result.GetResult(option) is { Implicit: false })
                        throw new UsageException($"--merge takes every setting from the parts: {option.Name} does not apply.");
            if (result.GetValue(shard) is not null && result.GetValue(report) is not null)
                throw new UsageException("--report needs every run: write it when merging the parts (--merge … --report DIR).");
            var traceProbes = result.GetValue(probes);
            if (traceProbes is 1 or < 0) throw new UsageException($"--trace-probes must be 0 (exact) or ≥ 2, not {traceProbes}.");
            CorrelationShard? part = null;
            if (result.GetValue(shard) is { } text)
            {
                try
                {
                    part = CorrelationShard.Parse(text);
                }
                catch (System.FormatException e)
                {
                    throw new UsageException(e.Message);
                }
            }
            var study = defaults with
            {
                Runs = OptionChecks.AtLeast("--runs", result.GetValue(runs), 1),
                Epochs = OptionChecks.AtLeast("--epochs", result.GetValue(epochs), 0),
                LearningRate = OptionChecks.Positive("--lr", result.GetValue(lr)),
                BatchSize = OptionChecks.AtLeast("--batch-size", result.GetValue(batch), 1),
                HessianSamples = OptionChecks.AtLeast("--hessian-samples", result.GetValue(hessian), 1),
                SharpnessBatches = OptionChecks.AtLeast("--sharpness-batches", result.GetValue(sharpness), 1),
                BootstrapResamples = OptionChecks.AtLeast("--bootstrap", result.GetValue(bootstrap), 1),
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
                LimitTrain = result.GetValue(limitTrain) is { } t ? OptionChecks.AtLeast("--limit-train", t, 1) : null,
                LimitTest = result.GetValue(limitTest) is { } u ? OptionChecks.AtLeast("--limit-test", u, 1) : null,
            });
        }));
        return command;
    }
}
