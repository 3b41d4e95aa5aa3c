using Teleport.Cli.Commands;
using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Records;

namespace Teleport.Cli.Geometry;

/// <summary>
/// The data of a study over many training runs (<c>correlate</c>, <c>generalize</c>): the model and data set, loaded and
/// checked once — a classification set with a test set, paths that do not alias the outputs — and their config records.
/// </summary>
internal sealed record StudyData(ModelEntry Entry, LoadedData Data, RecordFields DataFields, RecordFields ModelFields)
{
    /// <summary>Loads the model's data set; one-line usage errors name what does not fit (<paramref name="command"/> and <paramref name="why"/> say what the test set is for).</summary>
    public static StudyData Load(CliHost host, ConsoleOutput output, string command, string why, string model, DatasetKind dataset, string? dataDirectory, long splitSeed,
        int? limitTrain, int? limitTest, string outputFile, string? report)
    {
        var entry = ModelRegistry.Get(model);
        if (DatasetCatalog.Mismatch(dataset, entry) is { } problem) throw new UsageException(problem);
        var data = DataLoader.Load(new DataLoader.Request(dataset, dataDirectory, host.FashionMnistDirectory, splitSeed, limitTrain, limitTest), entry);
        data.Tell(output);
        new PathPlan().InputFiles(dataDirectory is null ? "data set" : "--data", data.Files).OutputFile("--out", outputFile).OutputFolder("--report", report).Check();
        if (data.Test is null) throw new UsageException($"{command} {why}: {data.Name} has no test set.");
        if (!data.Train.IsClassification) throw new UsageException($"{command} needs a classification data set; {data.Name} is a regression task.");
        var dataFields = new RecordFields()
            .Add("requested", DatasetCatalog.Name(dataset))
            .Add("name", data.Name)
            .Add("fallback", data.IsFallback)
            .Add("split_seed", splitSeed)
            .Add("train_samples", data.Train.Count)
            .Add("test_samples", data.Test.Count);
        var modelFields = new RecordFields()
            .Add("name", entry.Name)
            .Add("network", entry.Info.Name)
            .Add("parameters", entry.Info.ParameterCount)
            .Add("initialization", entry.InitializationName);
        return new StudyData(entry, data, dataFields, modelFields);
    }
}
