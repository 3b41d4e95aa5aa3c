using System;
using System.IO;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Serialization;

/// <summary>.NET sees a device, a FIFO and a socket as ordinary files; <see cref="FileKinds.Of"/> must not.</summary>
public sealed class FileKindsTests
{
    [Fact]
    public void TellsEachKindApartAndFollowsLinks()
    {
        if (!OperatingSystem.IsLinux()) return; // the kinds beyond file and folder are told on Linux only
        using var dir = new TempDirectory();
        var file = dir.Write("file", [1]);
        var fifo = SpecialFiles.Fifo(dir.File("fifo"));
        var socket = dir.File("socket");
        using var listener = SpecialFiles.Socket(socket);
        File.CreateSymbolicLink(dir.File("to-fifo"), fifo);
        File.CreateSymbolicLink(dir.File("to-file"), file);
        File.CreateSymbolicLink(dir.File("dangling"), dir.File("nothing"));
        File.CreateSymbolicLink(dir.File("loop"), "loop");

        Assert.Equal(FileKind.RegularFile, FileKinds.Of(file));
        Assert.Equal(FileKind.Directory, FileKinds.Of(dir.Path));
        Assert.Equal(FileKind.Fifo, FileKinds.Of(fifo));
        Assert.Equal(FileKind.Socket, FileKinds.Of(socket));
        Assert.Equal(FileKind.Fifo, FileKinds.Of(dir.File("to-fifo")));
        Assert.Equal(FileKind.RegularFile, FileKinds.Of(dir.File("to-file")));
        Assert.Equal(FileKind.Missing, FileKinds.Of(dir.File("dangling")));
        Assert.Equal(FileKind.Missing, FileKinds.Of(dir.File("nothing")));
        Assert.Equal(FileKind.LinkLoop, FileKinds.Of(dir.File("loop"))); // .NET's File.Exists says a file
        Assert.Equal(FileKind.LinkLoop, FileKinds.Of(Path.Combine(dir.File("loop"), "under")));
        Assert.Equal(FileKind.Missing, FileKinds.Of(Path.Combine(file, "under-a-file")));
        // Read only: /dev/null is looked at, never written.
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
    }

    [Theory]
    [InlineData(FileKind.Directory, "a folder")]
    [InlineData(FileKind.CharacterDevice, "a character device")]
    [InlineData(FileKind.Fifo, "a FIFO (named pipe)")]
    [InlineData(FileKind.Socket, "a socket")]
    [InlineData(FileKind.LinkLoop, "a symbolic link into a loop of links")]
    public void DescribesAKindForAMessage(FileKind kind, string words) => Assert.Equal(words, FileKinds.Describe(kind));
}
