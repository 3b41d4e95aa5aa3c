using System;
using System.Globalization;
using Teleport.Cli.Models;

namespace Teleport.Cli.Data;

/// <summary>Names of the data sets, their shapes, and which models they fit.</summary>
internal static class DatasetCatalog
{
    /// <summary>The <c>--dataset</c> names, in help order.</summary>
    public static readonly string[] Names = ["fashion-mnist", "mnist", "cifar10", "synthetic"];

    public static DatasetKind Parse(string name) => name switch
    {
        "fashion-mnist" => DatasetKind.FashionMnist,
        "mnist" => DatasetKind.Mnist,
        "cifar10" => DatasetKind.Cifar10,
        "synthetic" => DatasetKind.Synthetic,
        _ => throw new ArgumentException($"Unknown data set \"{name}\"; the data sets are {string.Join(", ", Names)}.", nameof(name)),
    };

    public static string Name(DatasetKind kind) => Names[(int)kind];

    /// <summary>
    /// Null when <paramref name="model"/> can train on <paramref name="kind"/>, else one line saying why not
    /// (features, outputs or the kind of targets differ). The synthetic task is generated to fit any model.
    /// </summary>
    public static string? Mismatch(DatasetKind kind, ModelEntry model)
    {
        if (Fits(kind, model)) return null;
        var (features, classes) = Shape(kind);
        var info = model.Info;
        var what = info.Loss == LossKind.SoftmaxCrossEntropy ? $"{info.OutputSize} classes" : $"{info.OutputSize} regression targets";
        var fitting = Fitting(kind);
        return string.Create(CultureInfo.InvariantCulture,
            $"model {model.Name} takes {info.InputSize} inputs and predicts {what}, but {Name(kind)} has {features} features and {classes} classes; {fitting}");
    }

    /// <summary>Whether <paramref name="model"/> can train on <paramref name="kind"/>.</summary>
    public static bool Fits(DatasetKind kind, ModelEntry model)
    {
        if (kind == DatasetKind.Synthetic) return true;
        var (features, classes) = Shape(kind);
        var info = model.Info;
        return info.Loss == LossKind.SoftmaxCrossEntropy && info.InputSize == features && info.OutputSize == classes;
    }

    private static (int Features, int Classes) Shape(DatasetKind kind) => kind == DatasetKind.Cifar10 ? (3 * 32 * 32, 10) : (784, 10);

    private static string Fitting(DatasetKind kind)
    {
        var names = new System.Collections.Generic.List<string>();
        foreach (var m in ModelRegistry.All)
            if (Fits(kind, m)) names.Add(m.Name);
        return names.Count == 0
            ? $"no built-in model fits {Name(kind)}"
            : $"models that fit {Name(kind)}: {string.Join(", ", names)}";
    }
}
