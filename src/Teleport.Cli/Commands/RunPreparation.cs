using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Reports;
using Teleport.Data;

namespace Teleport.Cli.Commands;

/// <summary>
/// Everything <c>train</c> and <c>compare</c> check before training: the model against the data set, the data,
/// the teleport schedule against the data's batches, every path the run reads and writes (<see cref="PathPlan"/>),
/// and that the report folder holds nothing but an earlier report — so a bad option fails in a second, not after the run, and no output overwrites an input.
/// </summary>
internal static class RunPreparation
{
    public static (ModelEntry Model, LoadedData Data) Prepare(RunSettings s, string? report, string? saveModel, CliHost host, ConsoleOutput output)
    {
        var (entry, data) = DataRequest.Load(s, host, output);
        SettingsBinder.CheckSchedule(s, BatchSampler.CountBatches(data.Train.Count, s.BatchSize));
        new PathPlan()
            .InputFiles(s.DataDirectory is null ? "data set" : "--data", data.Files)
            .OutputFile("--out", s.Out)
            .OutputFile("--save-model", saveModel)
            .OutputFolder("--report", report)
            .WorkFolder("--checkpoint", s.CheckpointDirectory)
            .Check();
        if (report is not null) ReportFolder.Check(report);
        return (entry, data);
    }
}
