using System;
using System.IO;
using System.Text;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;
using Teleport.Testing;

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

    /// <summary>
    /// A rename replaces whatever has the name: a FIFO, a socket or a folder there must be refused before anything is
    /// written, and stay what it was. (No device here: a writer that failed to refuse would replace it.)
    /// </summary>
    [Theory]
    [InlineData(FileKind.Fifo, "a FIFO (named pipe)")]
    [InlineData(FileKind.Socket, "a socket")]
    [InlineData(FileKind.Directory, "a folder")]
    public void ANonRegularFileIsRefusedBeforeAnyWrite(FileKind kind, string words)
    {
        if (!OperatingSystem.IsLinux()) return; // FIFOs and sockets are told apart on Linux only
        using var dir = new TempDirectory();
        var path = dir.File("out.json");
        using var socket = kind == FileKind.Socket ? SpecialFiles.Socket(path) : null;
        if (kind == FileKind.Fifo) SpecialFiles.Fifo(path);
        if (kind == FileKind.Directory) Directory.CreateDirectory(path);
        var called = false;
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => called = true));
        Assert.Equal($"{path} is {words}, not a file; it is not replaced.", e.Message);
        Assert.False(called);
        Assert.Equal(kind, FileKinds.Of(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ALinkIsFollowedAndItsTargetReplaced()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("real"));
        var target = dir.Write(Path.Combine("real", "run.json"), [1]);
        var link = dir.File("run.json");
        File.CreateSymbolicLink(link, Path.Combine("real", "run.json"));
        AtomicFile.WriteAllText(link, "new");
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(Path.Combine("real", "run.json"), new FileInfo(link).LinkTarget);
        Assert.Equal([target], Directory.GetFileSystemEntries(dir.File("real")));
    }

    [Fact]
    public void ADanglingLinkOrALinkToAFifoIsRefused()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        var fifo = SpecialFiles.Fifo(dir.File("fifo"));
        File.CreateSymbolicLink(dir.File("to-fifo"), fifo);
        File.CreateSymbolicLink(dir.File("dangling"), dir.File("nothing"));
        Assert.Equal($"{dir.File("to-fifo")} is a symbolic link to {fifo}, a FIFO (named pipe), not a file; it is not replaced.",
            Assert.Throws<IOException>(() => AtomicFile.WriteAllText(dir.File("to-fifo"), "x")).Message);
        Assert.Equal($"{dir.File("dangling")} is a symbolic link to {dir.File("nothing")}, which does not exist; it is not replaced.",
            Assert.Throws<IOException>(() => AtomicFile.WriteAllText(dir.File("dangling"), "x")).Message);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(fifo));
        Assert.NotNull(new FileInfo(dir.File("to-fifo")).LinkTarget);
        Assert.NotNull(new FileInfo(dir.File("dangling")).LinkTarget);
        Assert.Equal(3, Directory.GetFileSystemEntries(dir.Path).Length);
    }

    [Fact]
    public void AFileNameNearTheLimitIsWrittenThroughAShorterTemporaryName()
    {
        // The bad-input sweep: a legal 235-byte name failed, "path too long", on its temporary name's 39 extra bytes.
        using var dir = new TempDirectory();
        var name = new string('b', 230) + ".json";
        var path = dir.File(name);
        AtomicFile.WriteAllText(path, "{}");
        Assert.Equal("{}", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir.Path));

        Assert.Matches(@"^\.short\.json\.[0-9a-f]{32}\.tmp$", AtomicFile.TemporaryName("short.json"));
        Assert.Matches(@"^\.teleport-[0-9a-f]{32}\.tmp$", AtomicFile.TemporaryName(name));
        Assert.Matches(@"^\.teleport-[0-9a-f]{32}\.tmp$", AtomicFile.TemporaryName(new string('é', 110))); // 110 characters, 220 bytes in UTF-8
        Assert.True(Encoding.UTF8.GetByteCount(AtomicFile.TemporaryName(new string('a', 216))) <= 255);
    }
}
