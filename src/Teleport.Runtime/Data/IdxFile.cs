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
        Parse(DataFile.ReadContent(path), path, expectedRank, dataKind);

    /// <summary>Reads an IDX file whose element type must be unsigned byte (0x08), as MNIST's images and labels are.</summary>
    public static IdxArray ReadUnsignedBytes(string path, int expectedRank, string dataKind = "element") =>
        Parse(DataFile.ReadContent(path), path, expectedRank, dataKind, IdxDataType.UnsignedByte);

    /// <summary>Parses IDX <paramref name="content"/> (already decompressed) read from <paramref name="path"/>.</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="expectedRank">The required number of dimensions, or null for any.</param>
    /// <param name="dataKind">What the data is, for messages ("pixel", "label").</param>
    /// <param name="requiredType">The required element type, or null for any standard type.</param>
    public static IdxArray Parse(ReadOnlyMemory<byte> content, string path, int? expectedRank = null, string dataKind = "element", IdxDataType? requiredType = null)
    {
        var bytes = content.Span;
        var c = CultureInfo.InvariantCulture;
        if (bytes.Length < 4)
            throw new TeleportDataException(path, string.Create(c, $"truncated header at byte {bytes.Length} (an IDX header needs at least 4 bytes, found {bytes.Length})"), bytes.Length);
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
        if (bytes.Length < headerLength)
            throw new TeleportDataException(path, string.Create(c, $"truncated header at byte {bytes.Length} (expected {headerLength} header bytes for {rank} dimensions, found {bytes.Length})"), bytes.Length);

        var dimensions = new int[rank];
        long elements = 1;
        for (var i = 0; i < rank; i++)
        {
            var at = 4 + 4 * i;
            var d = BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
            if (d == 0)
                throw new TeleportDataException(path, string.Create(c, $"dimension {i} is zero at byte {at}"), at);
            elements *= d;
            if (d > int.MaxValue || elements * size > Array.MaxLength)
                throw new TeleportDataException(path, string.Create(c, $"dimension {i} = {d} at byte {at} makes the data larger than {Array.MaxLength} bytes"), at);
            dimensions[i] = (int)d;
        }

        var expectedBytes = elements * size;
        long found = bytes.Length - headerLength;
        if (found < expectedBytes)
            throw new TeleportDataException(path, string.Create(c,
                $"truncated at byte {bytes.Length} (expected {expectedBytes} bytes of {dataKind} data, found {found})"), bytes.Length);
        if (found > expectedBytes)
        {
            var end = headerLength + expectedBytes;
            throw new TeleportDataException(path, string.Create(c,
                $"{found - expectedBytes} trailing bytes at byte {end} (expected {expectedBytes} bytes of {dataKind} data for dimensions [{string.Join(", ", dimensions)}], found {found})"), end);
        }
        return new IdxArray(path, type, dimensions, headerLength, content.Slice(headerLength));
    }
}
