using System;
using System.IO;

namespace Teleport.Serialization;

/// <summary>
/// Finds and removes the temporary files (<see cref="AtomicFile.TemporaryName"/>) that a killed writer left beside
/// a file: a process ended by SIGKILL, or by a second Ctrl+C, never reaches its clean-up, and a bad-input sweep found
/// its <c>.run.json.&lt;32 hex&gt;.tmp</c> still there weeks later.
/// </summary>
/// <remarks>
/// <para>Which temporaries are leftovers: those no open file holds. <see cref="AtomicFile.Stage"/> keeps its
/// temporary open, under the file lock .NET takes for a <see cref="FileShare"/> mode (<c>flock</c> on Unix), from its
/// creation until it is renamed into place or deleted. The operating system drops that lock when its process ends,
/// however it ends. So a temporary this process can open exclusively has no live writer, and is deleted; one that
/// another writer of the same file holds (another run writing the same record) is left alone.</para>
/// <para>Not removed: temporaries of a writer that closed them before renaming (Teleport before this sweep), between
/// the instant they were created and the instant their lock was taken (microseconds, and a lost file then fails its
/// rename with an error, it is never published half-written), and any when file locking is turned off
/// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>, or <c>System.IO.DisableFileLocking</c>): without the lock a live
/// writer cannot be told from a dead one. On a file system that takes no locks at all (some network mounts; .NET
/// then opens without one) a live writer's temporary can be removed by a second writer of the same file in the same
/// folder at that moment; the first writer's rename then fails with an error naming its file.</para>
/// </remarks>
internal static class TemporaryLeftovers
{
    private const string Hex = "0123456789abcdef";
    private const int UniqueLength = 32;
    private const string ShortPrefix = ".teleport-";
    private const string Suffix = ".tmp";

    /// <summary>The unique part of a temporary name: 32 lower-case hexadecimal digits.</summary>
    internal static string NewUnique() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="leaf"/> is a temporary name of <paramref name="name"/>: <c>.NAME.&lt;32 hex&gt;.tmp</c>.</summary>
    public static bool IsTemporaryOf(string leaf, string name) =>
        leaf.Length == name.Length + UniqueLength + 2 + Suffix.Length
        && leaf.StartsWith("." + name + ".", StringComparison.Ordinal)
        && leaf.EndsWith(Suffix, StringComparison.Ordinal)
        && IsUnique(leaf.AsSpan(name.Length + 2, UniqueLength));

    /// <summary>Whether <paramref name="leaf"/> is the short temporary name (<c>.teleport-&lt;32 hex&gt;.tmp</c>) used for a long one.</summary>
    public static bool IsShortTemporary(string leaf) =>
        leaf.Length == ShortPrefix.Length + UniqueLength + Suffix.Length
        && leaf.StartsWith(ShortPrefix, StringComparison.Ordinal)
        && leaf.EndsWith(Suffix, StringComparison.Ordinal)
        && IsUnique(leaf.AsSpan(ShortPrefix.Length, UniqueLength));

    /// <summary>The short temporary name for <paramref name="unique"/>.</summary>
    internal static string ShortName(string unique) => ShortPrefix + unique + Suffix;

    /// <summary>
    /// Deletes the temporary files of <paramref name="name"/> in <paramref name="directory"/> (and short-named ones)
    /// that no open file holds. Best effort: a folder that cannot be listed, or a file that cannot be opened or
    /// deleted, is left as it is and nothing is thrown.
    /// </summary>
    public static void Remove(string directory, string name)
    {
        if (LockingDisabled()) return;
        try
        {
            foreach (var entry in Directory.EnumerateFiles(directory, "*" + Suffix))
            {
                var leaf = Path.GetFileName(entry);
                if (IsTemporaryOf(leaf, name) || IsShortTemporary(leaf)) DeleteIfUnheld(entry);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Listing failed (a folder that can be written but not read): nothing is removed.
        }
    }

    /// <summary>Opens the file exclusively (which fails while a writer holds it) and deletes it while holding it.</summary>
    private static void DeleteIfUnheld(string path)
    {
        try
        {
            // Only a regular file can be a writer's temporary: a link, a FIFO or a device with such a name is not
            // ours (and opening a FIFO could wait for a writer).
            if (new FileInfo(path).LinkTarget is not null || FileKinds.Of(path) != FileKind.RegularFile) return;
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Held by a live writer, or not ours to delete.
        }
    }

    private static bool LockingDisabled()
    {
        if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled) return true;
        var variable = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        return variable is not null && (variable == "1" || variable.Equals("true", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsUnique(ReadOnlySpan<char> part) => part.Length == UniqueLength && !part.ContainsAnyExcept(Hex);
}
