using System;
using System.Buffers.Binary;
using System.Globalization;

namespace Teleport.Data;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed (detected by magic bytes): two zero
/// bytes, a data-type byte, a rank byte, then one big-endian uint32 per dimension, then the
/// elements. Every malformation — bad magic, unknown type, zero rank, zero or overflowing
/// dimensions, truncated header or data, trailing bytes — throws <see cref="TeleportDataException"/>
/// naming the file, the problem and the byte offset (in the decompressed content).
/// </summary>
public static class IdxFile
{
    /// <summary>Reads an IDX file of any standard element type.</summary>
    /// <param name="path">The file, raw or gzip.</param>
    /// <param name="expectedRank">The required number of dimensions, or null for any.</param>
    /// <param name="dataKind">What the data is, for messages ("pixel", "label").</param>
    public static IdxArray Read(string path, int? expectedRank = null, string dataKind = "element") =>
        Parse(DataFile.ReadContent(path, HeaderLength(expectedRank), DeclaredDataBytes), path, expectedRank, dataKind, null);

    /// <summary>Reads an IDX file whose element type must be unsigned byte (0x08), as MNIST's images and labels are.</summary>
    /// <remarks>The data is read into an array of its own (<see cref="IdxArray.Data"/> is all of it), which a data set can keep without a copy.</remarks>
    public static IdxArray ReadUnsignedBytes(string path, int expectedRank, string dataKind = "element") =>
        Parse(DataFile.ReadContent(path, HeaderLength(expectedRank), DeclaredDataBytes), path, expectedRank, dataKind, IdxDataType.UnsignedByte);

    /// <summary>Where the data starts for a rank known in advance (read apart from the header); 0 when unknown.</summary>
    private static int HeaderLength(int? rank) => rank is >= 1 and <= 255 ? 4 + 4 * rank.Value : 0;

    /// <summary>
    /// The data's length the complete <paramref name="header"/> declares (the dimensions' product times the element size),
    /// or null when the header is malformed or declares more than an array holds (<see cref="Parse(SplitContent, string, int?, string, IdxDataType?)"/> says why).
    /// </summary>
    private static long? DeclaredDataBytes(byte[] header)
    {
        if (header.Length < 4 || header[0] != 0 || header[1] != 0 || header.Length != 4 + 4 * header[3]) return null;
        long bytes = IdxDataTypes.SizeOf((IdxDataType)header[2]);
        for (var at = 4; at < header.Length; at += 4)
        {
            // A factor below 2³² times a product at most Array.MaxLength < 2³¹ cannot overflow.
            bytes *= BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(at));
            if (bytes > Array.MaxLength) return null;
        }
        return bytes > 0 ? bytes : null;
    }

    /// <summary>Parses IDX <paramref name="content"/> (already decompressed) read from <paramref name="path"/>.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="expectedRank">The required number of dimensions, or null for any.</param>
    /// <param name="dataKind">What the data is, for messages ("pixel", "label").</param>
    /// <param name="requiredType">The required element type, or null for any standard type.</param>
    public static IdxArray Parse(ReadOnlyMemory<byte> content, string path, int? expectedRank = null, string dataKind = "element", IdxDataType? requiredType = null) =>
        Parse(new SplitContent([], content), path, expectedRank, dataKind, requiredType);

    /// <summary>
    /// Parses content read in two parts: either the whole of it in the body (no header part), or a header part of
    /// exactly the header's length for <paramref name="expectedRank"/> (shorter only when the content is) and the data
    /// as the body. Offsets in messages are in the content as a whole.
    /// </summary>
    internal static IdxArray Parse(SplitContent content, string path, int? expectedRank, string dataKind, IdxDataType? requiredType)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A rank outside 1…255 (the rank byte's range) is the caller's mistake, not the file's: it was reported as the file's.
        if (expectedRank is < 1 or > 255)
            throw new ArgumentOutOfRangeException(nameof(expectedRank), expectedRank, "expectedRank must be in [1, 255] (an IDX rank byte), or null for any.");
        // The header's bytes at their offsets in the content; `length` is the content's.
        var split = content.Header.Length > 0;
        var bytes = split ? content.Header : content.Body.Span;
        var length = content.Length;
        var c = CultureInfo.InvariantCulture;
        if (length < 4)
            throw new TeleportDataException(path, string.Create(c, $"truncated header at byte {length} (an IDX header needs at least 4 bytes, found {length})"), length);
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new TeleportDataException(path, $"bad magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(bytes):X8} at byte 0 (an IDX file starts with 0x0000, then a type byte and a rank byte)", 0);
        var type = (IdxDataType)bytes[2];
        var size = IdxDataTypes.SizeOf(type);
        if (size == 0)
            throw new TeleportDataException(path, $"unknown IDX data type 0x{bytes[2]:X2} at byte 2 (known: 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E)", 2);
        if (requiredType is { } required && type != required)
            throw new TeleportDataException(path, $"data type {IdxDataTypes.Describe(type)} at byte 2 is not supported here: expected {IdxDataTypes.Describe(required)}", 2);
        int rank = bytes[3];
        if (rank == 0)
            throw new TeleportDataException(path, "zero dimensions at byte 3 (rank must be at least 1)", 3);
        if (expectedRank is { } expected && rank != expected)
            throw new TeleportDataException(path, string.Create(c, $"rank {rank} at byte 3, expected {expected} dimensions"), 3);
        var headerLength = 4 + 4 * rank;
        if (length < headerLength)
            throw new TeleportDataException(path, string.Create(c, $"truncated header at byte {length} (expected {headerLength} header bytes for {rank} dimensions, found {length})"), length);
        if (split && content.Header.Length != headerLength)
            throw new InvalidOperationException($"The header part holds {content.Header.Length} bytes; rank {rank} needs {headerLength}.");

        var dimensions = new int[rank];
        long elements = 1;
        for (var i = 0; i < rank; i++)
        {
            var at = 4 + 4 * i;
            var d = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
            if (d == 0)
                throw new TeleportDataException(path, string.Create(c, $"dimension {i} is zero at byte {at}"), at);
            if (d > int.MaxValue)
                throw new TeleportDataException(path, string.Create(c, $"dimension {i} = {d} at byte {at} is larger than {int.MaxValue}"), at);
            elements *= d;
            dimensions[i] = (int)d;
            // All the dimensions so far are named: the one that tips the product over is usually an ordinary 28 after a
            // count of a billion, and blaming it alone pointed at the wrong field.
            if (elements * size > Array.MaxLength)
                throw new TeleportDataException(path, string.Create(c,
                    $"dimensions [{string.Join(", ", dimensions[..(i + 1)])}] at bytes 4–{at + 3} make {elements * size} bytes of {dataKind} data, more than the {Array.MaxLength} an array holds"), 4);
        }

        var expectedBytes = elements * size;
        var found = length - headerLength;
        if (found < expectedBytes)
            throw new TeleportDataException(path, string.Create(c,
                $"truncated at byte {length} (expected {expectedBytes} bytes of {dataKind} data, found {found})"), length);
        if (found > expectedBytes || content.Unread is null)
        {
            var end = headerLength + expectedBytes;
            throw new TeleportDataException(path, content.Unread is null
                ? string.Create(c, $"trailing bytes at byte {end} (expected {expectedBytes} bytes of {dataKind} data for dimensions [{string.Join(", ", dimensions)}]; the file decompresses to more than that, which is not decompressed)")
                : string.Create(c, $"{found - expectedBytes} trailing bytes at byte {end} (expected {expectedBytes} bytes of {dataKind} data for dimensions [{string.Join(", ", dimensions)}], found {found})"), end);
        }
        return new IdxArray(path, type, dimensions, headerLength, split ? content.Body : content.Body.Slice(headerLength));
    }
}
