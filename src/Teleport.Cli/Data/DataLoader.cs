using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Cli.Models;
using Teleport.Cli.Output;
using Teleport.Data;

namespace Teleport.Cli.Data;

/// <summary>
/// Loads <c>--dataset</c> for a model: Fashion-MNIST and MNIST as the paper's seeded 50 000 / 10 000 split of
/// the training images (the official 10 000 test images for evaluation), CIFAR-10's 50 000 / 10 000, or the
/// synthetic task generated to fit the model. Without an installed Fashion-MNIST (and no <c>--data</c>) it
/// falls back to the synthetic task of Fashion-MNIST's shape and says so.
/// </summary>
internal static class DataLoader
{
    /// <summary>The request: what to load, from where, how to split and how much to keep.</summary>
    internal sealed record Request(DatasetKind Kind, string? Directory, string DefaultFashionMnistDirectory, long SplitSeed, int? LimitTrain, int? LimitTest);

    /// <exception cref="TeleportDataException">A file is missing (with <c>--data</c>) or malformed.</exception>
    /// <exception cref="UsageException">MNIST or CIFAR-10 without <c>--data</c>.</exception>
    public static LoadedData Load(Request request, ModelEntry model) => request.Kind switch
    {
        DatasetKind.FashionMnist => FashionMnistOrFallback(request, model),
        DatasetKind.Mnist => Limit(Split(Require(request), "MNIST", request), "mnist", Require(request), Mnist.Locate(Require(request), "MNIST"), request),
        DatasetKind.Cifar10 => Limit(Cifar10.Load(Require(request)), "cifar10", Require(request), Cifar10.Locate(Require(request)), request),
        _ => Synthetic(RequireNoFolder(request), model, null),
    };

    /// <summary>
    /// The synthetic task is generated, not read: a <c>--data</c> folder beside it would be ignored, and with it the
    /// check that no output overwrites the files in that folder — so it is refused rather than quietly dropped.
    /// </summary>
    private static Request RequireNoFolder(Request request) => request.Directory is null ? request
        : throw new UsageException($"--data {request.Directory} is for a data set read from files (fashion-mnist, mnist, cifar10); "
            + $"--dataset {DatasetCatalog.Name(request.Kind)} is generated: drop --data, or name the data set its files hold.");

    private static LoadedData FashionMnistOrFallback(Request request, ModelEntry model)
    {
        var folder = request.Directory ?? request.DefaultFashionMnistDirectory;
        if (request.Directory is null)
        {
            try
            {
                Mnist.Locate(folder, "Fashion-MNIST");
            }
            catch (DatasetNotFoundException e)
            {
                var notice = $"Fashion-MNIST is not installed ({e.Message.Replace("Fashion-MNIST: ", "", StringComparison.Ordinal)}): "
                    + "training on the embedded synthetic task of its shape instead; install the Debian package dataset-fashion-mnist or pass --data DIR.";
                return Synthetic(request, model, notice);
            }
        }
        return Limit(Split(folder, "Fashion-MNIST", request), "fashion-mnist", folder, Mnist.Locate(folder, "Fashion-MNIST"), request);
    }

    /// <summary>The paper's split of an MNIST-format training set: 10 000 images held out for validation.</summary>
    private static DatasetSplits Split(string folder, string name, Request request) =>
        Mnist.LoadWithValidation(folder, name, FashionMnist.PaperValidationCount, request.SplitSeed);

    private static string Require(Request request) =>
        request.Directory ?? throw new UsageException($"--dataset {DatasetCatalog.Name(request.Kind)} needs --data DIR (the folder with its files).");

    private static LoadedData Limit(DatasetSplits splits, string name, string folder, string[] files, Request request)
    {
        var notes = new List<string>();
        if (BothForms(files) is { } both) notes.Add(both);
        if (Beyond("--limit-train", request.LimitTrain, splits.Train) is { } train) notes.Add(train);
        if (Beyond("--limit-test", request.LimitTest, splits.Test) is { } test) notes.Add(test);
        return new(Take(splits.Train, request.LimitTrain), Take(splits.Test, request.LimitTest), name, System.IO.Path.GetFullPath(folder), null)
        {
            Files = files,
            Notes = notes,
        };
    }

    /// <summary>A limit above what the set holds, said (a bad-input sweep: --limit-train 2000 on a set of 100 trained on 100 without a word).</summary>
    private static string? Beyond(string option, int? limit, Dataset? set) =>
        limit is { } n && set is not null && n > set.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{option} {n}: {set.Name} holds only {set.Count} samples; using all of them.")
            : null;

    /// <summary>
    /// Files read raw while a .gz of the same name lies beside them (the loader prefers the raw file): said, since the two
    /// may differ — a half-finished gunzip, an older download — and the run's numbers come from the one read.
    /// </summary>
    private static string? BothForms(string[] files)
    {
        var both = Array.FindAll(files, f => !f.EndsWith(".gz", StringComparison.Ordinal) && System.IO.File.Exists(f + ".gz"));
        if (both.Length == 0) return null;
        var first = System.IO.Path.GetFileName(both[0]);
        var more = both.Length == 1 ? "" : $" (and {both.Length - 1} more such pair{(both.Length == 2 ? "" : "s")})";
        return $"{System.IO.Path.GetDirectoryName(both[0])} holds both {first} and {first}.gz{more}: reading the uncompressed files; delete one form if they differ.";
    }

    private static Dataset Take(Dataset set, int? limit) =>
        limit is { } n && n < set.Count ? set.Slice(0, n, set.Name) : set;

    /// <summary>
    /// The synthetic task for the model: the NeurIPS 2022 regression (4 samples, no test set) for an MSE model,
    /// else <see cref="SyntheticClassification"/> with the model's input and output sizes (10 000 / 2 000 samples).
    /// The data are seeded by the split seed, so they do not change with <c>--seed</c>.
    /// </summary>
    private static LoadedData Synthetic(Request request, ModelEntry model, string? notice)
    {
        var info = model.Info;
        // The generators take a 32-bit seed: --split-seed 4294967297 made the data of --split-seed 1 without a word, and
        // the record said 4294967297 (the image sets' split takes all 64 bits).
        if (request.SplitSeed is < int.MinValue or > int.MaxValue)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--split-seed {request.SplitSeed}: the synthetic data are generated from a 32-bit seed, in [{int.MinValue}, {int.MaxValue}]; this one would give the data of --split-seed {unchecked((int)request.SplitSeed)}."));
        var seed = (int)request.SplitSeed;
        if (info.Loss == LossKind.MeanSquaredError)
        {
            var dims = info.InputSize == SyntheticRegression.PaperDims[0] && info.OutputSize == SyntheticRegression.PaperDims[^1]
                ? SyntheticRegression.PaperDims
                : [info.InputSize, info.OutputSize];
            var set = SyntheticRegression.Create(dims, SyntheticRegression.PaperSamples, seed);
            // The sweep: `train --model regression --limit-test 5` ran without a word about a limit it could not apply.
            if (request.LimitTest is { } limit)
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--limit-test {limit}: synthetic-regression has no test set to limit (its {Format.Count(set.Count, "sample")} are all training samples); drop --limit-test."));
            return new(Take(set, request.LimitTrain), null, "synthetic-regression", "generated", notice)
            {
                Notes = Beyond("--limit-train", request.LimitTrain, set) is { } beyond ? [beyond] : [],
            };
        }
        var train = Math.Min(request.LimitTrain ?? int.MaxValue, SyntheticClassification.DefaultTrainCount);
        var test = Math.Min(request.LimitTest ?? int.MaxValue, SyntheticClassification.DefaultTestCount);
        var options = new SyntheticClassificationOptions { FeatureCount = info.InputSize, ClassCount = info.OutputSize };
        var splits = SyntheticClassification.Create(train, test, seed, options);
        var notes = new List<string>();
        if (Beyond("--limit-train", request.LimitTrain, splits.Train) is { } beyondTrain) notes.Add(beyondTrain);
        if (Beyond("--limit-test", request.LimitTest, splits.Test) is { } beyondTest) notes.Add(beyondTest);
        return new(splits.Train, splits.Test, "synthetic-classification", "generated", notice) { Notes = notes };
    }
}
