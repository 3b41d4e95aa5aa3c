using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Teleport.Serialization;

namespace Teleport.Cli.Options;

/// <summary>
/// The files and folders a command reads and writes, by option, checked together before any work: no output
/// may be a file the command reads, two outputs may not be the same file, nothing may lie inside a folder an
/// output owns as a whole (a report folder, a checkpoint folder), and an owned folder may not hold anything the
/// command reads. Each output must also be writable where it is: what has its name must be of its kind (a file
/// may replace only a regular file — never a folder, a device, a FIFO or a socket — and a folder only a folder),
/// it may not lie under a file, and its nearest existing folder must take a new file. Paths are compared after
/// symbolic links are resolved (<see cref="CanonicalPath"/>). The response files the command line was read from
/// (<see cref="ResponseFiles.Read"/>) are among the inputs.
/// </summary>
/// <example><code>
/// new PathPlan().InputFiles("--data", data.Files).OutputFile("--out", s.Out).OutputFile("--save-model", model)
///     .OutputFolder("--report", report).WorkFolder("--checkpoint", s.CheckpointDirectory).Check();
/// </code></example>
internal sealed class PathPlan
{
    private enum Role
    {
        InputFile,
        OutputFile,
        OutputFolder,
        WorkFolder,
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

    /// <summary>
    /// Checks that no file of <paramref name="paths"/> is given twice — as typed, or under another spelling of the same
    /// file (<c>./a</c>, a symbolic link to it) — naming both spellings, with <paramref name="why"/> ("each file is one learner").
    /// </summary>
    /// <exception cref="UsageException">A file is given twice.</exception>
    public static void EachOnce(string option, IEnumerable<string> paths, string why)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = System.IO.Path.GetFullPath(path);
            var target = FileKinds.WriteTarget(full) ?? full;
            if (!seen.TryAdd(target, path))
                throw new UsageException($"{option}: {path} is given twice{(seen[target] == path ? "" : $" (as {seen[target]})")}; {why}.");
        }
    }

    /// <summary>A file the command writes (atomically; ignored when null).</summary>
    public PathPlan OutputFile(string option, string? path) => Add(option, path, Role.OutputFile);

    /// <summary>A folder the command owns as a whole: it writes, replaces or prunes what is inside (ignored when null).</summary>
    public PathPlan OutputFolder(string option, string? path) => Add(option, path, Role.OutputFolder);

    /// <summary>
    /// An owned folder whose files are created inside it as the command runs (checkpoints), not published beside it in
    /// one piece (a report): when it exists, it must itself take new files — a read-only checkpoint folder was found
    /// only when the first checkpoint was written, after an epoch of training.
    /// </summary>
    public PathPlan WorkFolder(string option, string? path) => Add(option, path, Role.WorkFolder);

    /// <summary>Checks the plan.</summary>
    /// <exception cref="UsageException">Two entries collide, or an output names something of another kind: a folder,
    /// a device, a FIFO, a socket, a link to nothing (exit code 2).</exception>
    /// <exception cref="UnreadableInputException">An input names a folder, a device, a FIFO or a socket (exit code 1).</exception>
    /// <exception cref="UnwritableOutputException">An output cannot be created where it is (exit code 1, as any unwritable file).</exception>
    public void Check()
    {
        // The response files the command line came from are inputs too: `train @args.rsp --out args.rsp` wrote the
        // record over them (bad-input sweep).
        foreach (var file in ResponseFiles.Read) InputFile("response", file);
        foreach (var input in _entries)
            if (input.Role == Role.InputFile) CheckReadable(input);
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
                throw new UsageException($"{Name(output)} is also {Name(other)}: each output needs its own {(IsFolder(output) ? "folder" : "file")}.");
        }
        if (IsFolder(output) && x.IsInside(o))
        {
            throw other.Role == Role.InputFile
                ? new UsageException($"{Name(output)} holds {Describe(other)}, and the folder is written as a whole: choose a folder without the command's inputs.")
                : new UsageException($"{Name(other)} is inside the {output.Option} folder {output.Path}, which is written as a whole: put it beside it.");
        }
    }

    /// <summary>
    /// An input that exists is a file (a symbolic link counts as what it leads to). Missing inputs are left to the
    /// command, which says what it looked for; this is the one place that knows the option and the path as typed, so
    /// the readers' "null: is a character device, not a file" (the last part of the path alone) is said here first.
    /// </summary>
    /// <exception cref="UnreadableInputException">It is a folder, a device, a FIFO, a socket or a loop of links.</exception>
    private static void CheckReadable(Entry input)
    {
        var kind = FileKinds.Of(input.Path);
        if (kind is not (FileKind.Missing or FileKind.RegularFile))
            throw new UnreadableInputException(input.Path, input.Option, $"is {FileKinds.Describe(kind)}, not a file");
    }

    /// <summary>
    /// The output can be created where it is: what has its name is of the right kind (<see cref="CheckKind"/>),
    /// no file stands where a folder on its way should be, and the nearest existing folder takes new files.
    /// </summary>
    private static void CheckWritable(Entry output)
    {
        var full = output.Canonical.Full;
        CheckNameLengths(output, full);
        CheckKind(output, full);
        var folder = Path.GetDirectoryName(full);
        var ancestor = folder;
        var kind = FileKind.Missing;
        while (ancestor is not null && (kind = FileKinds.Of(ancestor)) == FileKind.Missing) ancestor = Path.GetDirectoryName(ancestor);
        if (ancestor is null || folder is null) return;
        if (kind != FileKind.Directory)
            throw new UnwritableOutputException(output.Path, output.Option, $"{ancestor} is {FileKinds.Describe(kind)}, not a folder");
        if (NewFileProbe.Refusal(ancestor) is { } reason)
        {
            throw new UnwritableOutputException(output.Path, output.Option, ancestor == folder
                ? $"its folder {folder} does not take new files ({reason})"
                : $"its folder {folder} does not exist and cannot be created in {ancestor} ({reason})");
        }
        if (output.Role == Role.WorkFolder && FileKinds.Of(full) == FileKind.Directory && NewFileProbe.Refusal(full) is { } inside)
            throw new UnwritableOutputException(output.Path, output.Option, $"the folder does not take new files ({inside})");
    }

    /// <summary>The longest file or folder name the file systems take: 255 bytes (UTF-8) on Linux and macOS, 255 characters on Windows.</summary>
    private const int LongestName = 255;

    /// <summary>The longest path Linux takes (PATH_MAX, 4 096 bytes with the terminating zero).</summary>
    private const int LongestLinuxPath = 4095;

    /// <summary>
    /// Every name on the output's path fits the file system: a 300-byte <c>--out</c>, <c>--report</c>, <c>--checkpoint</c>
    /// or <c>--save-model</c> name trained the whole run and then failed in .NET's words ("The path … is too long").
    /// </summary>
    private static void CheckNameLengths(Entry output, string full)
    {
        foreach (var name in full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            var length = OperatingSystem.IsWindows() ? name.Length : Encoding.UTF8.GetByteCount(name);
            if (length > LongestName)
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{output.Option}: the name \"{Shortened(name)}\" is {length} {(OperatingSystem.IsWindows() ? "characters" : "bytes")} long; a file or folder name may have at most {LongestName}."));
        }
        var bytes = Encoding.UTF8.GetByteCount(full);
        if (OperatingSystem.IsLinux() && bytes > LongestLinuxPath)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{output.Option}: the path is {bytes} bytes long; Linux takes paths of at most {LongestLinuxPath}."));
    }

    /// <summary>A long name's first 40 characters and an ellipsis, for messages.</summary>
    private static string Shortened(string name) => name.Length <= 48 ? name : name[..40] + "…";

    private static bool IsFolder(Entry e) => e.Role is Role.OutputFolder or Role.WorkFolder;

    /// <summary>
    /// What already has the output's name may be replaced: nothing or a regular file for a file (never a folder, a
    /// device, a FIFO or a socket, which a rename would destroy), nothing or a folder for a folder. A symbolic link
    /// counts as what it leads to (outputs are written through it); one that leads nowhere is refused.
    /// </summary>
    private static void CheckKind(Entry output, string full)
    {
        var wanted = IsFolder(output) ? FileKind.Directory : FileKind.RegularFile;
        var noun = IsFolder(output) ? "folder" : "file";
        string? through = null;
        var target = FileKinds.WriteTarget(full) ?? throw new UsageException($"{Name(output)} is a symbolic link that leads into a loop of links: name the {noun} itself.");
        if (target != full)
        {
            if (FileKinds.Of(target) == FileKind.Missing)
                throw new UsageException($"{Name(output)} is a symbolic link to {target}, which does not exist: name the {noun} itself.");
            through = $"a symbolic link to {target}, ";
        }
        var kind = FileKinds.Of(full);
        // The output itself is no link here (a loop of its own was refused above), so the loop is on the way to it.
        if (kind == FileKind.LinkLoop)
            throw new UsageException($"{Name(output)} lies under a symbolic link that leads into a loop of links: name a folder that exists.");
        if (kind != FileKind.Missing && kind != wanted)
            throw new UsageException($"{Name(output)} is {through}{FileKinds.Describe(kind)}, not a {noun}.");
    }

    private static string Name(Entry e) => $"{e.Option} {e.Path}";

    private static string Describe(Entry input) => input.Option.StartsWith("--", StringComparison.Ordinal)
        ? $"a file {input.Option} reads ({input.Path})"
        : $"the {input.Option} file it reads ({input.Path})";
}
