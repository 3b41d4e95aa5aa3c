using System;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

/// <summary>Reading content straight into the arrays that keep it: the header split, buffer growth, the CRC over both parts.</summary>
public class DataFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnImageFilesPixelsAreAWholeArrayOfTheirOwn(bool gzip)
    {
        var content = IdxBuilder.Images(7, 3, 5);
        using var dir = new TempDirectory();
        var images = IdxFile.ReadUnsignedBytes(dir.Write("images", gzip ? IdxBuilder.Gzip(content) : content), 3);
        Assert.True(MemoryMarshal.TryGetArray(images.Data, out var segment));
        Assert.Equal(0, segment.Offset);
        Assert.Equal(segment.Array!.Length, segment.Count);
        Assert.Equal(content.AsSpan(16).ToArray(), images.Data.ToArray());
        Assert.Equal(16, images.HeaderLength);
    }

    [Fact]
    public void ContentBeyondTheTrailersSizeHintGrowsTheBuffer()
    {
        // Two members: 200 000 bytes that compress to almost nothing, then a small last member whose trailer size
        // (the only size a reader can see) is far below the whole — the output must grow past its first guess.
        var content = new byte[200_300];
        for (var i = 200_000; i < content.Length; i++) content[i] = (byte)(i * 31);
        var idx = IdxBuilder.Build(0x08, [content.Length], content);
        var gz = (byte[])[.. Gzip(idx.AsSpan(0, 200_008)), .. Gzip(idx.AsSpan(200_008))];
        Assert.True(gz.Length < 10_000);
        using var dir = new TempDirectory();
        var read = IdxFile.ReadUnsignedBytes(dir.Write("big.gz", gz), 1);
        Assert.Equal(content, read.Data.ToArray());
    }

    [Fact]
    public void TheTrailerCrcCoversALastMemberThatStartsInTheHeader()
    {
        // The last member holds the header's last 4 bytes and all the data: its CRC spans both parts of the split.
        var idx = IdxBuilder.Labels(50);
        var gz = (byte[])[.. Gzip(idx.AsSpan(0, 4)), .. Gzip(idx.AsSpan(4))];
        using var dir = new TempDirectory();
        // A CRC computed over the body alone (or the wrong header bytes) would reject this intact file.
        Assert.Equal(idx.AsSpan(8).ToArray(), IdxFile.ReadUnsignedBytes(dir.Write("labels.gz", gz), 1).Data.ToArray());
    }

    [Fact]
    public void Crc32AppendContinuesACrc()
    {
        var data = new byte[1000];
        new Random(3).NextBytes(data);
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        foreach (var cut in new[] { 0, 1, 7, 8, 9, 500, 999, 1000 })
            Assert.Equal(Crc32.Compute(data), Crc32.Append(Crc32.Compute(data.AsSpan(0, cut)), data.AsSpan(cut)));
    }

    [Fact]
    public void LoadingInParallelStillReportsTheTrainingFilesErrorFirst()
    {
        using var dir = new TempDirectory();
        dir.Write("train-images-idx3-ubyte", IdxBuilder.Images(12, 3, 2)[..20]);
        dir.Write("train-labels-idx1-ubyte", IdxBuilder.Labels(12));
        dir.Write("t10k-images-idx3-ubyte", [1, 2, 3]);
        dir.Write("t10k-labels-idx1-ubyte", IdxBuilder.Labels(5));
        var e = Assert.Throws<TeleportDataException>(() => Mnist.Load(dir.Path));
        Assert.StartsWith("train-images-idx3-ubyte: truncated at byte 20", e.Message);
        dir.Write("train-images-idx3-ubyte", IdxBuilder.Images(12, 3, 2));
        e = Assert.Throws<TeleportDataException>(() => Mnist.Load(dir.Path));
        Assert.StartsWith("t10k-images-idx3-ubyte: truncated header at byte 3", e.Message);
    }

    private static byte[] Gzip(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }
}
