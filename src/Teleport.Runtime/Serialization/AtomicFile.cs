using System;
using System.IO;
using System.Text;

namespace Teleport.Serialization;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the target's directory, is flushed
/// to disk, and then renamed over the target (an atomic replace on POSIX file systems). Readers see
/// the old file or the new one, never a partial one. If the writer throws, the temporary file is
/// deleted, the target is left as it was, and the exception propagates.
/// The target's directory is created when missing. Used for checkpoints, safetensors and JSON run records.
/// </summary>
/// <remarks>
/// <para>
/// Only a regular file, or nothing, is replaced. A rename puts a new file in place of whatever has the name, so
/// a folder, a device (<c>/dev/null</c>), a FIFO or a socket there is refused with an <see cref="IOException"/>
/// before anything is written (<see cref="FileKinds"/>): the entry stays as it was.
/// </para>
/// <para>
/// A symbolic link is followed to its final target, and the target is replaced (its temporary file is made in
/// the target's folder, so the rename stays on one file system): the link is kept and reads the new content, as
/// it would after an ordinary overwrite. Replacing the link itself would silently cut it from the file it names.
/// A link that points to nothing, to a link loop or to something other than a regular file is refused.
/// </para>
/// <para>
/// A temporary file a killed writer left (SIGKILL, a second Ctrl+C) is deleted by the next write of the same name in
/// that folder, once no live process holds it (<see cref="TemporaryLeftovers"/>).
/// </para>
/// <para>
/// The check and the rename are two steps: an entry made in between by another process is replaced like a file.
/// </para>
/// </remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes <paramref name="path"/> with <paramref name="write"/>, which receives a writable stream
    /// (do not dispose it; it is flushed, synced and closed afterwards).
    /// </summary>
    /// <exception cref="IOException"><paramref name="path"/> names something other than a regular file, or a link that
    /// does not lead to one (nothing is written); or the file cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        using var staged = Stage(path, write);
        staged.Commit();
    }

    /// <summary>
    /// Writes <paramref name="path"/>'s new content beside it under a temporary name (<see cref="TemporaryName"/>), flushed
    /// to disk, and returns it unpublished: <see cref="StagedFile.Commit"/> renames it into place, disposing without a
    /// commit deletes it. Several outputs staged first and committed together leave none of them behind when one fails.
    /// </summary>
    /// <exception cref="IOException">As <see cref="Write"/>; nothing is left behind.</exception>
    public static StagedFile Stage(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Target(path);
        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} has no directory.", nameof(path));
        Directory.CreateDirectory(directory);
        var name = Path.GetFileName(full);
        TemporaryLeftovers.Remove(directory, name);
        var temp = Path.Combine(directory, TemporaryName(name));
        // Held open, and so locked, until it is renamed or deleted: an open temporary is a live writer's, one nobody
        // holds is a killed writer's leftover (TemporaryLeftovers). FileShare.Delete lets Windows rename it while open;
        // on Unix it is a shared flock, which the leftover sweep's exclusive one cannot take.
        FileStream? stream = null;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, 1 << 16);
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temp);
            stream?.Dispose();
            throw;
        }
        return new StagedFile(full, temp, stream);
    }

    /// <summary>
    /// Whether <paramref name="leaf"/> is a temporary name <see cref="TemporaryName"/> gives <paramref name="name"/>
    /// (<c>.NAME.&lt;32 hex&gt;.tmp</c>; the short form for long names is not tied to a name).
    /// </summary>
    public static bool IsTemporaryNameOf(string leaf, string name)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(name);
        return TemporaryLeftovers.IsTemporaryOf(leaf, name);
    }

    /// <summary>A file's new content written under a temporary name beside it, not yet in place (<see cref="Stage"/>).</summary>
    public sealed class StagedFile : IDisposable
    {
        private readonly string _temp;
        private readonly FileStream _held;
        private bool _done;

        internal StagedFile(string path, string temp, FileStream held) => (Path, _temp, _held) = (path, temp, held);

        /// <summary>The file it will replace (a symbolic link's target).</summary>
        public string Path { get; }

        /// <summary>Renames the content into place (atomic on one file system).</summary>
        public void Commit()
        {
            ObjectDisposedException.ThrowIf(_done, this);
            try
            {
                File.Move(_temp, Path, overwrite: true);
            }
            catch
            {
                TryDelete(_temp);
                throw;
            }
            finally
            {
                _done = true;
                _held.Dispose();
            }
        }

        /// <summary>Deletes the content unless it was committed.</summary>
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            TryDelete(_temp);
            _held.Dispose();
        }
    }

    /// <summary>
    /// The name of a temporary file or folder written beside <paramref name="name"/> and then renamed to it: hidden,
    /// unique, and recognisably the name's (<c>.run.json.&lt;32 hex&gt;.tmp</c>), or <c>.teleport-&lt;32 hex&gt;.tmp</c> when
    /// that would pass the 255 bytes a file name may have (a bad-input sweep: a legal 235-byte <c>--out</c> name failed
    /// after training, "path too long", on the temporary name's 39 extra bytes).
    /// </summary>
    public static string TemporaryName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var unique = TemporaryLeftovers.NewUnique();
        var beside = $".{name}.{unique}.tmp";
        return Encoding.UTF8.GetByteCount(beside) <= 255 ? beside : TemporaryLeftovers.ShortName(unique);
    }

    /// <summary>Writes text produced by <paramref name="write"/> as UTF-8 without a byte-order mark, with "\n" line ends.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
            writer.Flush();
        });
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteText(path, writer => writer.Write(text));
    }

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// The file to replace for <paramref name="path"/>: its full path, or a symbolic link's final target.
    /// Refuses (before any write) when that is not a regular file or nothing.
    /// </summary>
    private static string Target(string path)
    {
        var full = Path.GetFullPath(path);
        var target = FileKinds.WriteTarget(full)
            ?? throw new IOException($"{path} is a symbolic link that cannot be followed to a file (a loop of links, or too many); it is not replaced.");
        var kind = FileKinds.Of(target);
        if (target != full && kind == FileKind.Missing)
            throw new IOException($"{path} is a symbolic link to {target}, which does not exist; it is not replaced.");
        if (kind is not (FileKind.Missing or FileKind.RegularFile))
        {
            var what = target == full ? "" : $"a symbolic link to {target}, ";
            throw new IOException($"{path} is {what}{FileKinds.Describe(kind)}, not a file; it is not replaced.");
        }
        return target;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original exception is the one to report.
        }
    }
}
