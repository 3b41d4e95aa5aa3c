using System;
using System.IO;

namespace Teleport.Serialization;

/// <summary>Tells what a path names (<see cref="FileKind"/>), following symbolic links, and says it in words.</summary>
/// <remarks>
/// .NET reports a device, a FIFO and a socket as an ordinary file (<c>File.Exists</c> is true, the attributes are
/// <c>Normal</c>, the length 0), so on Linux the type comes from the system itself (<c>statx</c>, whose layout is
/// the same on every architecture). Elsewhere, or when <c>statx</c> is not there (musl before 1.2.5), or when the
/// system will not say (a folder on the way cannot be searched, a loop of links), only what .NET can tell is used:
/// a folder is a folder and any other entry reads as a regular file — and a Windows device path (<c>\\.\NUL</c>,
/// what <c>NUL</c> becomes) as a device.
/// </remarks>
public static partial class FileKinds
{
    /// <summary>The kind of what <paramref name="path"/> names, following symbolic links (a dangling link is <see cref="FileKind.Missing"/>).</summary>
    public static FileKind Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsLinux() && TryStat(path, out var kind)) return kind;
        if (Directory.Exists(path)) return FileKind.Directory;
        if (OperatingSystem.IsWindows() && Path.GetFullPath(path).StartsWith(@"\\.\", StringComparison.Ordinal)) return FileKind.CharacterDevice;
        return File.Exists(path) ? FileKind.RegularFile : FileKind.Missing;
    }

    /// <summary>
    /// What a write to the full path <paramref name="full"/> replaces: the path itself, or a symbolic link's final target
    /// (which may not exist); null for a loop of links, or too many. A link that cannot be read (a folder on the way that
    /// cannot be searched) counts as no link: the write itself will say what is wrong.
    /// </summary>
    public static string? WriteTarget(string full)
    {
        ArgumentException.ThrowIfNullOrEmpty(full);
        string? link;
        try
        {
            link = new FileInfo(full).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return full;
        }
        if (link is null) return full;
        try
        {
            return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(link, Path.GetDirectoryName(full)!);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The kind with its article, for messages: "a folder", "a character device", "a FIFO (named pipe)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "nothing",
        FileKind.RegularFile => "a file",
        FileKind.Directory => "a folder",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        FileKind.LinkLoop => "a symbolic link into a loop of links",
        _ => "a special file",
    };
}
