using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Teleport.Data;
using Teleport.Serialization;

namespace Teleport.Training;

/// <summary>
/// The layout of a checkpoint directory, and how a checkpoint becomes visible only when complete.
/// </summary>
/// <remarks>
/// <code>
/// &lt;directory&gt;/latest                                   the newest complete checkpoint's folder name
/// &lt;directory&gt;/.lock                                    held by the run writing there (<see cref="Claim"/>), empty
/// &lt;directory&gt;/checkpoint-000007-step-000000001234/
///     model.safetensors      parameters, PyTorch state_dict names (fc0.weight [out, in], fc0.bias, …), F32
///     optimizer.safetensors  optimizer buffers by PyTorch state key (exp_avg, sum, …), F32 [ParameterCount]
///     trainer.json           position, accumulators, random state, optimizer kind/settings/step count,
///                            history, callback states
///     SHA256SUMS             the SHA-256 of the three files above, in sha256sum's format (<see cref="CheckpointSums"/>)
/// </code>
/// A checkpoint is written into a hidden temporary folder (each file itself atomically), renamed to its
/// final name, and only then published by rewriting <c>latest</c> atomically. A failure at any point
/// deletes the temporary folder and leaves <c>latest</c> and every published checkpoint as they were,
/// so a reader never sees a partial checkpoint. The sequence number orders checkpoints by writing
/// time; older ones beyond the number to keep are deleted after publishing.
/// </remarks>
public static class Checkpoints
{
    /// <summary>The pointer file naming the newest complete checkpoint.</summary>
    public const string LatestFileName = "latest";

    /// <summary>The parameters file in a checkpoint folder.</summary>
    public const string ModelFileName = "model.safetensors";

    /// <summary>The optimizer buffers file in a checkpoint folder.</summary>
    public const string OptimizerFileName = "optimizer.safetensors";

    /// <summary>The trainer state file in a checkpoint folder.</summary>
    public const string StateFileName = "trainer.json";

    /// <summary>
    /// The SHA-256 of every other file in a checkpoint folder, one <c>&lt;hex&gt;  &lt;name&gt;</c> line each, as
    /// <c>sha256sum</c> writes and <c>sha256sum -c</c> checks them (<see cref="CheckpointSums"/>).
    /// </summary>
    public const string SumsFileName = "SHA256SUMS";

    /// <summary>The file a run holds locked while it writes checkpoints into the directory (<see cref="Claim"/>).</summary>
    public const string LockFileName = ".lock";

    /// <summary>The largest <c>latest</c> file read: far more than the line it holds (<c>checkpoint-000002-step-000000000030</c>).</summary>
    private const int MaxLatestBytes = 1024;

    private const string Prefix = "checkpoint-";
    private const string TempPrefix = ".tmp-";

    /// <summary>The folder of the newest complete checkpoint in <paramref name="directory"/>, or null if none was published.</summary>
    /// <exception cref="TeleportDataException"><c>latest</c> is not a readable file, or names a folder that is not a complete checkpoint.</exception>
    public static string? FindLatest(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var pointer = Path.Combine(directory, LatestFileName);
        var kind = FileKinds.Of(pointer);
        if (kind == FileKind.Missing) return null;
        if (kind != FileKind.RegularFile)
            throw new TeleportDataException(pointer, $"is {FileKinds.Describe(kind)} in {directory}, not the file naming its newest checkpoint");
        string name;
        try
        {
            // A name is some 40 characters: a larger file is not one, and reading it whole ended a 2 GB one in
            // "Out of memory." (exit 134) instead of a message (bad-input sweep).
            var length = new FileInfo(pointer).Length;
            if (length > MaxLatestBytes)
                throw new TeleportDataException(pointer, $"in {directory} holds {length} bytes, more than the {MaxLatestBytes} of a line naming a checkpoint folder: not the file naming its newest checkpoint");
            name = File.ReadAllText(pointer).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeleportDataException(pointer, $"in {directory} cannot be read ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)})", null, e);
        }
        if (!TryParseName(name, out _, out _))
            throw new TeleportDataException(pointer, $"\"{name}\" is not a checkpoint folder name");
        var folder = Path.Combine(directory, name);
        if (!File.Exists(Path.Combine(folder, StateFileName)))
            throw new TeleportDataException(pointer, $"names {name}, which holds no {StateFileName}");
        return folder;
    }

    /// <summary>
    /// Refuses a <paramref name="directory"/> that holds checkpoint folders but no <c>latest</c> (deleted, or a crash
    /// before the first was published): a resume cannot tell which is complete and the newest, and a fresh run
    /// there would prune them. Nothing is changed.
    /// </summary>
    /// <exception cref="TeleportDataException">Such folders are there.</exception>
    public static void RequireNoUnpublished(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var found = List(directory);
        if (found.Count == 0) return;
        throw new TeleportDataException(directory, string.Create(CultureInfo.InvariantCulture,
            $"holds {found.Count} checkpoint folder{(found.Count == 1 ? "" : "s")} (newest {Path.GetFileName(found[^1])}) but no {LatestFileName} file naming the complete one to resume from; nothing was changed: write that folder's name into {Path.Combine(directory, LatestFileName)} to resume from it, or use another checkpoint folder"));
    }

    /// <summary>
    /// Claims <paramref name="directory"/> for one run until the returned handle is disposed: <see cref="LockFileName"/>
    /// there, created when missing, held open with an exclusive lock (the operating system drops it when the process
    /// ends, however it ends). Two runs given one checkpoint folder each deleted the other's temporary folders and
    /// checkpoints; the second now stops before training. The file stays behind, empty: deleting it would let a third
    /// run lock a new file while a second still held the old one.
    /// </summary>
    /// <exception cref="TeleportDataException">Another run holds the directory, or the file cannot be made there.</exception>
    /// <exception cref="IOException">The directory, or a folder above it, is a file or another non-folder (named).</exception>
    public static IDisposable Claim(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        RequireFolder(directory); // a file there was .NET's "The file … already exists"
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (HeldByAnother(e))
        {
            throw new TeleportDataException(directory, "is in use by another training run, which writes its checkpoints there now; wait for it to end or choose another checkpoint folder", null, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeleportDataException(directory, $"cannot be claimed for this run's checkpoints: {path} cannot be opened ({e.Message})", null, e);
        }
    }

    /// <summary>
    /// Whether the open failed because another handle holds the file under a conflicting share mode: Windows's
    /// ERROR_SHARING_VIOLATION; on Unix .NET's <c>flock</c> failing with EWOULDBLOCK (errno 11 on Linux, 35 on macOS and
    /// the BSDs), which it reports as the HRESULT.
    /// </summary>
    private static bool HeldByAnother(IOException e) =>
        e.HResult == unchecked((int)0x80070020)
        || (OperatingSystem.IsLinux() && e.HResult == 11)
        || ((OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) && e.HResult == 35);

    /// <summary>The published checkpoint folders in <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<string> List(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var found = new List<(long Sequence, string Path)>();
        if (Directory.Exists(directory))
            foreach (var path in Directory.GetDirectories(directory))
                if (TryParseName(Path.GetFileName(path), out var sequence, out _)) found.Add((sequence, path));
        found.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return found.ConvertAll(f => f.Path);
    }

    /// <summary>
    /// Throws unless <paramref name="directory"/> is a folder or can be made one: it and every folder above it that exists
    /// must be folders. A file there failed only at the first checkpoint — after an epoch of training — as "The file …
    /// already exists" (or "Could not find a part of the path" for a file above it). A trainer checks before it trains.
    /// </summary>
    /// <exception cref="IOException">Naming the checkpoint directory and what is in the way.</exception>
    internal static void RequireFolder(string directory)
    {
        var full = Path.GetFullPath(directory);
        for (var path = full; path is not null; path = Path.GetDirectoryName(path))
        {
            var kind = FileKinds.Of(path);
            if (kind == FileKind.Directory) return;
            if (kind == FileKind.Missing) continue;
            var what = path == full ? "is" : $"cannot be made: {path} is";
            throw new IOException($"The checkpoint directory {full} {what} {FileKinds.Describe(kind)}, not a folder.");
        }
    }

    /// <summary>
    /// Writes a checkpoint for <paramref name="step"/>: <paramref name="writeFiles"/> fills a temporary
    /// folder, which is then renamed and published as <c>latest</c>; keeps the newest <paramref name="keep"/>.
    /// Returns the published folder.
    /// </summary>
    internal static string Commit(string directory, long step, int keep, Action<string> writeFiles)
    {
        RequireFolder(directory);
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.GetDirectories(directory, TempPrefix + "*")) TryDelete(stale);
        var sequence = NextSequence(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{sequence:D6}-step-{step:D12}");
        var temp = Path.Combine(directory, $"{TempPrefix}{name}-{Guid.NewGuid():N}");
        var final = Path.Combine(directory, name);
        try
        {
            Directory.CreateDirectory(temp);
            writeFiles(temp);
            Directory.Move(temp, final);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        AtomicFile.WriteAllText(Path.Combine(directory, LatestFileName), name + "\n");
        var all = List(directory);
        for (var i = 0; i < all.Count - keep; i++)
            if (all[i] != final) TryDelete(all[i]);
        return final;
    }

    /// <summary>
    /// One past the highest sequence number among the names in <paramref name="directory"/> that are checkpoint names,
    /// whatever they name: a file (or a link to nothing) called <c>checkpoint-000001-step-000000000010</c> is no checkpoint
    /// for <see cref="List"/>, and the first checkpoint's folder, renamed onto it after an epoch of training, failed in
    /// .NET's words ("Cannot create … because a file or directory with the same name already exists"; bad-input sweep).
    /// </summary>
    private static long NextSequence(string directory)
    {
        long highest = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, Prefix + "*"))
            if (TryParseName(Path.GetFileName(entry), out var sequence, out _)) highest = Math.Max(highest, sequence);
        return highest + 1;
    }

    /// <summary>The step in a checkpoint folder's name (<c>checkpoint-000015-step-000000001500</c>: 1500), or null for another name.</summary>
    internal static long? StepOf(string folder) =>
        TryParseName(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), out _, out var step) ? step : null;

    /// <summary>The SHA-256 of a file's bytes, in lower-case hex.</summary>
    /// <exception cref="TeleportDataException">The file cannot be read.</exception>
    internal static string Sha256(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeleportDataException(file, $"cannot be read ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)})", null, e);
        }
    }

    private static bool TryParseName(string name, out long sequence, out long step)
    {
        sequence = step = 0;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = name[Prefix.Length..].Split("-step-");
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out step);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover folder is never published, and the next commit retries.
        }
    }
}
