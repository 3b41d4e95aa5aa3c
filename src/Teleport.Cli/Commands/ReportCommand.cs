using System.CommandLine;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Cli.Reports;

namespace Teleport.Cli.Commands;

/// <summary><c>teleport report FILE.json --out DIR</c>: the report folder of an existing run or compare record.</summary>
internal static class ReportCommand
{
    public static Command Create(CliHost host)
    {
        var record = CliOption.FileArgument("record", "A run record (train --out) or compare record (compare --out), JSON.");
        var output = CliOption.RequiredFolder("--out", "The report folder to write: report.md and PNG plots (replaces an earlier report there; written atomically).");
        var command = new Command("report", "Render a report folder (Markdown and PNG plots) from a run or compare record.") { record, output };
        command.SetAction(result => CommandErrors.Guard(host, () =>
        {
            var folder = result.GetValue(output)!;
            var recordFile = result.GetValue(record)!;
            new PathPlan().InputFile("record", recordFile).OutputFolder("--out", folder).Check();
            ReportFolder.Check(folder);
            var input = ReportInput.Load(recordFile);
            ReportPlan plan;
            try
            {
                plan = ReportWriter.Write(input, folder);
            }
            catch (System.IO.InvalidDataException e)
            {
                // A plot that cannot be drawn (PlotStyle.Png) holds a value of the record: name the file, as the record's
                // other refusals do. train and compare --report draw a live run, where no file is the cause, so the
                // plot's own message is left as it is there.
                throw new Teleport.Data.TeleportDataException(recordFile, e.Message, null, e);
            }
            Written(host, folder, plan);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The line that says where the report went.</summary>
    public static void Written(CliHost host, string folder, ReportPlan plan) => host.Out.WriteLine(Line(folder, plan));

    /// <summary>The line that says a report was written.</summary>
    public static string Line(string folder, ReportPlan plan) =>
        $"wrote report {TerminalText.Path(System.IO.Path.Combine(folder, ReportFiles.Markdown))} and {Format.Count(plan.Plots.Count, "plot")}";
}
