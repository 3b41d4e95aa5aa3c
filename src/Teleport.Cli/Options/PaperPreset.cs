using Teleport.Optimizers;

namespace Teleport.Cli.Options;

/// <summary>
/// <c>--paper</c>: the ICLR 2024 optimisation experiment's settings (Zhao et al., and the reference code):
/// paper-mlp on Fashion-MNIST's seeded 50 000 / 10 000 split, sequential batches of 20, and per optimizer
/// <code>
///            lr     teleport epoch (1-based; paper code 0-based)   teleport η
/// sgd        1e-2   3 (2)                                          1e-4
/// adagrad    1e-2   3 (2)                                          1e-4
/// momentum   1e-3, momentum 0.9   1 (0)                            5e-2
/// rmsprop    1e-4   1 (0)                                          5e-2
/// adam       1e-4   1 (0)                                          5e-2
/// adamw      1e-4   1 (0)                                          5e-2   (not in the paper: Adam's values)
/// </code>
/// with 8 teleports of 10 ascent steps on batches of 200 at the start of that epoch, ‖∇L‖² capped at 100,
/// the optimizer reset after each teleport, and 3 epochs; with --teleport-method level-set, its authors' 50 SLP
/// iterations and no restoration steps (ρ 0.1, line search and sub-level mode are its defaults anyway). Explicit options
/// override any of these.
/// </summary>
internal static class PaperPreset
{
    public const int Epochs = 3;
    public const int BatchSize = 20;
    public const int TeleportCount = 8;
    public const int TeleportSteps = 10;
    public const int TeleportBatch = 200;
    public const double GradNormSquaredCap = 100;

    /// <summary>The level-set teleport's SLP iterations in its authors' experiments (Mishkin et al. 2024: max_steps 50).</summary>
    public const int LevelSetSteps = 50;

    /// <summary>The optimizer's learning rate and momentum (null: the optimizer has none or keeps its default).</summary>
    public static (double LearningRate, double? Momentum) Optimizer(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd or OptimizerKind.AdaGrad => (1e-2, null),
        OptimizerKind.Momentum => (1e-3, 0.9),
        _ => (1e-4, null),
    };

    /// <summary>The 1-based epoch whose first 8 batches teleport, and the teleport's η.</summary>
    public static (int Epoch, double LearningRate) Teleport(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd or OptimizerKind.AdaGrad => (3, 1e-4),
        _ => (1, 5e-2),
    };
}
