using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Teleport.Cli.Tests;

/// <summary>
/// A <c>--checkpoint</c> folder that exists but takes no new files (the bad-input sweep, as a user without write
/// permission) was found only when the first checkpoint was written, after an epoch of training, with .NET's "Access to
/// the path … is denied". It is now refused before training, naming the option and the folder.
/// </summary>
public sealed class CheckpointFolderTests
{
    [Fact]
    public async Task AReadOnlyCheckpointFolderIsRefusedBeforeTraining()
    {
        if (!System.OperatingSystem.IsLinux()) return; // permissions as Linux has them
        using var dir = new TempFolder();
        var checkpoint = dir.File("ck");
        Directory.CreateDirectory(checkpoint);
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_111_111); // the parent takes files: only the folder itself does not
        File.SetUnixFileMode(checkpoint, (UnixFileMode)0b101_101_101);
        string[] args = ["train", "--dataset", "synthetic", "--epochs", "2", "--limit-train", "200", "--limit-test", "50", "--checkpoint", checkpoint];
        var expected = $"teleport: {checkpoint} cannot be written (--checkpoint): the folder does not take new files (permission denied)";
        if (!System.Environment.IsPrivilegedProcess)
        {
            var run = CliRun.Of(args);
            Assert.Equal(1, run.ExitCode);
            Assert.Equal(expected, run.Error.Trim());
            Assert.DoesNotContain("epoch 1/", run.Out);
            return;
        }
        // Root writes anywhere: run the tool as the unprivileged user nobody (util-linux's setpriv), as a process.
        var tool = Path.Combine(System.AppContext.BaseDirectory, "teleport.dll");
        if (!File.Exists("/usr/bin/setpriv") || !File.Exists(Path.ChangeExtension(tool, ".runtimeconfig.json"))) return;
        var start = new ProcessStartInfo("/usr/bin/setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        foreach (var a in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "env", $"HOME={dir.Path}", $"DOTNET_CLI_HOME={dir.Path}", "dotnet", tool, .. args])
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Equal(expected, error.Trim());
        Assert.DoesNotContain("epoch 1/", await output);
    }

    [Fact]
    public void AFolderAnotherRunWritesIsRefusedBeforeTraining()
    {
        // Two runs given one folder each deleted the other's checkpoints; the second stopped with .NET's "Cannot create
        // … because a file or directory with the same name already exists" after an epoch.
        using var dir = new TempFolder();
        var checkpoint = dir.File("ck");
        string[] args = ["train", "--dataset", "synthetic", "--epochs", "2", "--limit-train", "200", "--limit-test", "50", "--checkpoint", checkpoint];
        using (Teleport.Training.Checkpoints.Claim(checkpoint))
        {
            var refused = CliRun.Of(args);
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal("teleport: ck: is in use by another training run, which writes its checkpoints there now; wait for it to end or choose another checkpoint folder", refused.Error.Trim());
            Assert.DoesNotContain("epoch", refused.Out);
            Assert.Equal([Path.Combine(checkpoint, ".lock")], Directory.GetFileSystemEntries(checkpoint));
        }
        // Released (as by the other run's end, however it ended), the folder takes the run.
        CliRun.Of(args).Succeeded();
        Assert.True(File.Exists(Path.Combine(checkpoint, "latest")));
    }
}
