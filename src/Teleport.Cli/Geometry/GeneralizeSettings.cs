using Teleport.Cli.Data;
using Teleport.Geometry.Experiments;

namespace Teleport.Cli.Geometry;

/// <summary>What <c>teleport generalize</c> does, resolved from its options.</summary>
internal sealed record GeneralizeSettings
{
    public required DatasetKind Dataset { get; init; }
    public required string? DataDirectory { get; init; }
    public required string Model { get; init; }
    public required long SplitSeed { get; init; }
    public required GeneralizationOptions Options { get; init; }
    public required string Out { get; init; }
    public required string? Report { get; init; }
    public required int? LimitTrain { get; init; }
    public required int? LimitTest { get; init; }

    /// <summary>Which values were typed or defaulted: what a check against the data names.</summary>
    public required Teleport.Cli.Options.OptionOrigins Origins { get; init; }
}
