using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Teleport.Cli.Reports;
using Teleport.Cli.Reports.Markdown;
using Teleport.Geometry.Experiments;
using Teleport.Serialization;
using Teleport.Cli.Output;

namespace Teleport.Cli.Geometry;

/// <summary>The report folder of <c>teleport generalize</c>: report.md (what ran, the comparison with the control arm) and the figure. A function of the result alone.</summary>
internal static class GeneralizeReport
{
    /// <summary>The figure's file name.</summary>
    public const string FigureFile = "figure4.png";

    /// <summary>The paired figure's file name.</summary>
    public const string DifferenceFile = "figure4-minus-control.png";

    /// <summary>The names a generalize report folder may hold.</summary>
    public static IReadOnlyList<string> Files { get; } = [ReportFiles.Markdown, FigureFile, DifferenceFile];

    /// <summary>Writes the report atomically.</summary>
    public static void Write(GeneralizationResult result, string folder)
    {
        var markdown = Markdown(result);
        ReportFolder.Publish(folder, staging =>
        {
            AtomicFile.WriteAllBytes(Path.Combine(staging, FigureFile), GeneralizePlot.Render(result));
            AtomicFile.WriteAllBytes(Path.Combine(staging, DifferenceFile), GeneralizePlot.RenderDifference(result));
            AtomicFile.WriteAllText(Path.Combine(staging, ReportFiles.Markdown), markdown);
        }, Files);
    }

    /// <summary>One row per arm: final test loss, its paired difference from the control arm, seeds below it, the teleports' objective ratio, drift and cost.</summary>
    public static IEnumerable<string[]> Rows(GeneralizationResult result)
    {
        foreach (var a in result.Arms)
        {
            var final = a.TestLoss[^1];
            var difference = SeedSpread.Of(a.FinalTestLossDifference);
            yield return
            [
                a.Arm.Name,
                Spread(final, "F4"),
                $"{final.Mean.ToString("F4", CultureInfo.InvariantCulture)} ± {final.Std.ToString("F4", CultureInfo.InvariantCulture)}",
                a.Arm.IsControl ? "—" : Spread(difference, "+0.0000;-0.0000;0"),
                a.Arm.IsControl ? "—" : $"{a.SeedsBelowControl} of {a.FinalTestLossDifference.Count}",
                a.Arm.IsControl ? "—" : Spread(a.ObjectiveRatio, "G4"),
                a.Arm.IsControl ? "—" : Spread(a.BatchLossRelativeDrift, "G2"),
                a.Arm.IsControl ? "—" : a.TeleportSeconds.ToString("F1", CultureInfo.InvariantCulture),
            ];
        }
    }

    public static string Markdown(GeneralizationResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var o = result.Options;
        var data = result.Config["data"].Fields;
        var model = result.Config["model"].Fields;
        var text = new StringBuilder();
        text.Append(c, $"# Teleport generalize: {model["name"]} on {data["name"]}, {Format.Count(result.Seeds.Count, "seed")}\n\n");
        text.Append(c, $"The Figure 4 experiment of Zhao et al. (ICLR 2024) with a control arm: per seed (initialisation (i + 1)·{o.SeedStep}), plain SGD (lr {o.LearningRate}, batches of {o.BatchSize} in the data set's order) for {Format.Count(o.TeleportEpoch, "epoch")}; ");
        text.Append(c, $"then every arm continues from that checkpoint to epoch {o.Epochs}, the teleporting arms teleporting before each of the first mini-batches of epoch {o.TeleportEpoch + 1} on {o.TeleportBatch} fresh training samples through {o.Symmetries} ");
        text.Append(c, $"(sharpness: {Format.Count(o.SharpnessDirections, "direction")} × 9 radii per step; a step may change its batch loss by at most {o.DriftTolerance:P0}; {(o.RequireProgress ? "a step that moves the objective the wrong way is rolled back and retried shorter" : "no check that a step moves the objective the requested way, as the authors")}). The control arm has the same schedule and no teleport.\n\n");
        text.Append("| arm | objective | teleports × steps | rate |\n| --- | --- | ---: | ---: |\n");
        foreach (var arm in o.Arms)
            text.Append(c, $"| {arm.Name} | {(arm.IsControl ? "—" : $"{arm.Objective} {arm.Direction}")} | {arm.Teleports} × {arm.Steps} | {arm.Rate} |\n");
        text.Append(c, $"\n![test and train loss by epoch]({FigureFile})\n\n![test loss minus the control arm's, paired by seed]({DifferenceFile})\n\n## Final epoch against the control arm\n\n");
        var table = new MarkdownTable("arm", "final test loss (median [min, max])", "mean ± std", "minus control, paired (median [min, max])", "below control", "objective (φ_tele or κ along M) after/before per teleport", "batch loss relative drift", "teleport seconds").Text("arm");
        foreach (var row in Rows(result)) table.Row(row);
        table.AppendTo(text);
        text.Append(c, $"\nThe objective column is φ_tele on the teleport batch for the sharpness arms and κ along the teleport's own M for the curvature arms. ");
        text.Append(c, $"ψ ({PsiSetting(o)}) on each teleport's batch, after/before per teleport (the same generators before and after), median [min, max] and mean ± std over all teleports of all seeds:\n\n");
        foreach (var a in result.Arms.Where(a => !a.Arm.IsControl))
            text.Append(c, $"* {a.Arm.Name}: ψ after/before {Spread(a.PsiRatio, "G4")}{MeanStd(a.PsiRatio)}; {ObjectiveLabel(a.Arm)} after/before {Spread(a.ObjectiveRatio, "G4")}{MeanStd(a.ObjectiveRatio)}\n");
        text.Append("\nFinal test accuracy minus the control arm's, per seed:\n\n");
        foreach (var a in result.Arms.Where(a => !a.Arm.IsControl))
            text.Append(c, $"* {a.Arm.Name}: {string.Join(", ", a.FinalTestAccuracyDifference.Select(d => (100 * d).ToString("+0.00;-0.00;0", c) + " pp"))}\n");
        return text.ToString();
    }

    private static string PsiSetting(GeneralizationOptions o) => o.Psi is { } psi
        ? string.Create(CultureInfo.InvariantCulture, $"{psi.ModeName} mode, {psi.Symmetry} on every hidden layer, {Format.Count(psi.CurvesPerBatch, "generator")} per {Format.Count(psi.BatchSize, "sample")}")
        : "not measured";

    private static string MeanStd(SeedSpread s) => !s.Exists ? "" :
        string.Create(CultureInfo.InvariantCulture, $", {s.Mean.ToString("G4", CultureInfo.InvariantCulture)} ± {s.Std.ToString("G3", CultureInfo.InvariantCulture)}");

    private static string ObjectiveLabel(GeneralizationArm arm) => arm.Objective == Teleport.Teleportation.TeleportObjective.Curvature ? "κ along M" : "φ_tele";

    // a spread of no finite value (ψ not measured) is said as such, never printed as NaN
    private static string Spread(SeedSpread s, string format) => !s.Exists ? "none" :
        $"{s.Median.ToString(format, CultureInfo.InvariantCulture)} [{s.Min.ToString(format, CultureInfo.InvariantCulture)}, {s.Max.ToString(format, CultureInfo.InvariantCulture)}]";
}
