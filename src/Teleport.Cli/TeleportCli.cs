using System.CommandLine;
using Teleport.Cli.Commands;

namespace Teleport.Cli;

/// <summary>
/// The <c>teleport</c> command line: <c>train</c>, <c>compare</c>, <c>info</c>, <c>bench</c>, <c>report</c>, <c>measure</c>, <c>correlate</c>. <see cref="Run"/> is the
/// whole tool — the process's <c>Main</c> calls it with the console, tests with captured writers.
/// </summary>
public static class TeleportCli
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, CliHost host)
    {
        var root = new RootCommand("teleport: train neural networks faster with symmetry teleportation (Zhao et al., ICLR 2024).")
        {
            TrainCommand.Create(host),
            CompareCommand.Create(host),
            InfoCommand.Create(host),
            BenchCommand.Create(host),
            ReportCommand.Create(host),
            MeasureCommand.Create(host),
            CorrelateCommand.Create(host),
        };
        var result = root.Parse(args);
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in result.Errors) host.Error.WriteLine("teleport: " + error.Message);
            host.Error.WriteLine("teleport: see 'teleport --help' or 'teleport <command> --help'.");
            return ExitCodes.UsageError;
        }
        return result.Invoke(new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false });
    }
}
