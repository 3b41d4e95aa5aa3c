using System.IO;
using Teleport.Cli.Reports.Markdown;
using Teleport.Serialization;

namespace Teleport.Cli.Reports;

/// <summary>Writes a report folder: report.md and its plots, published atomically by <see cref="ReportFolder"/>.</summary>
internal static class ReportWriter
{
    /// <summary>Writes the report of <paramref name="input"/> into <paramref name="folder"/>; returns the plan it followed.</summary>
    /// <exception cref="Teleport.Data.TeleportDataException">The folder cannot take a report or could not be written; nothing is left behind.</exception>
    public static ReportPlan Write(ReportInput input, string folder)
    {
        var plan = ReportPlan.For(input);
        var markdown = ReportMarkdown.Build(input, plan);
        ReportFolder.Publish(folder, staging =>
        {
            foreach (var plot in plan.Plots) AtomicFile.WriteAllBytes(Path.Combine(staging, plot.File), plot.Render());
            AtomicFile.WriteAllText(Path.Combine(staging, ReportFiles.Markdown), markdown);
        });
        return plan;
    }
}
