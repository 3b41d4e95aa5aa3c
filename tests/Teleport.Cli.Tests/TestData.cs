using System;
using System.Buffers.Binary;
using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>Small data-set folders in the real file formats, for runs that read files.</summary>
internal static class TestData
{
    /// <summary>The CIFAR-10 file names in load order.</summary>
    public static readonly string[] CifarFiles = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    /// <summary>Writes CIFAR-10 binary batches of <paramref name="perFile"/> records (label byte, then 3072 pixel bytes) into <paramref name="folder"/>.</summary>
    public static string WriteCifar(string folder, int perFile, int seed = 7)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        foreach (var name in CifarFiles)
        {
            var bytes = new byte[perFile * 3073];
            for (var r = 0; r < perFile; r++)
            {
                var label = (byte)(r % 10);
                bytes[r * 3073] = label;
                // Class-dependent brightness, so there is something to learn.
                for (var p = 1; p < 3073; p++) bytes[r * 3073 + p] = (byte)Math.Clamp(20 * label + random.Next(60), 0, 255);
            }
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
        return folder;
    }

    /// <summary>Writes the four raw MNIST IDX files (<paramref name="rows"/>×<paramref name="columns"/> images, labels i mod 10) into <paramref name="folder"/>.</summary>
    public static string WriteMnist(string folder, int train, int test, int rows = 28, int columns = 28)
    {
        Directory.CreateDirectory(folder);
        WriteIdx(Path.Combine(folder, "train-images-idx3-ubyte"), [train, rows, columns], seed: 1);
        WriteIdx(Path.Combine(folder, "train-labels-idx1-ubyte"), [train], seed: 0);
        WriteIdx(Path.Combine(folder, "t10k-images-idx3-ubyte"), [test, rows, columns], seed: 2);
        WriteIdx(Path.Combine(folder, "t10k-labels-idx1-ubyte"), [test], seed: 0);
        return folder;
    }

    /// <summary>A hash of every file in <paramref name="folder"/> (names and bytes), to prove nothing was overwritten.</summary>
    public static string Snapshot(string folder)
    {
        var hash = new System.Text.StringBuilder();
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
            hash.Append(Path.GetRelativePath(folder, file)).Append(':').Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))).Append('\n');
        return hash.ToString();
    }

    private static void WriteIdx(string path, int[] dimensions, int seed)
    {
        long count = 1;
        foreach (var d in dimensions) count *= d;
        var bytes = new byte[4 + 4 * dimensions.Length + count];
        bytes[2] = 0x08;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), (uint)dimensions[i]);
        var data = bytes.AsSpan(4 + 4 * dimensions.Length);
        if (seed == 0)
        {
            for (var i = 0; i < data.Length; i++) data[i] = (byte)(i % 10);
        }
        else
        {
            new Random(seed).NextBytes(data);
        }
        File.WriteAllBytes(path, bytes);
    }
}
