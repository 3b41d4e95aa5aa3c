using System;
using System.IO;

namespace Teleport.Cli.Options;

/// <summary>
/// A path as the file system sees it, for telling whether two option values name the same file: the full
/// path, and the same path with every symbolic link along it resolved (as far as it exists).
/// </summary>
internal readonly record struct CanonicalPath(string Full, string Real)
{
    /// <summary>Linux file names are case-sensitive; Windows' and macOS's usually are not.</summary>
    public static StringComparison Comparison { get; } = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>The canonical forms of <paramref name="path"/> (relative to the current folder).</summary>
    /// <exception cref="UsageException">The path is not a valid path name on this system.</exception>
    public static CanonicalPath Of(string option, string path)
    {
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} {path}: not a valid path ({e.Message})");
        }
        return new CanonicalPath(full, Resolve(full));
    }

    /// <summary>Whether both name the same file or folder.</summary>
    public bool SameAs(CanonicalPath other) =>
        string.Equals(Full, other.Full, Comparison) || string.Equals(Real, other.Real, Comparison);

    /// <summary>Whether this lies strictly inside the folder <paramref name="folder"/>.</summary>
    public bool IsInside(CanonicalPath folder) => Inside(Full, folder.Full) || Inside(Real, folder.Real);

    private static bool Inside(string path, string folder)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.Length > prefix.Length && path.StartsWith(prefix, Comparison);
    }

    /// <summary>
    /// <paramref name="full"/> with the symbolic links of its existing part resolved, one component at a time
    /// (a link may point into another link); the part that does not exist yet is kept as written.
    /// </summary>
    private static string Resolve(string full)
    {
        try
        {
            var root = Path.GetPathRoot(full) ?? "";
            var current = root;
            var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < parts.Length; i++)
            {
                var next = Path.Combine(current, parts[i]);
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (!info.Exists) return Path.Combine([next, .. parts[(i + 1)..]]);
                current = info.LinkTarget is null ? next : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
            }
            return Path.TrimEndingDirectorySeparator(current);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A link loop or an unreadable folder: compare by the full path alone.
            return full;
        }
    }
}
