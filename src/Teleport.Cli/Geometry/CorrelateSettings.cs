using System.Collections.Generic;
using Teleport.Cli.Data;
using Teleport.Geometry.Experiments;

namespace Teleport.Cli.Geometry;

/// <summary>What <c>teleport correlate</c> does, resolved from its options: run (a shard of) the study, or merge parts.</summary>
internal sealed record CorrelateSettings
{
    /// <summary>Part files to merge; empty to run the study.</summary>
    public required IReadOnlyList<string> Merge { get; init; }

    public required DatasetKind Dataset { get; init; }
    public required string? DataDirectory { get; init; }
    public required string Model { get; init; }
    public required long SplitSeed { get; init; }
    public required CorrelationStudyOptions Study { get; init; }

    /// <summary>The shard to run; null runs the whole study and writes the result.</summary>
    public required CorrelationShard? Shard { get; init; }

    public required string Out { get; init; }
    public required string? Report { get; init; }
    public required int? LimitTrain { get; init; }
    public required int? LimitTest { get; init; }

    /// <summary>Which values were typed or defaulted: what a check against the data names.</summary>
    public required Teleport.Cli.Options.OptionOrigins Origins { get; init; }
}
