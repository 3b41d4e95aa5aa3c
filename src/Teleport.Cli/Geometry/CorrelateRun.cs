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

/// <summary>
/// <c>teleport correlate</c>: runs the Table 1 study (or shard K/N of it, written as a part), or merges parts into
/// the result; writes the result's JSON and, with <c>--report</c>, its report folder.
/// </summary>
internal static class CorrelateRun
{
    public static int Execute(CliHost host, CorrelateSettings s)
    {
        var output = new ConsoleOutput(host);
        new PathPlan().InputFiles("--merge", s.Merge).OutputFile("--out", s.Out).OutputFolder("--report", s.Report).Check();
        // `--merge p1.json ./p1.json` said "p1.json: is shard 1/2, like p1.json", as if two files held that shard.
        PathPlan.EachOnce("--merge", s.Merge, "each part is merged once");
        if (s.Report is { } report) ReportFolder.Check(report, CorrelateReport.Files);
        var clock = Stopwatch.StartNew();
        CorrelationResult result;
        if (s.Merge.Count > 0)
        {
            var parts = new List<(CorrelationPart, string)>();
            foreach (var path in s.Merge)
            {
                parts.Add((ReadPart(path), path));
            }
            if (Merge(parts, host) is not { } merged) return Stopped(output);
            result = merged;
            output.Line(string.Create(CultureInfo.InvariantCulture, $"correlate: merged {Format.Count(parts.Count, "part")}, {Format.Count(result.Runs.Count, "run")}"));
        }
        else
        {
            CorrelationPart? part;
            try
            {
                part = RunStudy(host, s, output);
            }
            catch (StudyRunDivergedException e)
            {
                return StudyDivergence.Report(output, "run", s.Study.Runs, e, s.Study.LearningRate);
            }
            if (part is null)
            {
                output.Notice("correlate stopped before its last run; no output written");
                return ExitCodes.Interrupted;
            }
            if (s.Shard is { } shard)
            {
                part.Write(s.Out);
                output.Line(string.Create(CultureInfo.InvariantCulture, $"wrote part {shard} ({Format.Count(part.Runs.Count, "run")}) to {TerminalText.Path(s.Out)} in {Format.Seconds(clock.Elapsed.TotalSeconds)}; merge the parts with teleport correlate --merge PART… --out FILE"));
                return ExitCodes.Success;
            }
            if (Merge([(part, "this run")], host) is not { } whole) return Stopped(output);
            result = whole;
        }
        Render(output, result);
        // The result and its report, all or none (a report that cannot be drawn leaves no result behind).
        new RunOutputs()
            .File("--out", s.Out, stream => stream.Write(result.ToUtf8Bytes()))
            .Write(output, s.Report is not { } folder ? null
                : () => $"wrote report {TerminalText.Path(Path.Combine(folder, ReportFiles.Markdown))} and {CorrelateReport.Write(result, folder)} plots");
        output.Line(string.Create(CultureInfo.InvariantCulture, $"correlate took {Format.Seconds(clock.Elapsed.TotalSeconds)}"));
        return ExitCodes.Success;
    }

    /// <summary>
    /// A part file, or an error calling the file what it is when another command wrote it: a run record given to
    /// <c>--merge</c> said only <c>"kind" is missing</c>, a meta-test result the same (the wording of <c>teleport report</c>, <see cref="RecordKind"/>).
    /// </summary>
    private static CorrelationPart ReadPart(string path)
    {
        var value = RecordJsonReader.ReadFile(path);
        var kind = value.Kind == RecordValueKind.Object && value.Fields.TryGetValue("kind", out var k) && k.Kind == RecordValueKind.String ? k.String : null;
        if (kind is not (CorrelationPart.Kind or CorrelationResult.Kind)
            && (RecordKind.Describe(value) ?? (RecordKind.IsReportable(value) ? "a `teleport train` or `compare` record" : null)) is { } what)
            throw new Teleport.Data.TeleportDataException(path, $"is {what}, not a part: --merge takes the files correlate --shard K/N writes");
        return CorrelationPart.FromValue(value, path);
    }

    /// <summary>The result of the parts; null when a stop request came during the bootstrap (10⁷ resamples per interval is minutes).</summary>
    private static CorrelationResult? Merge(List<(CorrelationPart, string)> parts, CliHost host)
    {
        try
        {
            return CorrelationResult.Merge(parts, host.Cancellation);
        }
        catch (System.OperationCanceledException) when (host.Cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    private static int Stopped(ConsoleOutput output)
    {
        output.Notice("correlate stopped while computing its bootstrap intervals; no output written");
        return ExitCodes.Interrupted;
    }

    private static CorrelationPart? RunStudy(CliHost host, CorrelateSettings s, ConsoleOutput output)
    {
        var (entry, data, dataFields, modelFields) = StudyData.Load(host, output, "correlate", "correlates measures with the test loss", s.Model, s.Dataset, s.DataDirectory, s.SplitSeed,
            s.LimitTrain, s.LimitTest, s.Out, s.Report);
        var dataset = data.Name == "mnist" ? "mnist" : "fashion-mnist";
        var measures = s.Study.Measures with
        {
            Phi = s.Study.Measures.Phi with { Radii = Teleport.Geometry.SharpnessRadii.Paper(dataset) },
        };
        var options = s.Study with { Measures = measures };
        var c = CultureInfo.InvariantCulture;
        var problems = new List<string>();
        if (options.HessianSamples > data.Train.Count) problems.Add(string.Create(c, $"{s.Origins.Name("--hessian-samples", options.HessianSamples)} is more than the {Format.Count(data.Train.Count, "training sample")} of {data.Name}"));
        var sharpness = (long)options.SharpnessBatches * options.Measures.Phi.BatchSize;
        if (sharpness > data.Train.Count) problems.Add(string.Create(c, $"{s.Origins.Name("--sharpness-batches", options.SharpnessBatches)} of {Format.Count(options.Measures.Phi.BatchSize, "sample")} need {sharpness}, more than the {Format.Count(data.Train.Count, "training sample")} of {data.Name}"));
        if (problems.Count > 0) throw new UsageException(string.Join("; ", problems) + ".");

        var config = options.Configuration(dataFields, modelFields);
        var study = new CorrelationStudy(options, () => entry.Create(), (m, seed) => entry.Initialize((Teleport.Teleportation.ITeleportable<float>)m, seed), data.Train, data.Test!);
        var shard = s.Shard ?? CorrelationShard.Whole;
        var count = 0;
        for (var i = 0; i < options.Runs; i++)
            if (shard.Contains(i)) count++;
        var part = s.Shard is { } k ? string.Create(c, $", shard {k}: {Format.Count(count, "run")}") : "";
        output.Line(string.Create(c,
            $"correlate: {entry.Name} on {data.Name} ({data.Train.Count} train / {data.Test!.Count} test), {Format.Count(options.Runs, "SGD run")} of {Format.Count(options.Epochs, "epoch")} (lr {options.LearningRate}, {RunDescription.StudyBatch(options.BatchSize, data.Train.Count)}, sequential){part}"));
        var done = 0;
        var clock = Stopwatch.StartNew();
        return study.RunShard(shard, config, run =>
        {
            done++;
            var losses = string.Create(c, $"train {Format.Loss(run.TrainLoss)}  test {Format.Loss(run.TestLoss)}  gap {Format.General(run.GeneralizationGap)}");
            var values = $"φ {Value(run, CorrelationMeasures.SharpnessPhi)}  tr H {Value(run, CorrelationMeasures.HessianTrace)}  λmax {Value(run, CorrelationMeasures.HessianTopEigenvalue)}  adaptive {Value(run, CorrelationMeasures.AdaptiveSharpness)}";
            output.Line(string.Create(c, $"run {run.Index + 1}/{options.Runs} (seed {run.Seed}, {done}/{count} here): {losses}  {values}  ({Format.Seconds(clock.Elapsed.TotalSeconds)})"));
            clock.Restart();
        }, host.Cancellation);
    }

    private static string Value(CorrelationRun run, string name) => run.Value(name) is { } v ? Format.General(v) : "-";

    private static void Render(ConsoleOutput output, CorrelationResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new TextTable("measure", "target", "pearson r", "95% CI", "p", "spearman ρ", "95% CI ", "p ");
        foreach (var s in result.Statistics)
            table.Row(s.Measure, s.Target, s.Pearson.R.ToString("F3", c), CorrelateReport.Interval(s.PearsonInterval, "F2"), s.Pearson.PValue.ToString("G3", c),
                s.Spearman.R.ToString("F3", c), CorrelateReport.Interval(s.SpearmanInterval, "F2"), s.Spearman.PValue.ToString("G3", c));
        output.Line();
        table.Render(output);
        foreach (var note in result.Notes) output.Line("note: " + note);
    }
}
