using System;
using System.Collections.Generic;
using Teleport.Data;
using Teleport.Teleportation;

namespace Teleport.Cli.Models;

/// <summary>The networks of <c>--model</c>, by name. Every one is a <c>[Network]</c> class in this folder.</summary>
internal static class ModelRegistry
{
    /// <summary>All entries, in help order.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new("paper-mlp", "784-16-10-10, leaky_relu(0.1), no bias, cross-entropy (the ICLR 2024 paper's network)",
            PaperMlp.Info, () => new PaperMlp(), InitializeLikePyTorch, "pytorch_linear"),
        new("wide-mlp", "784-512-512-10, relu, bias, cross-entropy",
            WideMlp.Info, () => new WideMlp(), InitializeLikePyTorch, "pytorch_linear"),
        new("cifar-mlp", "3072-256-256-10, relu, bias, cross-entropy (for CIFAR-10)",
            CifarMlp.Info, () => new CifarMlp(), InitializeLikePyTorch, "pytorch_linear"),
        new("logistic", "784-10, bias, cross-entropy: multinomial logistic regression (convex; no symmetry group)",
            LogisticRegression.Info, () => new LogisticRegression(), InitializeLikePyTorch, "pytorch_linear"),
        new("paper-cnn", "[1, 28, 28] conv3×3 16 relu → maxpool 2 → conv3×3 32 relu → maxpool 2 → 10, bias, cross-entropy (for Fashion-MNIST)",
            PaperCnn.Info, () => new PaperCnn(), InitializeLikePyTorch, "pytorch_conv2d_linear"),
        new("cifar-cnn", "[3, 32, 32] conv3×3 32 relu → maxpool 2 → conv3×3 64 relu → maxpool 2 → 10, bias, cross-entropy (for CIFAR-10)",
            CifarCnn.Info, () => new CifarCnn(), InitializeLikePyTorch, "pytorch_conv2d_linear"),
        new("regression", "5-6-7-8, leaky_relu(0.1), no bias, MSE (the NeurIPS 2022 multi-layer regression)",
            RegressionMlp.Info, () => new RegressionMlp(), InitializeLikeNeurips, "uniform_0_1"),
    ];

    /// <summary>The names, for <c>AcceptOnlyFromAmong</c>.</summary>
    public static string[] Names
    {
        get
        {
            var names = new string[All.Count];
            for (var i = 0; i < names.Length; i++) names[i] = All[i].Name;
            return names;
        }
    }

    /// <summary>The entry called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No model has that name.</exception>
    public static ModelEntry Get(string name)
    {
        foreach (var entry in All)
            if (entry.Name == name) return entry;
        throw new ArgumentException($"Unknown model \"{name}\"; the models are {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>PyTorch's nn.Linear and nn.Conv2d default, U(−1/√fan_in, 1/√fan_in) (fan_in = in·k² for a convolution), deterministic per seed.</summary>
    private static void InitializeLikePyTorch(ITeleportable<float> model, int seed)
    {
        switch (model)
        {
            case PaperMlp m: m.InitializeParameters(seed); break;
            case WideMlp m: m.InitializeParameters(seed); break;
            case CifarMlp m: m.InitializeParameters(seed); break;
            case RegressionMlp m: m.InitializeParameters(seed); break;
            case LogisticRegression m: m.InitializeParameters(seed); break;
            case PaperCnn m: m.InitializeParameters(seed); break;
            case CifarCnn m: m.InitializeParameters(seed); break;
            default: throw new ArgumentException($"{model.Info.Name} is not a registered model.", nameof(model));
        }
    }

    /// <summary>The NeurIPS 2022 regression's initial weights: every entry U[0, 1) (<see cref="SyntheticRegression.PaperInitialWeights"/>).</summary>
    private static void InitializeLikeNeurips(ITeleportable<float> model, int seed) =>
        SyntheticRegression.PaperInitialWeights(SyntheticRegression.PaperDims, seed).CopyTo(model.Parameters);
}
