using System;
using System.Collections.Generic;
using System.IO;
using Teleport.Cli.Options;
using Teleport.Cli.Output;
using Teleport.Serialization;

namespace Teleport.Cli.Running;

/// <summary>
/// What a finished run writes — its record (<c>--out</c>), its model (<c>--save-model</c>), its report folder — all or
/// none: the files are staged beside their places first, the report published, and only then are the files renamed into
/// place. A bad-input sweep found a full disk leaving the record written while the model failed and the command exited
/// 1, with a message that named a temporary file and no option; a file that cannot be written is now named with its option.
/// </summary>
internal sealed class RunOutputs
{
    private readonly List<(string Option, string Path, Action<Stream> Write)> _files = [];

    /// <summary>A file to write (ignored when <paramref name="path"/> is null).</summary>
    public RunOutputs File(string option, string? path, Action<Stream> write)
    {
        if (path is not null) _files.Add((option, path, write));
        return this;
    }

    /// <summary>
    /// Stages every file, runs <paramref name="report"/> (which publishes the report folder and returns the line that says
    /// so), commits the files, and prints what was written.
    /// </summary>
    /// <exception cref="UnwritableOutputException">A file could not be written (nothing of this run is left in place).</exception>
    public void Write(ConsoleOutput output, Func<string>? report = null)
    {
        var staged = new List<(string Path, AtomicFile.StagedFile File)>(_files.Count);
        try
        {
            foreach (var (option, path, write) in _files)
            {
                try
                {
                    staged.Add((path, AtomicFile.Stage(path, write)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UnwritableOutputException(path, option, NewFileProbe.Reason(e));
                }
            }
            var reported = report?.Invoke();
            foreach (var (_, file) in staged) file.Commit();
            foreach (var (path, _) in staged) output.Line($"wrote {TerminalText.Path(path)}");
            if (reported is not null) output.Line(reported);
        }
        finally
        {
            foreach (var (_, file) in staged) file.Dispose();
        }
    }
}
