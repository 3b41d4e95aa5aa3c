using System;
using System.Threading;

namespace Teleport.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        // Ctrl+C stops training between two steps (writing a checkpoint with --checkpoint); a second one kills.
        Console.CancelKeyPress += (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        return TeleportCli.Run(args, CliHost.FromConsole(cancel.Token));
    }
}
