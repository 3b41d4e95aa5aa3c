using System;
using Teleport.Records;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// The Table 1 study (Zhao et al. 2024, correlation.py): R plain SGD runs that differ only in their initialisation
/// seed, each measured on its final weights. Defaults follow the paper except <see cref="Runs"/> (100 there).
/// </summary>
public sealed record CorrelationStudyOptions
{
    /// <summary>
    /// The fewest runs a study can have: Pearson's and Spearman's p-values are Student's t with n − 2 degrees of freedom
    /// (none for n = 2, where r = ±1 always), and r itself needs two pairs, so 3 is the least n with every statistic defined.
    /// </summary>
    public const int MinRuns = 3;

    /// <summary>Runs R, at least <see cref="MinRuns"/> (the paper: 100).</summary>
    public int Runs { get; init; } = 20;

    /// <summary>Epochs of each run (the paper: 40).</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>SGD learning rate, no momentum, no weight decay (the paper: 1e-2 for MNIST/Fashion-MNIST, 2e-2 for CIFAR-10).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Samples per training batch, in the data set's fixed order (the paper: 20, sequential).</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Run i (0-based) initialises with seed (i + 1)·<see cref="SeedStep"/> (the paper: 54321).</summary>
    public int SeedStep { get; init; } = 54321;

    /// <summary>The Hessian measures use the first N samples of the training set. Default 1000.</summary>
    public int HessianSamples { get; init; } = 1000;

    /// <summary>
    /// The measures' settings: trace method, eigenvalue tolerance, φ and the adaptive sharpness (on 200 batches, one
    /// direction per (batch, radius) is enough, as for φ); no Gaussian φ, whose increase at the paper's radii is below
    /// the float loss's resolution.
    /// </summary>
    public MeasureOptions Measures { get; init; } = new() { PhiGaussian = null, Adaptive = SharpnessOptions.Adaptive with { DirectionsPerRadius = 1 } };

    /// <summary>Batches of φ and of the adaptive sharpness: drawn without replacement from a seeded permutation of the training set (the paper: 200 of 200).</summary>
    public int SharpnessBatches { get; init; } = 200;

    /// <summary>Bootstrap resamples per interval. Default 10 000.</summary>
    public int BootstrapResamples { get; init; } = 10_000;

    /// <summary>Seeds the bootstrap (each interval gets its own stream).</summary>
    public long BootstrapSeed { get; init; } = 1;

    /// <summary>The seed of run <paramref name="index"/>: (index + 1)·<see cref="SeedStep"/>.</summary>
    public int SeedOf(int index) => checked((index + 1) * SeedStep);

    /// <summary>The most runs whose seeds (i + 1)·<paramref name="seedStep"/> fit the 32-bit seed of the initialisation.</summary>
    public static int MaxRuns(int seedStep) => int.MaxValue / seedStep;

    /// <summary>Throws when a setting cannot be used.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Runs, MinRuns);
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 0);
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be finite and > 0.");
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SeedStep, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(HessianSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SharpnessBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BootstrapResamples, 1);
        ArgumentNullException.ThrowIfNull(Measures);
        Measures.Validate();
        if (Runs > MaxRuns(SeedStep))
            throw new ArgumentOutOfRangeException(nameof(Runs), Runs, $"Run seeds (i + 1)·{SeedStep} must fit in 32 bits: at most {MaxRuns(SeedStep)} runs.");
    }

    /// <summary>
    /// A part's configuration: <c>{ "study": <see cref="Describe"/>, "data": …, "model": … }</c> (parts merge only when
    /// their configurations are equal; the merge reads the run count and the bootstrap settings from "study").
    /// </summary>
    public RecordFields Configuration(RecordFields data, RecordFields model) => new RecordFields()
        .Add("study", Describe())
        .Add("data", data)
        .Add("model", model);

    /// <summary>The options as record fields.</summary>
    public RecordFields Describe() => new RecordFields()
        .Add("runs", Runs)
        .Add("epochs", Epochs)
        .Add("optimizer", "sgd")
        .Add("lr", LearningRate)
        .Add("batch_size", BatchSize)
        .Add("order", "sequential")
        .Add("seeds", $"(i + 1) * {SeedStep}")
        .Add("hessian_samples", HessianSamples)
        .Add("sharpness_batches", SharpnessBatches)
        .Add("measures", Measures.Describe())
        .Add("bootstrap_resamples", BootstrapResamples)
        .Add("bootstrap_seed", BootstrapSeed);
}
