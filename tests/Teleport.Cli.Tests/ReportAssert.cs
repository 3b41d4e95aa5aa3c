using System;
using System.Buffers.Binary;
using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>What the report tests check about a report folder's files.</summary>
internal static class ReportAssert
{
    public static readonly string[] Plots = ["loss-by-epoch.png", "loss-by-time.png", "teleport-grad-norm.png", "teleport-loss-drift.png"];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG (by its signature) of 800 × 500 pixels (its IHDR chunk) and more than a blank image's few bytes.</summary>
    public static void IsPlot(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes.AsSpan(0, 8).ToArray());
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(800, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(500, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>The names in <paramref name="folder"/>, sorted.</summary>
    public static string[] Names(string folder)
    {
        var names = Array.ConvertAll(Directory.GetFileSystemEntries(folder), p => Path.GetFileName(p)!);
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }
}
