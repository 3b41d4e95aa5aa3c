using System;
using System.Globalization;

namespace Teleport.Data;

/// <summary>
/// A synthetic classification task of Fashion-MNIST's shape (784 features as [1, 28, 28], 10 classes),
/// so the paper's network runs end to end when no data set is installed. It is a Gaussian mixture
/// with shared isotropic noise:
/// <code>
/// m_j    ~ U[0.1, 0.5)                     a shared mean image (pixel scale, like Fashion-MNIST's mean ≈ 0.29)
/// μ_c    = m + τ·z_c,  z_c ~ N(0, I)       one prototype per class, τ = Separation
/// x | y  = μ_y + σ·ε,  ε ~ N(0, I)         σ = Noise
/// </code>
/// Labels are balanced (count/classes each, the remainder spread over the first classes) and shuffled.
/// With the defaults (τ = 0.03, σ = 0.3) prototypes are ≈ τ√(2·784) ≈ 1.19 apart, ≈ 4σ, so the
/// Bayes-optimal (nearest-prototype) accuracy is about 0.87 and a nearest-centroid rule fitted to
/// 10 000 samples reaches about 0.85 — close to what the paper's small MLP gets on Fashion-MNIST.
/// Learnable, but not at a glance: no single pixel separates the classes (per pixel, the class
/// differences are about a seventh of the noise).
/// </summary>
/// <remarks>
/// Streams of <c>seed</c> (<see cref="SeededRandom(long, long)"/>): 1 prototypes, 2 training samples,
/// 3 test samples. Train and test share the prototypes and are independent draws.
/// </remarks>
public static class SyntheticClassification
{
    /// <summary>Default training samples for the fallback task.</summary>
    public const int DefaultTrainCount = 10_000;

    /// <summary>Default test samples for the fallback task.</summary>
    public const int DefaultTestCount = 2_000;

    /// <summary>Creates training and test sets sharing one set of class prototypes.</summary>
    public static DatasetSplits Create(int trainCount, int testCount, int seed, SyntheticClassificationOptions? options = null)
    {
        options ??= new SyntheticClassificationOptions();
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testCount);
        var prototypes = Prototypes(seed, options);
        var name = string.Create(CultureInfo.InvariantCulture, $"synthetic-classification[{options.FeatureCount}→{options.ClassCount}]");
        return new DatasetSplits(
            Sample(prototypes, trainCount, new SeededRandom(seed, 2), options, name + "/train"),
            null,
            Sample(prototypes, testCount, new SeededRandom(seed, 3), options, name + "/test"));
    }

    /// <summary>The class prototypes μ_c, [ClassCount, FeatureCount] row-major (for tests and analysis).</summary>
    public static float[] Prototypes(int seed, SyntheticClassificationOptions? options = null)
    {
        options ??= new SyntheticClassificationOptions();
        options.Validate();
        var random = new SeededRandom(seed, 1);
        var d = options.FeatureCount;
        var mean = new float[d];
        random.FillUniform(mean, 0.1f, 0.5f);
        var prototypes = new float[options.ClassCount * d];
        for (var c = 0; c < options.ClassCount; c++)
            for (var j = 0; j < d; j++)
                prototypes[c * d + j] = mean[j] + (float)(options.Separation * random.Normal());
        return prototypes;
    }

    private static Dataset Sample(float[] prototypes, int count, SeededRandom random, SyntheticClassificationOptions options, string name)
    {
        var d = options.FeatureCount;
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = i % options.ClassCount;
        random.Shuffle(labels.AsSpan());
        var features = FeatureArrays.CreateAligned((long)count * d);
        for (var i = 0; i < count; i++)
        {
            var mu = prototypes.AsSpan(labels[i] * d, d);
            var x = features.Span.Slice(i * d, d);
            for (var j = 0; j < d; j++) x[j] = mu[j] + (float)(options.Noise * random.Normal());
        }
        int[]? shape = d == 784 ? [1, 28, 28] : null;
        return Dataset.Classification(name, features, d, labels, options.ClassCount, shape);
    }
}

/// <summary>Parameters of <see cref="SyntheticClassification"/>.</summary>
public sealed class SyntheticClassificationOptions
{
    /// <summary>Features per sample (default 784 = 28×28).</summary>
    public int FeatureCount { get; init; } = 784;

    /// <summary>Number of classes (default 10).</summary>
    public int ClassCount { get; init; } = 10;

    /// <summary>τ: standard deviation of each prototype's per-pixel offset from the shared mean image.</summary>
    public double Separation { get; init; } = 0.03;

    /// <summary>σ: standard deviation of the per-pixel noise.</summary>
    public double Noise { get; init; } = 0.3;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of its range.</summary>
    internal void Validate()
    {
        const string owner = nameof(SyntheticClassificationOptions);
        OptionChecks.AtLeast(FeatureCount, 1, owner, nameof(FeatureCount));
        OptionChecks.AtLeast(ClassCount, 2, owner, nameof(ClassCount));
        if (!(Separation > 0) || !double.IsFinite(Separation))
            throw new ArgumentOutOfRangeException(nameof(Separation), string.Create(CultureInfo.InvariantCulture, $"{owner}.Separation is {Separation}; it must be finite and > 0."));
        OptionChecks.FiniteAtLeast(Noise, 0, owner, nameof(Noise));
    }
}
