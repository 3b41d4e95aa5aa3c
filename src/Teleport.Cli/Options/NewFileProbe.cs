using System;
using System.IO;

namespace Teleport.Cli.Options;

/// <summary>Whether a folder takes new files — permissions, read-only mounts, pseudo file systems such as /proc — told by trying.</summary>
internal static class NewFileProbe
{
    /// <summary>Null when <paramref name="folder"/> takes a new file; otherwise why not, in a few words (no .NET exception text).</summary>
    public static string? Refusal(string folder)
    {
        try
        {
            // A probe file, deleted as it is closed.
            using var probe = new FileStream(Path.Combine(folder, $".teleport-probe-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Reason(e);
        }
    }

    /// <summary>Why a file could not be created or written, in a few words (no .NET exception text).</summary>
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        // /proc answers "no such file" for a file it will not create.
        FileNotFoundException or DirectoryNotFoundException => "the system answers \"no such file or directory\"",
        PathTooLongException => "the path is too long",
        _ => SystemReason(e.Message) ?? "the file system refused a new file",
    };

    /// <summary>
    /// The system's own words from a .NET I/O message "Read-only file system : '/mnt/x/.teleport-probe-…'" —
    /// "read-only file system", "no space left on device" — without the probe's name; null when the message has another form.
    /// </summary>
    private static string? SystemReason(string message)
    {
        var end = message.IndexOf(" : '", StringComparison.Ordinal);
        if (end <= 0) return null;
        var reason = message[..end].TrimEnd('.');
        return char.ToLowerInvariant(reason[0]) + reason[1..];
    }
}
