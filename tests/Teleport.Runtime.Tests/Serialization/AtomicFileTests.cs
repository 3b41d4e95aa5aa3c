using System;
using System.IO;
using System.Text;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;

namespace Teleport.Runtime.Tests.Serialization;

public class AtomicFileTests
{
    [Fact]
    public void WritesAndReplaces()
    {
        using var dir = new TempDirectory();
        var path = dir.File("out.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        AtomicFile.Write(path, s => s.Write([9]));
        Assert.Equal(new byte[] { 9 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriterThatThrowsLeavesTheOldFileAndNoTemporary()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.json");
        File.WriteAllText(path, "old");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void WriterThatThrowsCreatesNothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("new.txt");
        Assert.Throws<IOException>(() => AtomicFile.WriteText(path, w =>
        {
            w.Write("partial");
            throw new IOException("disk on fire");
        }));
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void TextIsUtf8WithoutBomAndCreatesTheDirectory()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "runs", "nested", "a.json");
        AtomicFile.WriteText(path, w => w.WriteLine("{\"σ\": 1}"));
        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal("{\"σ\": 1}\n", Encoding.UTF8.GetString(bytes));
        AtomicFile.WriteAllText(path, "x");
        Assert.Equal("x", File.ReadAllText(path));
    }
}
