namespace Teleport.Cli;

/// <summary>The tool's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A data, model or output file could not be read or written (one line on stderr says which and why).</summary>
    public const int DataError = 1;

    /// <summary>The command line is wrong: unknown or malformed options, values out of range, options that do not fit together.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Training diverged: a loss or gradient became NaN or infinite. The run stopped there; no record, model or
    /// report was written, and the last checkpoint written before it (with <c>--checkpoint</c>) is kept.
    /// </summary>
    public const int Diverged = 3;

    /// <summary>
    /// Interrupted (Ctrl+C or SIGTERM): training stopped between steps (a teleport under way is undone) with a checkpoint if
    /// <c>--checkpoint</c> was given; the other commands between tasks, runs, seeds, measures, probes, iterations, teleport steps
    /// or bootstrap resamples. No <c>--out</c> file or report.
    /// </summary>
    public const int Interrupted = 130;
}
