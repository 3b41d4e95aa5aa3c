using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Teleport.Cli.Commands;
using Teleport.Cli.Data;
using Teleport.Cli.Models;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Reports;
using Teleport.Cli.Running;
using Teleport.Geometry.Experiments;
using Teleport.Records;

namespace Teleport.Cli.Geometry;

/// <summary><c>teleport generalize</c>: runs every seed of the Figure 4 experiment, writes the result's JSON and, with <c>--report</c>, its report folder.</summary>
internal static class GeneralizeRun
{
    public static int Execute(CliHost host, GeneralizeSettings s)
    {
        var output = new ConsoleOutput(host);
        new PathPlan().OutputFile("--out", s.Out).OutputFolder("--report", s.Report).Check();
        if (s.Report is { } folder) ReportFolder.Check(folder, GeneralizeReport.Files);
        var (entry, data, dataFields, modelFields) = StudyData.Load(host, output, "generalize", "compares test losses", s.Model, s.Dataset, s.DataDirectory, s.SplitSeed,
            s.LimitTrain, s.LimitTest, s.Out, s.Report);
        var c = CultureInfo.InvariantCulture;
        if (s.Options.TeleportBatch > data.Train.Count)
            throw new UsageException(string.Create(c, $"{s.Origins.Name("--teleport-batch", s.Options.TeleportBatch)} is more than the {Format.Count(data.Train.Count, "training sample")} of {data.Name}."));
        var options = s.Options with { Arms = GeneralizationArm.Paper(data.Name) };
        var config = new RecordFields().Add("data", dataFields).Add("model", modelFields).Add("experiment", options.Describe());
        var study = new GeneralizationStudy(options, entry.Create, entry.Initialize, data.Train, data.Test!);
        output.Line(string.Create(c,
            $"generalize: {entry.Name} on {data.Name} ({data.Train.Count} train / {data.Test!.Count} test), {Format.Count(options.Seeds, "seed")} × {Format.Count(options.Arms.Count, "arm")}, SGD lr {options.LearningRate} {RunDescription.StudyBatch(options.BatchSize, data.Train.Count)} for {Format.Count(options.Epochs, "epoch")}, teleports in epoch {options.TeleportEpoch + 1} on {Format.Count(options.TeleportBatch, "sample")} through {options.Symmetries}"));
        var clock = Stopwatch.StartNew();
        var seeds = new List<GeneralizationSeed>();
        for (var i = 0; i < options.Seeds; i++)
        {
            GeneralizationSeed? seed;
            try
            {
                seed = Seed(study, i, output, options.Seeds, host);
            }
            catch (StudyRunDivergedException e)
            {
                return StudyDivergence.Report(output, "seed", options.Seeds, e, options.LearningRate);
            }
            if (seed is null)
            {
                output.Notice("generalize stopped before its last seed; no output written");
                return ExitCodes.Interrupted;
            }
            seeds.Add(seed);
        }
        var result = new GeneralizationResult(config, options, seeds);
        Render(output, result);
        // The result and its report, all or none (a report that cannot be drawn leaves no result behind).
        new RunOutputs()
            .File("--out", s.Out, stream => stream.Write(RecordJson.ToUtf8Bytes(result.ToFields())))
            .Write(output, s.Report is not { } reportFolder ? null : () =>
            {
                GeneralizeReport.Write(result, reportFolder);
                return $"wrote report {TerminalText.Path(Path.Combine(reportFolder, ReportFiles.Markdown))}, {GeneralizeReport.FigureFile} and {GeneralizeReport.DifferenceFile}";
            });
        output.Line($"generalize took {Format.Seconds(clock.Elapsed.TotalSeconds)}");
        return ExitCodes.Success;
    }

    /// <summary>Seed <paramref name="i"/>, a line per arm as it ends; null if canceled.</summary>
    private static GeneralizationSeed? Seed(GeneralizationStudy study, int i, ConsoleOutput output, int seeds, CliHost host)
    {
        var c = CultureInfo.InvariantCulture;
        return study.Run(i, arm =>
        {
            var last = arm.Epochs[^1];
            var teleports = GeneralizeArmLine.Teleports(arm.Teleports);
            output.Line(string.Create(c, $"seed {i + 1}/{seeds} ({arm.Seed}) {arm.Arm}: test {Format.Loss(last.TestLoss)}  accuracy {Format.Percent(last.TestAccuracy)}{teleports}  ({Format.Seconds(arm.Seconds)})"));
        }, host.Cancellation);
    }

    private static void Render(ConsoleOutput output, GeneralizationResult result)
    {
        var table = new TextTable("arm", "final test loss (median [min, max])", "mean ± std", "minus control (median [min, max])", "below control", "objective after/before", "batch loss drift", "teleport s");
        foreach (var row in GeneralizeReport.Rows(result)) table.Row(row);
        output.Line();
        table.Render(output);
    }
}
