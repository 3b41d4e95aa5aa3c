using System;
using System.IO;
using Teleport.Serialization;
using Teleport.Testing;

namespace Teleport.Cli.Tests;

/// <summary>
/// An output replaces only a regular file: a folder, a FIFO, a socket or a device at its path (or at the end of a
/// symbolic link) is refused before training with exit code 2, and stays what it was. Devices are never used here:
/// a tool that failed to refuse would replace them.
/// </summary>
public sealed class OutputKindTests
{
    private static string[] Train(params string[] more) => [.. Small.Args("train", Small.Synthetic), "--epochs", "1", .. more];

    private static string OneLine(CliRun run) => Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("--out", "")]
    [InlineData("--save-model", "")]
    [InlineData("--report", "")]
    [InlineData("--checkpoint", "")]
    [InlineData("--out", "/run.json")]
    public void ANameTooLongForTheFileSystemIsRefusedBeforeTraining(string option, string below)
    {
        // A 300-byte name trained the whole run, then failed in .NET's words ("The path … is too long").
        using var dir = new TempFolder();
        var path = dir.File(new string('n', 300)) + below;
        var run = CliRun.Of(Train(option, path));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: {option}: the name \"{new string('n', 40)}…\" is 300 {(OperatingSystem.IsWindows() ? "characters" : "bytes")} long; a file or folder name may have at most 255.", OneLine(run));
        Assert.DoesNotContain("epoch", run.Out);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--save-model")]
    public void AFifoIsRefusedBeforeTrainingAndKept(string option)
    {
        if (!OperatingSystem.IsLinux()) return; // FIFOs are told apart on Linux only
        using var dir = new TempFolder();
        var fifo = SpecialFiles.Fifo(dir.File("fifo"));
        var run = CliRun.Of(Train(option, fifo));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: {option} {fifo} is a FIFO (named pipe), not a file.", OneLine(run));
        Assert.DoesNotContain("epoch", run.Out);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(fifo));
        Assert.Equal([fifo], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void ASocketALinkToAFifoAndAFolderAreRefused()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempFolder();
        var socket = dir.File("socket");
        using var listener = SpecialFiles.Socket(socket);
        var fifo = SpecialFiles.Fifo(dir.File("fifo"));
        var link = dir.File("link");
        File.CreateSymbolicLink(link, fifo);
        var folder = Directory.CreateDirectory(dir.File("folder")).FullName;

        Assert.Equal($"teleport: --out {socket} is a socket, not a file.", OneLine(CliRun.Of(Train("--out", socket))));
        Assert.Equal($"teleport: --save-model {link} is a symbolic link to {fifo}, a FIFO (named pipe), not a file.", OneLine(CliRun.Of(Train("--save-model", link))));
        var run = CliRun.Of(Train("--out", folder));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: --out {folder} is a folder, not a file.", OneLine(run));
        Assert.Equal($"teleport: --checkpoint {fifo} is a FIFO (named pipe), not a folder.", OneLine(CliRun.Of(Train("--checkpoint", fifo))));
        Assert.Equal(FileKind.Socket, FileKinds.Of(socket));
        Assert.Equal(FileKind.Fifo, FileKinds.Of(link));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void ADanglingLinkIsRefused()
    {
        using var dir = new TempFolder();
        var link = dir.File("run.json");
        File.CreateSymbolicLink(link, dir.File("nowhere.json"));
        var run = CliRun.Of(Train("--out", link));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: --out {link} is a symbolic link to {dir.File("nowhere.json")}, which does not exist: name the file itself.", OneLine(run));
        Assert.False(File.Exists(dir.File("nowhere.json")));
    }

    [Fact]
    public void AnOutputUnderALoopOfLinksIsNamedAsSuch()
    {
        // The bad-input sweep: "loopd is a file, not a folder" for a link that names itself (.NET calls it a file).
        if (!OperatingSystem.IsLinux()) return; // statx tells a loop from a file
        using var dir = new TempFolder();
        var loop = dir.File("loopd");
        File.CreateSymbolicLink(loop, "loopd");
        var under = Path.Combine(loop, "run.json");
        var run = CliRun.Of(Train("--out", under));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: --out {under} lies under a symbolic link that leads into a loop of links: name a folder that exists.", OneLine(run));
        run = CliRun.Of(Train("--out", loop));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"teleport: --out {loop} is a symbolic link that leads into a loop of links: name the file itself.", OneLine(run));
    }

    [Fact]
    public void ALinkToAFileIsWrittenThroughAndKept()
    {
        using var dir = new TempFolder();
        var target = dir.File("target.json");
        File.WriteAllText(target, "old");
        var link = dir.File("run.json");
        File.CreateSymbolicLink(link, "target.json");
        CliRun.Of(Train("--out", link)).Succeeded();
        Assert.Equal("target.json", new FileInfo(link).LinkTarget);
        Assert.Equal("train", CliRun.Json(target).GetProperty("config").GetProperty("command").GetString());
    }

    [Fact]
    public void AFolderThatCannotBeCreatedIsNamedWithTheWholePath()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc takes no new files
        var path = $"/proc/teleport-test-{Guid.NewGuid():N}/run.json";
        var run = CliRun.Of(Train("--out", path));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"teleport: {path} cannot be written (--out): its folder {Path.GetDirectoryName(path)} does not exist and cannot be created in /proc"
            + " (the system answers \"no such file or directory\")", OneLine(run));
    }

    [Fact]
    public void AFileOnTheWayIsNamed()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("blocker"), "x");
        var path = Path.Combine(dir.File("blocker"), "sub", "run.json");
        var run = CliRun.Of(Train("--out", path));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"teleport: {path} cannot be written (--out): {dir.File("blocker")} is a file, not a folder", OneLine(run));
    }
}
