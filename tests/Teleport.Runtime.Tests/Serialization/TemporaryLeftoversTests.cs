using System;
using System.Diagnostics;
using System.IO;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Serialization;

/// <summary>
/// A killed writer's temporary files (<see cref="TemporaryLeftovers"/>): removed by the next write of the same name
/// once nobody holds them; a live writer's are left alone.
/// </summary>
public class TemporaryLeftoversTests
{
    private const string Unique = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void ALeftoverNobodyHoldsIsRemovedByTheNextWriteOfItsName()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.json");
        var leftover = dir.File($".run.json.{Unique}.tmp");
        var shortLeftover = dir.File($".teleport-{Unique}.tmp");
        File.WriteAllText(leftover, "{\"half\":");
        File.WriteAllText(shortLeftover, "{\"half\":");
        // Not a temporary of this name, or not a temporary at all: kept.
        var others = new[]
        {
            dir.File($".other.json.{Unique}.tmp"),
            dir.File(".run.json.notahexnumber0123456789abcdef.tmp"),
            dir.File($".run.json.{Unique.ToUpperInvariant()}.tmp"),
            dir.File("run.json.tmp"),
        };
        foreach (var other in others) File.WriteAllText(other, "x");

        AtomicFile.WriteAllText(path, "{}");

        Assert.Equal("{}", File.ReadAllText(path));
        Assert.False(File.Exists(leftover));
        Assert.False(File.Exists(shortLeftover));
        Assert.All(others, other => Assert.True(File.Exists(other), other));
        Assert.Equal(others.Length + 1, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void ALiveWritersTemporaryIsLeftAloneAndStillCommits()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.json");
        using var first = AtomicFile.Stage(path, s => s.Write("first"u8));
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length); // the file and the first writer's temporary

        first.Commit();
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ATemporaryHeldByAnotherProcessIsKeptUntilThatProcessEnds()
    {
        // flock(1) (util-linux) holds a shared lock in another process, as a live writer does (--close: flock holds it,
        // not its sleep, so flock's exit ends it). When the process ends, however it ends, the system drops the lock
        // and the next write removes the file.
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/flock")) return;
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        var leftover = dir.File($".model.safetensors.{Unique}.tmp");
        File.WriteAllText(leftover, "half");
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/flock", ["--shared", "--close", leftover, "sleep", "60"]) { UseShellExecute = false })!;
        try
        {
            WaitUntilLocked(leftover);
            AtomicFile.WriteAllText(path, "whole");
            Assert.True(File.Exists(leftover));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
        AtomicFile.WriteAllText(path, "whole again");
        Assert.False(File.Exists(leftover));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ALinkOrAFolderWithATemporarysNameIsNotTouched()
    {
        using var dir = new TempDirectory();
        var target = dir.File("kept.txt");
        File.WriteAllText(target, "kept");
        var link = dir.File($".run.json.{Unique}.tmp");
        File.CreateSymbolicLink(link, target);
        var folder = dir.File($".teleport-{Unique}.tmp");
        Directory.CreateDirectory(folder);

        AtomicFile.WriteAllText(dir.File("run.json"), "{}");

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("kept", File.ReadAllText(target));
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public void TemporaryNamesAreRecognisedExactly()
    {
        Assert.True(AtomicFile.IsTemporaryNameOf(AtomicFile.TemporaryName("a.json"), "a.json"));
        Assert.False(AtomicFile.IsTemporaryNameOf(AtomicFile.TemporaryName("a.json"), "b.json"));
        Assert.False(AtomicFile.IsTemporaryNameOf(AtomicFile.TemporaryName("a.json"), "a.jso"));
        Assert.False(AtomicFile.IsTemporaryNameOf($".a.json.{Unique}.tmpx", "a.json"));
        Assert.False(AtomicFile.IsTemporaryNameOf($"xa.json.{Unique}.tmp", "a.json"));
        Assert.True(TemporaryLeftovers.IsShortTemporary(AtomicFile.TemporaryName(new string('n', 240))));
        Assert.False(TemporaryLeftovers.IsShortTemporary(AtomicFile.TemporaryName("a.json")));
    }

    /// <summary>Waits (at most 10 s) until the file cannot be opened exclusively: the other process holds its lock.</summary>
    private static void WaitUntilLocked(string path)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                return;
            }
            System.Threading.Thread.Sleep(20);
        }
        Assert.Fail($"flock did not lock {path} within 10 s");
    }
}
