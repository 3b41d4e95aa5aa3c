using System;
using System.Collections.Generic;
using Teleport.Records;

namespace Teleport.Geometry;

/// <summary>What a perturbation sharpness measure evaluates (<see cref="PerturbationSharpness{T}"/>).</summary>
public sealed record SharpnessOptions
{
    /// <summary>How the parameters are perturbed. Default: the paper's U[0, 1)^P directions.</summary>
    public PerturbationKind Kind { get; init; } = PerturbationKind.UniformPositive;

    /// <summary>The radii t (absolute for the direction kinds, relative for the adaptive one). Default: the paper's Fashion-MNIST radii.</summary>
    public IReadOnlyList<double> Radii { get; init; } = SharpnessRadii.PaperFashionMnist;

    /// <summary>Fresh random directions per (batch, radius). Default 1 (the paper's).</summary>
    public int DirectionsPerRadius { get; init; } = 1;

    /// <summary>Samples per batch (the paper: 200), and the paper's divisor of φ (its <c>tele_batch_size</c>).</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>The paper's φ for a data set: U[0, 1)^P directions, its 20 radii, one direction per (batch, radius), batches of 200.</summary>
    public static SharpnessOptions Paper(string dataset) => new() { Radii = SharpnessRadii.Paper(dataset) };

    /// <summary>φ with Gaussian directions (uniform on the sphere) and the paper's radii.</summary>
    public static SharpnessOptions GaussianDirections(string dataset) => new() { Kind = PerturbationKind.Gaussian, Radii = SharpnessRadii.Paper(dataset) };

    /// <summary>Average-case adaptive sharpness: relative radii 5/10/20 %, 4 directions per (batch, radius).</summary>
    public static SharpnessOptions Adaptive { get; } = new() { Kind = PerturbationKind.AdaptiveGaussian, Radii = SharpnessRadii.Adaptive, DirectionsPerRadius = 4 };

    /// <summary>Throws when a setting cannot be used.</summary>
    public void Validate()
    {
        if (Radii is null || Radii.Count == 0) throw new ArgumentException("SharpnessOptions.Radii is empty: a sharpness measure needs at least one radius.", nameof(Radii));
        // (indexed: a foreach over the interface would allocate an enumerator on every measurement)
        for (var i = 0; i < Radii.Count; i++)
            if (Radii[i] is var r && (!double.IsFinite(r) || r < 0)) throw new ArgumentException($"SharpnessOptions.Radii holds {r}; radii must be finite and ≥ 0.", nameof(Radii));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DirectionsPerRadius);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        // (a range check, not Enum.IsDefined: its cached enum info can be evicted by other threads' use of the
        // type, and re-creating it allocates inside a measurement that must allocate nothing)
        if (Kind is < PerturbationKind.UniformPositive or > PerturbationKind.AdaptiveGaussian) throw new ArgumentException($"SharpnessOptions.Kind {(int)Kind} is not a PerturbationKind.", nameof(Kind));
    }

    /// <summary>The options as record fields (for JSON).</summary>
    public RecordFields Describe()
    {
        var radii = new List<double>(Radii);
        return new RecordFields()
            .Add("kind", KindName(Kind))
            .Add("radii", RecordValue.FromNumbers(radii))
            .Add("directions_per_radius", DirectionsPerRadius)
            .Add("batch_size", BatchSize);
    }

    /// <summary>The JSON name of a perturbation kind.</summary>
    public static string KindName(PerturbationKind kind) => kind switch
    {
        PerturbationKind.UniformPositive => "uniform_positive",
        PerturbationKind.Gaussian => "gaussian",
        _ => "adaptive_gaussian",
    };
}
