using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Teleport.Data;
using Teleport.Serialization;

namespace Teleport.Training;

/// <summary>
/// A checkpoint's <see cref="Checkpoints.SumsFileName"/>: the SHA-256 of every file in its folder, one line each in
/// <c>sha256sum</c>'s format (<c>&lt;64 lower-case hex&gt;  &lt;name&gt;</c>, names in ordinal order), so that
/// <c>sha256sum -c SHA256SUMS</c> in the folder checks it too. <c>files_sha256</c> in trainer.json covers the tensor files
/// only; nothing covered trainer.json itself, and an edit to it that kept its many cross-checks consistent (a loss in the
/// history, a setting no identity names) resumed silently into another run.
/// </summary>
/// <remarks>
/// The digests find an edited or corrupted file, not a deliberate forgery: whoever edits trainer.json can rewrite this file
/// too (which is also how a deliberate edit is made to resume: <c>sha256sum model.safetensors optimizer.safetensors
/// trainer.json &gt; SHA256SUMS</c>). A resume checks it after every other check, whose messages say more about a damaged
/// value, and before anything changes.
/// </remarks>
internal static class CheckpointSums
{
    /// <summary>The files a checkpoint holds, each named by one line, in the order the lines are written (ordinal).</summary>
    internal static readonly string[] Covered = [Checkpoints.ModelFileName, Checkpoints.OptimizerFileName, Checkpoints.StateFileName];

    /// <summary>
    /// Far more than the three lines ever written (about 90 bytes each); a larger file is not ours, and is not read into
    /// memory to find that out.
    /// </summary>
    private const int MaxBytes = 4096;

    /// <summary>
    /// Writes the sums file into the (temporary) checkpoint <paramref name="folder"/>, atomically like its other files, from
    /// the SHA-256 of each file in <see cref="Covered"/> (lower-case hex, by name).
    /// </summary>
    public static void Write(string folder, IReadOnlyDictionary<string, string> digests)
    {
        var text = new StringBuilder();
        foreach (var name in Covered) text.Append(digests[name]).Append("  ").Append(name).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(folder, Checkpoints.SumsFileName), text.ToString());
    }

    /// <summary>
    /// Checks each file of <paramref name="checkpoint"/> against the sums file there. A missing sums file is refused when
    /// <paramref name="required"/> (the trainer.json of version <paramref name="version"/> says one was written), and
    /// otherwise passes: a checkpoint of an earlier version has none. <paramref name="hashed"/> holds the SHA-256 of files the
    /// resume has already read (the tensor files, checked against <c>files_sha256</c>): each file is hashed once.
    /// </summary>
    /// <exception cref="TeleportDataException">The sums file is missing though required, is not a regular file, is
    /// malformed (naming the line), or a file's SHA-256 differs from its line's (naming the file).</exception>
    public static void Verify(string checkpoint, bool required, int version, IReadOnlyDictionary<string, string>? hashed = null)
    {
        var path = Path.Combine(checkpoint, Checkpoints.SumsFileName);
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing)
        {
            if (!required) return;
            throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"is missing, but its {Checkpoints.StateFileName} is version {version}, and every checkpoint of that version holds the SHA-256 of each of its files there: without it an edit to {Checkpoints.StateFileName} could not be found (deleted, or the folder copied without it?)"));
        }
        // Looked at before opening: opening a FIFO waits for a writer, for ever if none comes.
        if (kind != FileKind.RegularFile)
            throw new TeleportDataException(path, $"is {FileKinds.Describe(kind)}, not the file of the SHA-256 of the checkpoint's files");
        foreach (var (line, name, recorded) in Parse(path, ReadText(path)))
        {
            var file = Path.Combine(checkpoint, name);
            var actual = hashed is not null && hashed.TryGetValue(name, out var known) ? known : Checkpoints.Sha256(file);
            if (actual != recorded)
                throw new TeleportDataException(file, string.Create(CultureInfo.InvariantCulture,
                    $"has SHA-256 {actual[..12]}…, but {Checkpoints.SumsFileName} beside it records {recorded[..12]}… for it (line {line}): the file was edited or corrupted after {Path.GetFileName(Path.TrimEndingDirectorySeparator(checkpoint))} was written; restore it, or resume from another checkpoint"));
        }
    }

    /// <summary>
    /// The lines of the sums file at <paramref name="path"/>: each <c>&lt;64 lower-case hex&gt;</c>, a space, a space or
    /// <c>*</c> (sha256sum's binary mark, which changes nothing here), a file name of <see cref="Covered"/>; each of them once;
    /// a final line break or none.
    /// </summary>
    internal static List<(int Line, string Name, string Sha256)> Parse(string path, string text)
    {
        var lines = text.Split('\n');
        var count = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var entries = new List<(int Line, string Name, string Sha256)>(count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            var n = i + 1;
            if (line.Length < 67 || !IsSha256(line.AsSpan(0, 64)) || line[64] != ' ' || line[65] is not (' ' or '*'))
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"line {n} \"{Shorten(line)}\" is not \"<SHA-256 as 64 lower-case hexadecimal digits>  <file name>\" (sha256sum's format)"));
            var name = line[66..];
            if (Array.IndexOf(Covered, name) < 0)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"line {n} names \"{Shorten(name)}\", which is not a file of a checkpoint ({string.Join(", ", Covered)})"));
            if (!seen.TryAdd(name, n))
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture, $"line {n} names {name} again (line {seen[name]} did)"));
            entries.Add((n, name, line[..64]));
        }
        foreach (var name in Covered)
            if (!seen.ContainsKey(name))
                throw new TeleportDataException(path, $"has no line for {name}: every checkpoint records the SHA-256 of each of its files there");
        return entries;
    }

    private static string ReadText(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            if (stream.Length > MaxBytes)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"is {stream.Length} bytes, but a checkpoint's {Checkpoints.SumsFileName} is {Covered.Length} lines of about 90 bytes"));
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            // Not valid UTF-8: the replacement character makes the line malformed, and the message names it.
            return Encoding.UTF8.GetString(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeleportDataException(path, $"cannot be read ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)})", null, e);
        }
    }

    private static bool IsSha256(ReadOnlySpan<char> hex)
    {
        foreach (var c in hex)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }

    /// <summary>A quoted piece of the file, cut to 80 characters: a damaged line can be long.</summary>
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
