using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Teleport.Data;

/// <summary>
/// The content of one IDX file: element type, dimensions and the raw (big-endian) element bytes.
/// Made by <see cref="IdxFile"/>.
/// </summary>
public sealed class IdxArray
{
    private readonly int[] _dimensions;

    internal IdxArray(string filePath, IdxDataType dataType, int[] dimensions, int headerLength, ReadOnlyMemory<byte> data)
    {
        FilePath = filePath;
        DataType = dataType;
        _dimensions = dimensions;
        HeaderLength = headerLength;
        Data = data;
        ElementCount = data.Length / IdxDataTypes.SizeOf(dataType);
    }

    /// <summary>The file it was read from.</summary>
    public string FilePath { get; }

    /// <summary>The element type.</summary>
    public IdxDataType DataType { get; }

    /// <summary>The dimensions, outermost first (for MNIST images: count, rows, columns).</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>Bytes before the data: 4 + 4 × rank. The byte offset of element i is HeaderLength + i × size.</summary>
    public int HeaderLength { get; }

    /// <summary>Number of elements (product of <see cref="Dimensions"/>).</summary>
    public int ElementCount { get; }

    /// <summary>The element bytes, big-endian as stored.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>All elements converted to float (unsigned bytes as their value 0…255, not scaled).</summary>
    public float[] ToSingleArray()
    {
        var result = new float[ElementCount];
        var bytes = Data.Span;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = DataType switch
            {
                IdxDataType.UnsignedByte => bytes[i],
                IdxDataType.SignedByte => (sbyte)bytes[i],
                IdxDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes[(2 * i)..]),
                IdxDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes[(4 * i)..]),
                IdxDataType.Single => BinaryPrimitives.ReadSingleBigEndian(bytes[(4 * i)..]),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(bytes[(8 * i)..]),
            };
        }
        return result;
    }
}
