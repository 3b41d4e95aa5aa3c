using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Geometry;
using Teleport.Cli.Models;
using Teleport.Cli.Options;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport measure --model M --weights FILE.safetensors [--on test|train] [--samples N] [--exact-trace] --out FILE.json</c>:
/// the loss, Hessian trace, top Hessian eigenvalue, sharpness φ (and variants) and the orbit curvature ψ (the paper's and the exact mode) of saved weights.
/// </summary>
internal static class MeasureCommand
{
    public static Command Create(CliHost host)
    {
        var model = CliOption.Choice("--model", "The network the weights belong to: " + string.Join(", ", ModelRegistry.Names) + ".", "paper-mlp", ModelRegistry.Names);
        var weights = CliOption.RequiredFile("--weights", "The model's parameters, safetensors with PyTorch state_dict names (train --save-model writes them).");
        var dataset = CliOption.Choice("--dataset", "Data set: fashion-mnist (default; /usr/share/datasets/fashion-mnist or --data; without either, the embedded synthetic task, with a notice), mnist, cifar10 (need --data), synthetic.", "fashion-mnist", DatasetCatalog.Names);
        var data = CliOption.Folder("--data", "Folder with the data set's files.");
        var splitSeed = CliOption.Integer("--split-seed", "Seeds the 50k/10k split of the training images (--on train).", 1L, ValueRange<long>.Any);
        var on = CliOption.Choice("--on", "Measure on the first N samples of the official test set (file order) or of the training split.", "test", "test", "train");
        var samples = CliOption.Integer("--samples", "N, the samples measured on (sharpness: whole batches of 200 of them, or one batch of all N below 200).", 1000, ValueRange<int>.AtLeast(1));
        var exact = CliOption.Flag("--exact-trace", "The exact Hessian trace Σᵢ eᵢᵀHeᵢ (standard error 0) instead of Hutchinson's estimate.");
        var probes = CliOption.Integer("--trace-probes", "Rademacher probes of Hutchinson's trace estimate (without --exact-trace).", 100, ValueRange<int>.AtLeast(2));
        var tolerance = CliOption.Number("--eigenvalue-tolerance", "Relative residual ‖Hv − λv‖/|λ| the top eigenvalue is computed to (below 1: at 1 or more any vector passes, and 1e300 reported 1e-4 for a top eigenvalue of 1.7).", 1e-3, new ValueRange<double>(0, 1, MinExclusive: true, MaxExclusive: true));
        var seed = CliOption.Integer("--seed", "Seeds the probes, the Lanczos start and the sharpness directions.", 0L, ValueRange<long>.Any);
        var teleportSteps = CliOption.Integer("--teleport-steps", "First teleport the weights along the exact symmetries (‖∇L‖² ascent, this many steps, on the first 200 samples): the loss stays, the measures that are not symmetry-invariant move.", 0, ValueRange<int>.Between(0, 100_000));
        var teleportLr = CliOption.Number("--teleport-lr", "η of that teleport (log ascent).", 0.2, ValueRange<double>.Positive);
        var output = CliOption.File("--out", "Write the measures as JSON here (atomically).");
        var command = new Command("measure", "Measure a saved model's loss, Hessian trace and top eigenvalue, sharpness φ and curvature ψ on N samples.")
            { model, weights, dataset, data, splitSeed, on, samples, exact, probes, tolerance, seed, teleportSteps, teleportLr, output };
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            // Options the run would not read were taken without a word.
            if (result.GetValue(teleportSteps) == 0 && result.IsGiven(teleportLr))
                throw new UsageException("--teleport-lr is the η of the teleport --teleport-steps asks for, and --teleport-steps is 0: there is none.");
            if (result.GetValue(on) == "test" && result.IsGiven(splitSeed))
                throw new UsageException("--split-seed chooses the samples of the training split (--on train); --on test measures the official test set, which no seed changes.");
            if (result.GetValue(exact) && result.IsGiven(probes))
                throw new UsageException("--trace-probes sets Hutchinson's estimate of the trace; --exact-trace computes it exactly, with no probes.");
            return MeasureRun.Execute(host, new MeasureSettings
            {
                Model = result.GetValue(model)!,
                Weights = result.GetValue(weights)!,
                Dataset = DatasetCatalog.Parse(result.GetValue(dataset)!),
                DataDirectory = result.GetValue(data),
                SplitSeed = result.GetValue(splitSeed),
                OnTest = result.GetValue(on) == "test",
                Samples = result.GetValue(samples),
                ExactTrace = result.GetValue(exact),
                TraceProbes = result.GetValue(probes),
                EigenvalueTolerance = result.GetValue(tolerance),
                Seed = result.GetValue(seed),
                TeleportSteps = result.GetValue(teleportSteps),
                TeleportLearningRate = result.GetValue(teleportLr),
                Out = result.GetValue(output),
            });
        }));
        return command;
    }
}
