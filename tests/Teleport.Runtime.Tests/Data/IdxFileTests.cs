using System;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

public class IdxFileTests
{
    private static TeleportDataException Fails(byte[] content, string name = "bad-idx3-ubyte", int? rank = null)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(name, content);
        var e = Assert.Throws<TeleportDataException>(() => IdxFile.ReadUnsignedBytes(path, rank ?? 1, "pixel"));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(name + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void ReadsRawAndGzipByContentNotName()
    {
        using var dir = new TempDirectory();
        var content = IdxBuilder.Images(3, 2, 4);
        var raw = IdxFile.ReadUnsignedBytes(dir.Write("images", content), 3);
        // gzip content behind a name without .gz, and raw content behind a .gz name.
        var gz = IdxFile.ReadUnsignedBytes(dir.Write("images-renamed", IdxBuilder.Gzip(content)), 3);
        var misnamed = IdxFile.ReadUnsignedBytes(dir.Write("images.gz", content), 3);
        Assert.Equal([3, 2, 4], raw.Dimensions);
        Assert.Equal(16, raw.HeaderLength);
        Assert.Equal(24, raw.ElementCount);
        Assert.Equal(content.AsSpan(16).ToArray(), raw.Data.ToArray());
        Assert.Equal(raw.Data.ToArray(), gz.Data.ToArray());
        Assert.Equal(raw.Data.ToArray(), misnamed.Data.ToArray());
    }

    [Fact]
    public void ReadsOtherElementTypesBigEndian()
    {
        using var dir = new TempDirectory();
        byte[] data = [0x3F, 0x80, 0, 0, 0xC0, 0x20, 0, 0]; // 1.0f, -2.5f
        var array = IdxFile.Read(dir.Write("floats", IdxBuilder.Build(0x0D, [2], data)));
        Assert.Equal(IdxDataType.Single, array.DataType);
        Assert.Equal(new[] { 1f, -2.5f }, array.ToSingleArray());
        var shorts = IdxFile.Read(dir.Write("shorts", IdxBuilder.Build(0x0B, [1, 2], [0xFF, 0xFE, 0x01, 0x00])));
        Assert.Equal(new[] { -2f, 256f }, shorts.ToSingleArray());
    }

    [Fact]
    public void BadMagic()
    {
        var content = IdxBuilder.Labels(4);
        content[0] = 0x1F; // neither IDX nor gzip (gzip needs 1F 8B)
        var e = Fails(content);
        Assert.Contains("bad magic number 0x1F000801", e.Message);
        Assert.Equal(0, e.Offset);
    }

    [Fact]
    public void UnknownDataType()
    {
        var e = Fails(IdxBuilder.Build(0x07, [2], [1, 2]));
        Assert.Contains("unknown IDX data type 0x07 at byte 2", e.Message);
        Assert.Equal(2, e.Offset);
    }

    [Fact]
    public void NonByteDataTypeIsRejectedForImagesAndLabels()
    {
        var e = Fails(IdxBuilder.Build(0x0D, [1], [0, 0, 0, 0]));
        Assert.Contains("data type 0x0D (float32) at byte 2 is not supported here: expected 0x08 (unsigned byte)", e.Message);
        Assert.Equal(2, e.Offset);
    }

    [Fact]
    public void TruncatedHeader()
    {
        var e = Fails([0, 0, 8]);
        Assert.Contains("truncated header at byte 3", e.Message);
        Assert.Equal(3, e.Offset);
        var full = IdxBuilder.Images(1, 2, 2);
        e = Fails(full[..10], rank: 3);
        Assert.Contains("truncated header at byte 10 (expected 16 header bytes for 3 dimensions, found 10)", e.Message);
    }

    [Fact]
    public void WrongRankAndZeroRank()
    {
        var e = Fails(IdxBuilder.Labels(3), rank: 3);
        Assert.Contains("rank 1 at byte 3, expected 3 dimensions", e.Message);
        e = Fails([0, 0, 8, 0]);
        Assert.Contains("zero dimensions at byte 3", e.Message);
    }

    [Fact]
    public void ZeroAndOverflowingDimensions()
    {
        var e = Fails(IdxBuilder.Build(0x08, [2, 0, 3], []), rank: 3);
        Assert.Contains("dimension 1 is zero at byte 8", e.Message);
        Assert.Equal(8, e.Offset);
        e = Fails(IdxBuilder.Build(0x08, [65536, 65536, 2], []), rank: 3);
        Assert.Contains("dimensions [65536, 65536] at bytes 4–11 make 4294967296 bytes of pixel data, more than the", e.Message);
        Assert.Equal(4, e.Offset);
        // A count of a billion images of 28 × 28: the count is what is named, with the ordinary dimension that tips it over.
        e = Fails(IdxBuilder.Build(0x08, [1_000_000_000, 28, 28], []), rank: 3);
        Assert.Contains("dimensions [1000000000, 28] at bytes 4–11 make 28000000000 bytes", e.Message);
        e = Fails(IdxBuilder.Build(0x08, [unchecked((int)0xFFFFFFFF)], []));
        Assert.Contains("dimension 0 = 4294967295 at byte 4 is larger than 2147483647", e.Message);
    }

    [Fact]
    public void TruncatedData()
    {
        var content = IdxBuilder.Images(3, 2, 2); // 16 header + 12 pixels
        var e = Fails(IdxBuilder.Gzip(content[..20]), "train-images-idx3-ubyte.gz", rank: 3);
        Assert.Equal("train-images-idx3-ubyte.gz: truncated at byte 20 (expected 12 bytes of pixel data, found 4)", e.Message);
        Assert.Equal(20, e.Offset);
    }

    [Fact]
    public void TrailingBytes()
    {
        var content = IdxBuilder.Labels(5);
        var e = Fails([.. content, 7, 7]);
        Assert.Contains("2 trailing bytes at byte 13", e.Message);
        Assert.Equal(13, e.Offset);
    }

    [Fact]
    public void CorruptGzip()
    {
        var gz = IdxBuilder.Gzip(IdxBuilder.Labels(100));
        for (var i = 10; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        var e = Fails(gz);
        Assert.Equal("bad-idx3-ubyte: corrupt gzip data: the compressed stream or its CRC-32 check is broken", e.Message);
        Assert.NotNull(e.InnerException);
    }

    [Theory]
    [InlineData(2, 9, "bad-idx3-ubyte: corrupt gzip header: compression method 9, where gzip defines only 8, deflate (at byte 2)")]
    [InlineData(3, 0x80, "bad-idx3-ubyte: corrupt gzip header: flags 0x80 set reserved bits (at byte 3)")]
    public void ACorruptGzipHeaderIsNamedAtItsByte(int offset, byte value, string expected)
    {
        // Both were .NET's "unsupported compression method", with no place.
        var gz = IdxBuilder.Gzip(IdxBuilder.Labels(100));
        gz[offset] = value;
        var e = Fails(gz);
        Assert.Equal(expected, e.Message);
        Assert.Equal(offset, e.Offset);
    }

    [Fact]
    public void TruncatedGzip()
    {
        var gz = IdxBuilder.Gzip(IdxBuilder.Labels(5000));
        // GZipStream returns what it could decompress without a word; the gzip trailer check reports it.
        var e = Fails(gz[..(gz.Length / 2)]);
        Assert.Matches(@"^bad-idx3-ubyte: truncated or corrupt gzip file: its trailer \(CRC-32 0x[0-9A-F]{8}, size \d+, the last 8 of its \d+ bytes\) does not match the \d+ bytes it decompresses to; the file is probably cut short$", e.Message);
    }

    [Fact]
    public void MissingFile()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DatasetNotFoundException>(() => IdxFile.Read(dir.File("nothing")));
        Assert.Contains(dir.File("nothing"), e.Message);
    }
}
