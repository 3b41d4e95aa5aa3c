using System;
using System.Buffers.Binary;
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

    /// <summary>
    /// Decompresses gzip <paramref name="raw"/> content of <paramref name="path"/> and checks it against the gzip
    /// trailer (RFC 1952): the last 8 bytes hold the CRC-32 and the size mod 2³² of the last member's data, which
    /// must match the end of what was decompressed. .NET's <see cref="GZipStream"/> verifies a complete member's CRC
    /// but silently returns what it has when the file is cut short — in the data or in the trailer — so this check
    /// is what turns a truncated download into an error instead of fewer or garbled samples.
    /// </summary>
    public static ReadOnlyMemory<byte> Gunzip(byte[] raw, string path)
    {
        var c = CultureInfo.InvariantCulture;
        // The smallest gzip file: a 10-byte header, an empty deflate block (2 bytes) and the 8-byte trailer.
        if (raw.Length < 20)
            throw new TeleportDataException(path, string.Create(c, $"truncated gzip file of {raw.Length} bytes (a gzip member has at least 20)"));
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 8));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(raw.Length - 4));
        // The size is only a capacity hint here (it may be corrupt): deflate expands at most 1032:1.
        var capacity = (int)Math.Clamp(size, (uint)raw.Length, (uint)Math.Min(1L << 30, 1032L * raw.Length));
        using var input = new MemoryStream(raw, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        var output = new MemoryStream(capacity);
        try
        {
            gzip.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            // .NET words a failed CRC-32 check as an "unsupported compression method".
            throw new TeleportDataException(path, $"corrupt gzip data: the compressed stream or its CRC-32 check is broken ({e.Message})", null, e);
        }
        catch (Exception e) when (e is OutOfMemoryException or IOException)
        {
            throw new TeleportDataException(path, $"cannot decompress ({e.Message})", null, e);
        }
        var content = output.GetBuffer().AsMemory(0, (int)output.Length);
        // The trailer describes the last member: the last `size` bytes of the output (all of it for one member).
        if (size > (uint)content.Length || Crc32.Compute(content.Span[(content.Length - (int)size)..]) != crc)
            throw new TeleportDataException(path, string.Create(c,
                $"truncated or corrupt gzip file: its trailer (CRC-32 0x{crc:X8}, size {size}, the last 8 of its {raw.Length} bytes) does not match the {content.Length} bytes it decompresses to; the file is probably cut short"));
        return content;
    }
}
