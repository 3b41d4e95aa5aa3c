using System;
using Teleport.Data;

namespace Teleport.Runtime.Tests.Data;

/// <summary>
/// Content beyond what an IDX header declares is refused without being read (bad-input sweep: a 13 MB gzip file whose
/// header declared 60 labels decompressed 3 GB before its trailing bytes were refused, and a 1.5 GB raw one was read
/// whole). The allocations of the read are counted on the reading thread: the declared data, not the file.
/// </summary>
public class IdxDeclaredLengthTests
{
    private const int Beyond = 16 << 20;

    /// <summary>Far below the <see cref="Beyond"/> bytes a read of the whole content allocates.</summary>
    private const long Allocated = 2 << 20;

    [Fact]
    public void AGzipStreamBeyondTheDeclaredDataIsNotDecompressed()
    {
        var content = new byte[IdxBuilder.Labels(5).Length + Beyond];
        IdxBuilder.Labels(5).CopyTo(content, 0);
        var (e, allocated) = Read(IdxBuilder.Gzip(content), "labels.gz");
        Assert.Equal("labels.gz: trailing bytes at byte 13 (expected 5 bytes of label data for dimensions [5]; the file decompresses to more than that, which is not decompressed)", e.Message);
        Assert.Equal(13, e.Offset);
        Assert.True(allocated < Allocated, $"{allocated} bytes allocated to refuse the file");
    }

    [Fact]
    public void ARawFileBeyondTheDeclaredDataIsCountedNotRead()
    {
        var content = new byte[IdxBuilder.Labels(5).Length + Beyond];
        IdxBuilder.Labels(5).CopyTo(content, 0);
        var (e, allocated) = Read(content, "labels");
        Assert.Equal($"labels: {Beyond} trailing bytes at byte 13 (expected 5 bytes of label data for dimensions [5], found {Beyond + 5})", e.Message);
        Assert.True(allocated < Allocated, $"{allocated} bytes allocated to refuse the file");
    }

    private static (TeleportDataException Error, long Allocated) Read(byte[] file, string name)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(name, file);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<TeleportDataException>(() => IdxFile.ReadUnsignedBytes(path, 1, "label"));
        return (e, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
