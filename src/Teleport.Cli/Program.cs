using System;
using System.Runtime.InteropServices;
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
        // SIGTERM the same way: a batch scheduler (Slurm, the README's sbatch file) or `kill` ends a job with it, and the
        // job then stops between steps with its checkpoint and no temporary file, where the runtime's default exited
        // at once (exit 143, a half-written checkpoint folder left behind). A second SIGTERM kills.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            if (cancel.IsCancellationRequested) return;
            context.Cancel = true;
            cancel.Cancel();
        });
        return TeleportCli.Run(args, CliHost.FromConsole(cancel.Token));
    }
}
