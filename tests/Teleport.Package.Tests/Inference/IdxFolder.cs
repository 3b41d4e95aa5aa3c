using System.Buffers.Binary;
using System;
using System.IO;

namespace Teleport.Package.Tests.Inference;

/// <summary>Writes a small MNIST-format folder: the four raw IDX files (unsigned bytes, big-endian sizes).</summary>
internal static class IdxFolder
{
    public static void Write(string folder, int testCount, int rows = 28, int cols = 28, int seed = 0)
    {
        Directory.CreateDirectory(folder);
        WritePart(folder, "train", 2, rows, cols, seed);
        WritePart(folder, "t10k", testCount, rows, cols, seed + 1);
    }

    private static void WritePart(string folder, string prefix, int count, int rows, int cols, int seed)
    {
        var random = new System.Random(seed);
        var pixels = new byte[count * rows * cols];
        var labels = new byte[count];
        random.NextBytes(pixels);
        for (var i = 0; i < count; i++) labels[i] = (byte)random.Next(10);
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), Idx(pixels, count, rows, cols));
        File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), Idx(labels, count));
    }

    /// <summary>Magic 00 00 08 rank (0x08 = unsigned byte), then each dimension as a big-endian int32, then the data.</summary>
    private static byte[] Idx(byte[] data, params int[] dimensions)
    {
        var header = 4 + 4 * dimensions.Length;
        var bytes = new byte[header + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        data.CopyTo(bytes, header);
        return bytes;
    }
}
