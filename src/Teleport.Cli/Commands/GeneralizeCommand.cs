using System.CommandLine;
using Teleport.Cli.Data;
using Teleport.Cli.Geometry;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Geometry.Experiments;
using Teleport.Teleportation;

namespace Teleport.Cli.Commands;

/// <summary>
/// <c>teleport generalize</c>: the Figure 4 experiment — per seed the SGD baseline to a checkpoint, then from it a control
/// arm (no teleport) and arms that teleport to raise or lower the sharpness φ or the orbit curvature κ, test loss and
/// accuracy compared with the control arm over several seeds (median and range).
/// </summary>
internal static class GeneralizeCommand
{
    public static Command Create(CliHost host)
    {
        var defaults = new GeneralizationOptions();
        var dataset = CliOption.Choice("--dataset", "Data set: fashion-mnist (default; the embedded synthetic task when it is not installed), mnist, cifar10 (need --data), synthetic.", "fashion-mnist", DatasetCatalog.Names);
        var data = CliOption.Folder("--data", "Folder with the data set's files.");
        var model = CliOption.Choice("--model", "The network: " + string.Join(", ", ModelRegistry.Names) + " (the paper: paper-mlp).", "paper-mlp", ModelRegistry.Names);
        var splitSeed = CliOption.Integer("--split-seed", "Seeds the 50k/10k split of the training images.", 1L, ValueRange<long>.Any);
        var seeds = CliOption.Integer("--seeds", "Seeds S; seed i initialises with (i + 1)·54321 and has its own control arm.", defaults.Seeds, ValueRange<int>.Between(1, int.MaxValue / defaults.SeedStep));
        var epochs = CliOption.Integer("--epochs", "Epochs in all (the paper's plot: 40).", defaults.Epochs, ValueRange<int>.AtLeast(1));
        var teleportEpoch = CliOption.Integer("--teleport-epoch", "Epochs of the baseline before the teleports, which happen in the next epoch (the paper: 20).", defaults.TeleportEpoch, ValueRange<int>.AtLeast(0));
        var lr = CliOption.LearningRate("--lr", "SGD learning rate (the paper: 1e-2).", defaults.LearningRate);
        var batch = CliOption.Integer("--batch-size", "Samples per training batch, in the data set's order (the paper: 20).", defaults.BatchSize, ValueRange<int>.AtLeast(1));
        var teleportBatch = CliOption.Integer("--teleport-batch", "Samples per teleport, drawn without replacement (the paper: 2000).", defaults.TeleportBatch, ValueRange<int>.AtLeast(1));
        var directions = CliOption.Integer("--sharpness-directions", "Directions per radius of the sharpness objective (the paper: 100).", 4, ValueRange<int>.AtLeast(1));
        var drift = CliOption.Number("--drift-tolerance", "Largest relative loss change a teleport step may make on its batch (the paper has no guard).", defaults.DriftTolerance, ValueRange<double>.AtLeast(0));
        var symmetries = CliOption.Choice("--symmetries", "least-squares: S4, the paper's action (changes the loss); exact: S2 only (the loss cannot move).", "least-squares", "least-squares", "exact");
        var progress = CliOption.Flag("--require-progress", "Reject (and backtrack) a teleport step that moves the objective the wrong way (the paper does not check).");
        var output = CliOption.RequiredFile("--out", "The result JSON, written atomically.");
        var report = CliOption.Folder("--report", "Write a report folder: report.md, figure4.png (test and train loss by epoch, mean ± std over seeds) and figure4-minus-control.png (each arm's test loss minus its seed's control arm, median and range over seeds).");
        var limitTrain = CliOption.OptionalInteger("--limit-train", "Use only the first N training samples.", ValueRange<int>.AtLeast(1)).Hide();
        var limitTest = CliOption.OptionalInteger("--limit-test", "Use only the first N test samples.", ValueRange<int>.AtLeast(1)).Hide();
        var command = new Command("generalize", "The Figure 4 experiment: teleport to larger or smaller sharpness or curvature during training, against a control arm, over several seeds.")
            { dataset, data, model, splitSeed, seeds, epochs, teleportEpoch, lr, batch, teleportBatch, directions, drift, symmetries, progress, output, report, limitTrain, limitTest };
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            var total = result.GetValue(epochs);
            var first = result.GetValue(teleportEpoch);
            var origins = new OptionOrigins(result);
            if (first >= total)
                throw new UsageException($"{origins.Name(teleportEpoch.Name, first)} must be less than {origins.Name(epochs.Name, total)}: the teleports happen in epoch {first + 1}.");
            var name = DatasetCatalog.Parse(result.GetValue(dataset)!);
            var options = defaults with
            {
                Seeds = result.GetValue(seeds),
                Epochs = total,
                TeleportEpoch = first,
                LearningRate = result.GetValue(lr),
                BatchSize = result.GetValue(batch),
                TeleportBatch = result.GetValue(teleportBatch),
                SharpnessDirections = result.GetValue(directions),
                DriftTolerance = result.GetValue(drift),
                Symmetries = result.GetValue(symmetries) == "exact" ? SymmetrySet.Exact : SymmetrySet.LeastSquares,
                RequireProgress = result.GetValue(progress),
            };
            return GeneralizeRun.Execute(host, new GeneralizeSettings
            {
                Dataset = name,
                DataDirectory = result.GetValue(data),
                Model = result.GetValue(model)!,
                SplitSeed = result.GetValue(splitSeed),
                Options = options,
                Out = result.GetValue(output)!,
                Report = result.GetValue(report),
                LimitTrain = result.GetValue(limitTrain),
                LimitTest = result.GetValue(limitTest),
                Origins = origins,
            });
        }));
        return command;
    }
}
