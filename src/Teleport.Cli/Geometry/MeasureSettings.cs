using Teleport.Cli.Data;

namespace Teleport.Cli.Geometry;

/// <summary>What <c>teleport measure</c> does, resolved from its options.</summary>
internal sealed record MeasureSettings
{
    public required string Model { get; init; }
    public required string Weights { get; init; }
    public required DatasetKind Dataset { get; init; }
    public required string? DataDirectory { get; init; }
    public required long SplitSeed { get; init; }

    /// <summary>Measure on the test set (true) or the training split (false).</summary>
    public required bool OnTest { get; init; }

    public required int Samples { get; init; }
    public required bool ExactTrace { get; init; }
    public required int TraceProbes { get; init; }
    public required double EigenvalueTolerance { get; init; }
    public required long Seed { get; init; }

    /// <summary>Ascent steps of an exact-symmetry gradient-norm teleport applied before measuring (0: none).</summary>
    public required int TeleportSteps { get; init; }

    /// <summary>The teleport's step size η (log ascent).</summary>
    public required double TeleportLearningRate { get; init; }
    public required string? Out { get; init; }
}
