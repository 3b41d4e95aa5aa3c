using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Teleport.Cli.Output;
using Teleport.Cli.Reports;
using Teleport.Cli.Reports.Markdown;
using Teleport.Geometry.Experiments;
using Teleport.Geometry.Statistics;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Cli.Geometry;

/// <summary>
/// The report folder of a correlation study: report.md (what ran, the correlation table with p-values and bootstrap
/// intervals, the notes, every run) and one scatter plot per measure and target. A function of the result alone.
/// </summary>
internal static class CorrelateReport
{
    /// <summary>The names a correlate report folder may hold.</summary>
    public static IReadOnlyList<string> Files
    {
        get
        {
            var files = new List<string> { ReportFiles.Markdown };
            foreach (var measure in CorrelationMeasures.All)
                foreach (var target in CorrelationMeasures.Targets) files.Add(ScatterPlot.File(measure, target));
            return files;
        }
    }

    /// <summary>Writes the report atomically; returns the number of plots.</summary>
    public static int Write(CorrelationResult result, string folder)
    {
        var markdown = Markdown(result);
        ReportFolder.Publish(folder, staging =>
        {
            foreach (var s in result.Statistics)
                AtomicFile.WriteAllBytes(Path.Combine(staging, ScatterPlot.File(s.Measure, s.Target)), ScatterPlot.Render(result, s));
            AtomicFile.WriteAllText(Path.Combine(staging, ReportFiles.Markdown), markdown);
        }, Files);
        return result.Statistics.Count;
    }

    public static string Markdown(CorrelationResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var study = result.Config["study"].Fields;
        var data = result.Config["data"].Fields;
        var model = result.Config["model"].Fields;
        text.Append(c, $"# Teleport correlate: {model["name"]} on {data["name"]}, {Format.Count(result.Runs.Count, "run")}\n\n");
        text.Append(c, $"The Table 1 study of Zhao et al. (ICLR 2024): {Format.Count((long)study["runs"].Number, "plain SGD run")} (lr {study["lr"]}, batches of {study["batch_size"]} in the data set's order, {Format.Count((long)study["epochs"].Number, "epoch")}) ");
        text.Append(c, $"that differ only in the initialisation seed, {study["seeds"]} for run i; {data["train_samples"]} training and {data["test_samples"]} test samples. ");
        text.Append(c, $"Each measure is taken on the final weights and correlated over the runs with the final test loss and with the generalisation gap (test − train loss). ");
        text.Append(c, $"p: two-sided, Student's t with n − 2 degrees of freedom; CI: 95 % percentile bootstrap over runs ({Format.Count((long)study["bootstrap_resamples"].Number, "resample")}, seeded).\n\n");

        text.Append("## Correlations\n\n");
        var table = new MarkdownTable("measure", "target", "Pearson r", "95% CI", "p", "Spearman ρ", "95% CI ", "p ").Text("measure", "target");
        foreach (var s in result.Statistics)
            table.Row(s.Measure, s.Target, R(s.Pearson.R), Interval(s.PearsonInterval), P(s.Pearson.PValue),
                R(s.Spearman.R), Interval(s.SpearmanInterval), P(s.Spearman.PValue));
        table.AppendTo(text);
        foreach (var note in result.Notes) text.Append("- ").Append(note).Append('\n');
        if (result.Notes.Count > 0) text.Append('\n');

        text.Append("## Measures\n\n");
        foreach (var name in CorrelationMeasures.All) text.Append(c, $"- `{name}`: {CorrelationMeasures.Describe(name)}.\n");
        foreach (var name in CorrelationMeasures.Targets) text.Append(c, $"- `{name}`: {CorrelationMeasures.Describe(name)}.\n");
        text.Append('\n');

        text.Append("## Plots\n\n");
        foreach (var s in result.Statistics) text.Append(c, $"![{s.Target} against {s.Measure}]({ScatterPlot.File(s.Measure, s.Target)})\n\n");

        text.Append("## Runs\n\n");
        var runs = new MarkdownTable(["run", "seed", "train loss", "test loss", "test acc", "gap", .. Measured(result)]);
        foreach (var run in result.Runs)
        {
            var cells = new List<string>
            {
                run.Index.ToString(c), run.Seed.ToString(c), G(run.TrainLoss), G(run.TestLoss), (100 * run.TestAccuracy).ToString("F2", c) + "%", G(run.GeneralizationGap),
            };
            foreach (var name in Measured(result)) cells.Add(run.Value(name) is { } v ? G(v) : "-");
            runs.Row([.. cells]);
        }
        runs.AppendTo(text);

        text.Append("## Configuration\n\n```json\n");
        text.Append(Encoding.UTF8.GetString(RecordJson.ToUtf8Bytes(result.Config)));
        text.Append("```\n");
        return text.ToString();
    }

    private static List<string> Measured(CorrelationResult result)
    {
        var names = new List<string>();
        foreach (var name in CorrelationMeasures.All)
            if (name != CorrelationMeasures.TrainLoss && CorrelationResult.Column(result.Runs, name) is not null) names.Add(name);
        return names;
    }

    private static string R(double r) => double.IsNaN(r) ? "NaN" : r.ToString("F3", CultureInfo.InvariantCulture);

    private static string P(double p) => double.IsNaN(p) ? "NaN" : p < 1e-4 ? p.ToString("0.0e0", CultureInfo.InvariantCulture) : p.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>
    /// "[low, high]", or why there is none: fewer than 2 resamples had a defined coefficient. A study of one resample
    /// (--bootstrap refuses it now; a part written before may hold it) is said as such: "1 of 1 resamples defined" read
    /// as if the interval should exist.
    /// </summary>
    internal static string Interval(BootstrapInterval interval, string format = "F3") => double.IsNaN(interval.Low)
        ? interval.Resamples < 2
            ? string.Create(CultureInfo.InvariantCulture, $"undefined ({Format.Count(interval.Resamples, "resample")}; an interval needs at least 2)")
            : string.Create(CultureInfo.InvariantCulture, $"undefined ({interval.Valid} of {interval.Resamples} resamples defined; an interval needs at least 2)")
        : $"[{interval.Low.ToString(format, CultureInfo.InvariantCulture)}, {interval.High.ToString(format, CultureInfo.InvariantCulture)}]";

    private static string G(double value) => ReportNumbers.General(value);
}
