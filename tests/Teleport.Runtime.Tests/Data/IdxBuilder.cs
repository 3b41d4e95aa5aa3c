using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Teleport.Runtime.Tests.Data;

/// <summary>Builds IDX file content for tests: header with big-endian dimensions, then the data.</summary>
public static class IdxBuilder
{
    public static byte[] Build(byte dataType, int[] dimensions, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        bytes[2] = dataType;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), (uint)dimensions[i]);
        data.CopyTo(bytes.AsSpan(4 + 4 * dimensions.Length));
        return bytes;
    }

    /// <summary>Images [count, rows, cols] whose pixel (i, j) is (7·i + j) mod 256.</summary>
    public static byte[] Images(int count, int rows, int cols)
    {
        var data = new byte[count * rows * cols];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < rows * cols; j++)
                data[i * rows * cols + j] = (byte)((7 * i + j) % 256);
        return Build(0x08, [count, rows, cols], data);
    }

    /// <summary>Labels i mod 10.</summary>
    public static byte[] Labels(int count)
    {
        var data = new byte[count];
        for (var i = 0; i < count; i++) data[i] = (byte)(i % 10);
        return Build(0x08, [count], data);
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }
}
