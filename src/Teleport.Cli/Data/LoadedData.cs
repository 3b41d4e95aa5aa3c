using Teleport.Data;
using Teleport.Records;

namespace Teleport.Cli.Data;

/// <summary>The data a run trains and evaluates on, and where it came from.</summary>
/// <param name="Train">Training samples (after any <c>--limit-train</c>).</param>
/// <param name="Test">Evaluation samples after each epoch (after any <c>--limit-test</c>); null for the regression task.</param>
/// <param name="Name">The data set actually used: fashion-mnist, mnist, cifar10, synthetic-classification, synthetic-regression.</param>
/// <param name="Source">The folder it was read from, or "generated".</param>
/// <param name="Notice">A line to show the user (the fallback), or null.</param>
internal sealed record LoadedData(Dataset Train, Dataset? Test, string Name, string Source, string? Notice)
{
    /// <summary>The files the data were read from (none for generated data): a run may never write over them.</summary>
    public System.Collections.Generic.IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Lines about what was read: which of two forms of one file, a limit larger than the set.</summary>
    public System.Collections.Generic.IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Shows <see cref="Notice"/> and the <see cref="Notes"/> (standard error).</summary>
    public void Tell(Teleport.Cli.Output.ConsoleOutput output)
    {
        if (Notice is { } notice) output.Notice(notice);
        foreach (var note in Notes) output.Notice(note);
    }

    /// <summary>True when the synthetic task replaced a missing data set.</summary>
    public bool IsFallback => Notice is not null;

    /// <summary>The data as record fields (for a run record's configuration).</summary>
    public RecordFields Describe(string requested, long splitSeed) => new RecordFields()
        .Add("requested", requested)
        .Add("name", Name)
        .Add("source", Source)
        .Add("fallback", IsFallback)
        .Add("split_seed", splitSeed)
        .Add("train_samples", Train.Count)
        .Add("test_samples", Test is null ? RecordValue.Null : Test.Count)
        .Add("features", Train.FeatureCount)
        .Add("outputs", Train.OutputCount);
}
