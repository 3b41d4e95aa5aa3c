using System;
using System.Collections.Generic;
using System.IO;
using Teleport.Data;

namespace Teleport.Cli.Options;

/// <summary>
/// The files and folders a command reads and writes, by option, checked together before any work: no output
/// may be a file the command reads, two outputs may not be the same file, nothing may lie inside a folder an
/// output owns as a whole (a report folder, a checkpoint folder), and an owned folder may not hold anything the
/// command reads. Each output must also be writable where it is: not an existing folder (for a file), not under
/// a file, and its nearest existing folder must take a new file. Paths are compared after symbolic links are
/// resolved (<see cref="CanonicalPath"/>).
/// </summary>
/// <example><code>
/// new PathPlan().InputFiles("--data", data.Files).OutputFile("--out", s.Out).OutputFile("--save-model", model)
///     .OutputFolder("--report", report).OutputFolder("--checkpoint", s.CheckpointDirectory).Check();
/// </code></example>
internal sealed class PathPlan
{
    private enum Role
    {
        InputFile,
        OutputFile,
        OutputFolder,
    }

    private sealed record Entry(string Option, string Path, Role Role, CanonicalPath Canonical);

    private readonly List<Entry> _entries = [];

    /// <summary>A file the command reads (ignored when null).</summary>
    public PathPlan InputFile(string option, string? path) => Add(option, path, Role.InputFile);

    /// <summary>Files the command reads, e.g. a data set's files under its <c>--data</c> option.</summary>
    public PathPlan InputFiles(string option, IEnumerable<string> paths)
    {
        foreach (var path in paths) Add(option, path, Role.InputFile);
        return this;
    }

    /// <summary>A file the command writes (atomically; ignored when null).</summary>
    public PathPlan OutputFile(string option, string? path) => Add(option, path, Role.OutputFile);

    /// <summary>A folder the command owns as a whole: it writes, replaces or prunes what is inside (ignored when null).</summary>
    public PathPlan OutputFolder(string option, string? path) => Add(option, path, Role.OutputFolder);

    /// <summary>Checks the plan.</summary>
    /// <exception cref="UsageException">Two entries collide (exit code 2).</exception>
    /// <exception cref="TeleportDataException">An output cannot be written where it is (exit code 1, as any unwritable file).</exception>
    public void Check()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            var a = _entries[i];
            if (a.Role == Role.InputFile) continue;
            for (var j = 0; j < _entries.Count; j++)
                if (j != i) CheckPair(a, _entries[j], j < i);
            CheckWritable(a);
        }
    }

    private PathPlan Add(string option, string? path, Role role)
    {
        if (path is not null) _entries.Add(new Entry(option, path, role, CanonicalPath.Of(option, path)));
        return this;
    }

    /// <summary>The rules for output <paramref name="output"/> against another entry (<paramref name="seen"/>: that pair was already checked the other way).</summary>
    private static void CheckPair(Entry output, Entry other, bool seen)
    {
        var o = output.Canonical;
        var x = other.Canonical;
        if (o.SameAs(x))
        {
            if (other.Role == Role.InputFile)
                throw new UsageException($"{Name(output)} is also {Describe(other)}: the command would overwrite a file it reads; write it elsewhere.");
            if (!seen)
                throw new UsageException($"{Name(output)} is also {Name(other)}: each output needs its own {(output.Role == Role.OutputFolder ? "folder" : "file")}.");
        }
        if (output.Role == Role.OutputFolder && x.IsInside(o))
        {
            throw other.Role == Role.InputFile
                ? new UsageException($"{Name(output)} holds {Describe(other)}, and the folder is written as a whole: choose a folder without the command's inputs.")
                : new UsageException($"{Name(other)} is inside the {output.Option} folder {output.Path}, which is written as a whole: put it beside it.");
        }
    }

    /// <summary>The output can be created where it is: a file's name is not a folder, and the nearest existing folder takes new files.</summary>
    private static void CheckWritable(Entry output)
    {
        var full = output.Canonical.Full;
        if (output.Role == Role.OutputFile && Directory.Exists(full))
            throw new TeleportDataException(output.Path, $"cannot be written ({output.Option}): it is a folder; name a file");
        if (output.Role == Role.OutputFolder && File.Exists(full))
            throw new TeleportDataException(output.Path, $"cannot be written ({output.Option}): it is a file; name a folder");
        var ancestor = Path.GetDirectoryName(full);
        while (ancestor is not null && !Directory.Exists(ancestor))
        {
            if (File.Exists(ancestor)) throw new TeleportDataException(output.Path, $"cannot be written ({output.Option}): {ancestor} is a file, not a folder");
            ancestor = Path.GetDirectoryName(ancestor);
        }
        if (ancestor is null) return;
        try
        {
            // A probe file, deleted as it is closed: the folder takes new files (permissions, read-only mounts).
            using var probe = new FileStream(Path.Combine(ancestor, $".teleport-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeleportDataException(output.Path, $"cannot be written ({output.Option}): {ancestor} does not take new files ({e.Message})");
        }
    }

    private static string Name(Entry e) => $"{e.Option} {e.Path}";

    private static string Describe(Entry input) => input.Option.StartsWith("--", StringComparison.Ordinal)
        ? $"a file {input.Option} reads ({input.Path})"
        : $"the {input.Option} file it reads ({input.Path})";
}
