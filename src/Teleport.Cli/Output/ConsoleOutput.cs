using System;
using System.IO;
using System.Threading;
using Spectre.Console;
using Teleport.Training;

namespace Teleport.Cli.Output;

/// <summary>
/// The tool's output: on a terminal, progress bars and styled tables (Spectre.Console); otherwise plain lines
/// only, so piped output stays clean. Notices and errors go to standard error.
/// </summary>
internal sealed class ConsoleOutput
{
    private readonly CliHost _host;

    public ConsoleOutput(CliHost host)
    {
        _host = host;
        if (host.IsTerminal)
            Ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(host.Out) });
    }

    /// <summary>The styled console, on a terminal only.</summary>
    public IAnsiConsole? Ansi { get; }

    /// <summary>Where the tool runs (its writers, cancellation and, in tests, how models are made).</summary>
    public CliHost Host => _host;

    /// <summary>Cancellation from the host (Ctrl+C).</summary>
    public CancellationToken Cancellation => _host.Cancellation;

    /// <summary>One line of standard output.</summary>
    public void Line(string text = "")
    {
        if (Ansi is not null) Ansi.WriteLine(text);
        else _host.Out.WriteLine(text);
    }

    /// <summary>One line on standard error, prefixed "teleport: ".</summary>
    public void Notice(string text) => _host.Error.WriteLine("teleport: " + TerminalText.OneLine(text));

    /// <summary>The plain writer of standard output (for tables rendered as text).</summary>
    public TextWriter Out => _host.Out;

    /// <summary>
    /// Runs <paramref name="trainer"/> (callbacks must include <paramref name="progress"/>); on a terminal
    /// inside a live progress display, otherwise directly.
    /// </summary>
    public TrainingStatus Train(Trainer trainer, ProgressCallback progress)
    {
        if (Ansi is null) return trainer.Run(Cancellation);
        TrainingStatus status = default;
        Ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                progress.Attach(context.AddTask(Markup.Escape(progress.Label.Length == 0 ? "training" : progress.Label), maxValue: Math.Max(1, progress.TotalSteps)));
                status = trainer.Run(Cancellation);
            });
        return status;
    }
}
