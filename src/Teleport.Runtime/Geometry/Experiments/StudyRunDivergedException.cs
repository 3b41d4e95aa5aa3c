using System;
using System.Globalization;
using Teleport.Training;

namespace Teleport.Geometry.Experiments;

/// <summary>
/// A run of a study (<see cref="CorrelationStudy"/>, <see cref="GeneralizationStudy"/>) whose training diverged: a loss,
/// the gradient or the parameters became NaN or ±∞. The study stops there — its measures and statistics at such
/// weights would be NaN, or numbers of weights that are no longer a trained network's — and nothing is returned.
/// </summary>
public sealed class StudyRunDivergedException : Exception
{
    /// <param name="index">The 0-based run (or seed) index.</param>
    /// <param name="seed">Its initialisation seed.</param>
    /// <param name="arm">The arm of a <see cref="GeneralizationStudy"/> seed ("baseline" before the teleport epoch), or null.</param>
    /// <param name="divergence">Where and what became non-finite.</param>
    public StudyRunDivergedException(int index, int seed, string? arm, TrainingDivergence divergence)
        : base(string.Create(CultureInfo.InvariantCulture, $"run {index + 1} (seed {seed}){(arm is null ? "" : $", {arm}")} diverged: {divergence}"))
    {
        ArgumentNullException.ThrowIfNull(divergence);
        Index = index;
        Seed = seed;
        Arm = arm;
        Divergence = divergence;
    }

    /// <summary>The 0-based run (or seed) index.</summary>
    public int Index { get; }

    /// <summary>The run's initialisation seed.</summary>
    public int Seed { get; }

    /// <summary>The arm of a generalisation seed ("baseline" before the teleport epoch), or null for a correlation run.</summary>
    public string? Arm { get; }

    /// <summary>Where the run diverged.</summary>
    public TrainingDivergence Divergence { get; }
}
