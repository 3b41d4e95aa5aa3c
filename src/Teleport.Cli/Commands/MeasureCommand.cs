using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Geometry;
using Teleport.Cli.Models;
using Teleport.Cli.Options;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport measure --model M --weights FILE.safetensors [--on test|train] [--samples N] [--exact-trace] --out FILE.json</c>:
/// the loss, Hessian trace, top Hessian eigenvalue, sharpness φ (and variants) and ψ (null until issue 9 phase 2) of saved weights.
/// </summary>
internal static class MeasureCommand
{
    public static Command Create(CliHost host)
    {
        var model = new Option<string>("--model") { Description = "The network the weights belong to: " + string.Join(", ", ModelRegistry.Names) + ".", DefaultValueFactory = _ => "paper-mlp" }.AcceptOnlyFromAmong(ModelRegistry.Names);
        var weights = new Option<string>("--weights") { Description = "The model's parameters, safetensors with PyTorch state_dict names (train --save-model writes them).", HelpName = "FILE", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Data set: fashion-mnist (default; /usr/share/datasets/fashion-mnist or --data), mnist, cifar10 (need --data), synthetic.", DefaultValueFactory = _ => "fashion-mnist" }.AcceptOnlyFromAmong(DatasetCatalog.Names);
        var data = new Option<string?>("--data") { Description = "Folder with the data set's files.", HelpName = "DIR" };
        var splitSeed = new Option<long>("--split-seed") { Description = "Seeds the 50k/10k split of the training images (--on train).", DefaultValueFactory = _ => 1 };
        var on = new Option<string>("--on") { Description = "Measure on the first N samples of the official test set (file order) or of the training split.", DefaultValueFactory = _ => "test" }.AcceptOnlyFromAmong("test", "train");
        var samples = new Option<int>("--samples") { Description = "N, the samples measured on (sharpness: whole batches of 200 of them).", DefaultValueFactory = _ => 1000 };
        var exact = new Option<bool>("--exact-trace") { Description = "The exact Hessian trace Σᵢ eᵢᵀHeᵢ (standard error 0) instead of Hutchinson's estimate." };
        var probes = new Option<int>("--trace-probes") { Description = "Rademacher probes of Hutchinson's trace estimate (without --exact-trace).", DefaultValueFactory = _ => 100 };
        var tolerance = new Option<double>("--eigenvalue-tolerance") { Description = "Relative residual ‖Hv − λv‖/|λ| the top eigenvalue is computed to.", DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<long>("--seed") { Description = "Seeds the probes, the Lanczos start and the sharpness directions.", DefaultValueFactory = _ => 0 };
        var teleportSteps = new Option<int>("--teleport-steps") { Description = "First teleport the weights along the exact symmetries (‖∇L‖² ascent, this many steps, on the first 200 samples): the loss stays, the measures that are not symmetry-invariant move.", DefaultValueFactory = _ => 0 };
        var teleportLr = new Option<double>("--teleport-lr") { Description = "η of that teleport (log ascent).", DefaultValueFactory = _ => 0.2 };
        var output = new Option<string?>("--out") { Description = "Write the measures as JSON here (atomically).", HelpName = "FILE" };
        var command = new Command("measure", "Measure a saved model's loss, Hessian trace and top eigenvalue, sharpness φ and curvature ψ on N samples.")
            { model, weights, dataset, data, splitSeed, on, samples, exact, probes, tolerance, seed, teleportSteps, teleportLr, output };
        command.SetAction(result => CommandErrors.Guard(host, () => MeasureRun.Execute(host, new MeasureSettings
        {
            Model = result.GetValue(model)!,
            Weights = result.GetValue(weights)!,
            Dataset = DatasetCatalog.Parse(result.GetValue(dataset)!),
            DataDirectory = result.GetValue(data),
            SplitSeed = result.GetValue(splitSeed),
            OnTest = result.GetValue(on) == "test",
            Samples = OptionChecks.AtLeast("--samples", result.GetValue(samples), 1),
            ExactTrace = result.GetValue(exact),
            TraceProbes = OptionChecks.AtLeast("--trace-probes", result.GetValue(probes), 2),
            EigenvalueTolerance = OptionChecks.Positive("--eigenvalue-tolerance", result.GetValue(tolerance)),
            Seed = result.GetValue(seed),
            TeleportSteps = OptionChecks.AtLeast("--teleport-steps", result.GetValue(teleportSteps), 0),
            TeleportLearningRate = OptionChecks.Positive("--teleport-lr", result.GetValue(teleportLr)),
            Out = result.GetValue(output),
        })));
        return command;
    }
}
