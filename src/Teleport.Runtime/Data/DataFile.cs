using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Teleport.Data;

/// <summary>
/// Reads a data file's content, transparently decompressing gzip. Compression is detected by the
/// gzip magic bytes 1F 8B, not by the file name, so a renamed file still loads.
/// </summary>
internal static class DataFile
{
    /// <summary>True when <paramref name="content"/> starts with the gzip magic bytes.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> content) => content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B;

    /// <summary>
    /// The file's content (decompressed when gzip). A missing file throws <see cref="DatasetNotFoundException"/>;
    /// an unreadable or corrupt one <see cref="TeleportDataException"/>.
    /// </summary>
    public static ReadOnlyMemory<byte> ReadContent(string path)
    {
        var raw = ReadBytes(path, $"{path}: file not found");
        return IsGzip(raw) ? Gunzip(raw, path) : raw;
    }

    /// <summary>
    /// The file's bytes as stored. A missing file throws <see cref="DatasetNotFoundException"/> with
    /// <paramref name="notFoundMessage"/>; one too large for an array, or unreadable, <see cref="TeleportDataException"/>.
    /// </summary>
    public static byte[] ReadBytes(string path, string notFoundMessage)
    {
        if (!File.Exists(path))
            throw new DatasetNotFoundException(Path.GetFullPath(path), notFoundMessage);
        var length = new FileInfo(path).Length;
        if (length > Array.MaxLength)
            throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture, $"file of {length} bytes is too large to load"));
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TeleportDataException(path, $"cannot read the file ({e.Message})", null, e);
        }
    }

    /// <summary>Decompresses gzip <paramref name="raw"/> content of <paramref name="path"/>.</summary>
    public static ReadOnlyMemory<byte> Gunzip(byte[] raw, string path)
    {
        // The gzip trailer's last four bytes hold the uncompressed size mod 2³²: a capacity hint only.
        var hint = raw.Length >= 18 ? BitConverter.ToUInt32(raw, raw.Length - 4) : 0u;
        var capacity = (int)Math.Clamp(hint, (uint)raw.Length, 1u << 30);
        using var input = new MemoryStream(raw, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        var output = new MemoryStream(capacity);
        try
        {
            gzip.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new TeleportDataException(path, $"corrupt gzip data ({e.Message})", null, e);
        }
        catch (Exception e) when (e is OutOfMemoryException or IOException)
        {
            throw new TeleportDataException(path, $"cannot decompress ({e.Message})", null, e);
        }
        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }
}
