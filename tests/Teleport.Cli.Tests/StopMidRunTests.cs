using System.IO;
using System.Threading;

namespace Teleport.Cli.Tests;

/// <summary>
/// Ctrl+C (or SIGTERM, handled the same way by the process) in the middle of <c>meta-test</c> and <c>bench</c> (the
/// bad-input sweep: both ran to the end, wrote every output and exited 0). They now stop before the next task or case,
/// say so, write nothing and exit 130.
/// </summary>
public sealed class StopMidRunTests
{
    [Fact]
    public void MetaTestStopsBeforeItsNextTaskAndWritesNothing()
    {
        using var dir = new TempFolder();
        CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "1", "--steps", "10", "--seed", "3", "--out", dir.File("m.safetensors")).Succeeded();
        var run = RunStoppedWhen("Testing on", "meta-test", "--meta", dir.File("m.safetensors"), "--test-tasks", "3", "--steps", "10",
            "--out", dir.File("test.json"), "--report", dir.File("report"));
        Assert.Equal(130, run.ExitCode);
        Assert.Equal("teleport: meta-test stopped before its last task; no output written", run.Error.Trim());
        Assert.False(File.Exists(dir.File("test.json")));
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Fact]
    public void BenchStopsBeforeItsNextCaseAndWritesNothing()
    {
        using var dir = new TempFolder();
        var run = RunStoppedWhen("median", "bench", "--warmup", "0", "--repeats", "1", "--filter", "step 784-16-10-10", "--out", dir.File("bench.json"));
        Assert.Equal(130, run.ExitCode);
        Assert.Equal("teleport: bench stopped before its last case; no output written", run.Error.Trim());
        Assert.Single(run.Out.Split('\n'), line => line.Contains("median", System.StringComparison.Ordinal));
        Assert.False(File.Exists(dir.File("bench.json")));
    }

    [Fact]
    public async System.Threading.Tasks.Task SigtermStopsTrainingLikeCtrlCWithACheckpointAndNoTemporaryFile()
    {
        // The sweep: SIGTERM (how Slurm or `kill` ends a job) exited at once with 143, leaving a .tmp-checkpoint folder.
        if (!System.OperatingSystem.IsLinux()) return;
        var tool = Path.Combine(System.AppContext.BaseDirectory, "teleport.dll");
        if (!File.Exists(Path.ChangeExtension(tool, ".runtimeconfig.json"))) return; // the tool as a process needs its runtime config
        using var dir = new TempFolder();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[tool, "train", "--dataset", "synthetic", "--epochs", "1000", "--checkpoint", dir.File("ck"), "--checkpoint-every", "50", "--out", dir.File("run.json")])
            start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        // Wait until training runs (the first epoch line), then send SIGTERM.
        while (process.StandardOutput.ReadLine() is { } line && !line.StartsWith("epoch 1/", System.StringComparison.Ordinal)) { }
        Assert.Equal(0, Kill(process.Id, 15));
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(60_000);
        await process.WaitForExitAsync(timeout.Token); // throws if the run does not stop within a minute of SIGTERM
        Assert.Equal(130, process.ExitCode);
        Assert.Matches(@"^teleport: training stopped after step \d+; a checkpoint is in .*: continue with --resume; no run record written$", (await error).Trim());
        Assert.False(File.Exists(dir.File("run.json")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.File("ck"), "*tmp*", SearchOption.AllDirectories));
        Assert.NotNull(Teleport.Training.Checkpoints.FindLatest(dir.File("ck")));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Runs <c>teleport</c> and cancels its token (as Ctrl+C does) when standard output first holds <paramref name="text"/>.</summary>
    private static CliRun RunStoppedWhen(string text, params string[] args)
    {
        using var cancel = new CancellationTokenSource();
        using var output = new CancellingWriter(text, cancel);
        using var error = new StringWriter();
        var code = TeleportCli.Run(args, new CliHost(output, error, false, CliRun.NoFashionMnist, cancel.Token));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed class CancellingWriter(string text, CancellationTokenSource cancel) : StringWriter
    {
        public override void Write(char value)
        {
            base.Write(value);
            if (!cancel.IsCancellationRequested && GetStringBuilder().ToString().Contains(text, System.StringComparison.Ordinal)) cancel.Cancel();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            if (!cancel.IsCancellationRequested && GetStringBuilder().ToString().Contains(text, System.StringComparison.Ordinal)) cancel.Cancel();
        }
    }
}
