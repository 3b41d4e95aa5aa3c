using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Teleport.Cli.Tests;

/// <summary>
/// Ctrl+C or SIGTERM inside the long loops of the geometry and meta commands (the bad-input sweep: <c>generalize
/// --sharpness-directions 2147483647</c> ran on for minutes after SIGTERM, since one evaluation of the sharpness
/// objective runs directions × radii passes and the teleport never looked at the token; <c>measure
/// --teleport-steps</c> the same for its teleport; <c>meta</c> stopped meta-training and then tested both arms on every
/// test task). They stop like <c>train</c>: one line on stderr, exit 130, no output.
/// </summary>
public sealed class StopInsideLongLoopsTests
{
    [Fact]
    public async Task GeneralizeStopsInsideATeleportAndWritesNothing()
    {
        using var dir = new TempFolder();
        using var cancel = new CancellationTokenSource();
        using var controlDone = new ManualResetEventSlim();
        using var output = new SignallingWriter("control:", controlDone);
        using var error = new StringWriter();
        string[] args = ["generalize", "--dataset", "synthetic", "--limit-train", "400", "--limit-test", "100", "--seeds", "1", "--epochs", "2", "--teleport-epoch", "1",
            "--teleport-batch", "100", "--sharpness-directions", "2147483647", "--out", dir.File("g.json"), "--report", dir.File("report")];
        var run = Task.Run(() => TeleportCli.Run(args, new CliHost(output, error, false, CliRun.NoFashionMnist, cancel.Token)));
        // The control arm comes first and has no teleport; the next arm teleports at once, and one evaluation of its
        // objective is 2³¹ − 1 directions × 9 radii. Cancelled a moment after the control arm, the run is (almost always)
        // inside that teleport, past the study's check before each epoch; whichever check sees the token, the outcome is
        // the same, and without a check inside the teleport the run never ends.
        Assert.True(controlDone.Wait(TimeSpan.FromMinutes(2)), "the control arm did not end:\n" + output);
        await Task.Delay(500);
        cancel.Cancel();

        // a hang guard, not a timing assertion
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))) == run, "generalize did not stop");
        Assert.Equal(ExitCodes.Interrupted, await run);
        Assert.Equal("teleport: generalize stopped before its last seed; no output written", error.ToString().Trim());
        Assert.False(File.Exists(dir.File("g.json")));
        Assert.False(Directory.Exists(dir.File("report")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void MeasureStopsDuringItsTeleportBeforeMeasuring()
    {
        using var dir = new TempFolder();
        var weights = dir.File("w.safetensors");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--save-model", weights])).Succeeded();
        using var cancel = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        // Cancelled when the headline is out, just before the teleport: its 100 000 steps see the token at once.
        using var output = new SignallingWriter("measure:", started, cancel);
        using var error = new StringWriter();
        var code = TeleportCli.Run(["measure", "--weights", weights, "--dataset", "synthetic", "--samples", "200", "--teleport-steps", "100000", "--out", dir.File("m.json")],
            new CliHost(output, error, false, CliRun.NoFashionMnist, cancel.Token));

        Assert.True(started.IsSet);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Equal("teleport: measure stopped during the teleport before measuring; no output written", error.ToString().Trim());
        Assert.DoesNotContain("teleported first", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("m.json")));
    }

    [Fact]
    public async Task MetaStopsBeforeTestingAndWritesNothing()
    {
        using var dir = new TempFolder();
        using var cancel = new CancellationTokenSource();
        using var seen = new ManualResetEventSlim();
        // Cancelled after the first meta-training task: 1000 test tasks × 3000 steps for each of two arms would follow.
        using var output = new SignallingWriter("task 1/2 trained", seen, cancel);
        using var error = new StringWriter();
        var run = Task.Run(() => TeleportCli.Run(["meta", "--train-tasks", "2", "--steps", "3000", "--test-tasks", "1000", "--out", dir.File("meta.json")],
            new CliHost(output, error, false, CliRun.NoFashionMnist, cancel.Token)));

        // a hang guard, not a timing assertion
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))) == run, "meta did not stop:\n" + output);
        Assert.True(seen.IsSet);
        Assert.Equal(ExitCodes.Interrupted, await run);
        Assert.Equal("teleport: meta stopped before its last task; no output written", error.ToString().Trim());
        Assert.False(File.Exists(dir.File("meta.json")));
    }

    /// <summary>
    /// The bootstrap of the intervals, after the last run (<c>--bootstrap 10000000</c> ran on for minutes after Ctrl+C),
    /// and a <c>--merge</c>'s, stop like a stop during a run's measures: one line, exit 130, nothing written.
    /// </summary>
    [Fact]
    public void CorrelateStopsDuringItsBootstrapAndWritesNothing()
    {
        using var dir = new TempFolder();
        string[] study = ["correlate", "--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--runs", "3", "--epochs", "1", "--hessian-samples", "50",
            "--sharpness-batches", "1", "--bootstrap", "5000"];
        using var cancel = new CancellationTokenSource();
        using var lastRun = new ManualResetEventSlim();
        // Cancelled as the last run's line is written: every run has been measured, and the bootstrap comes next.
        using var output = new SignallingWriter("run 3/3", lastRun, cancel);
        using var error = new StringWriter();
        var code = TeleportCli.Run([.. study, "--out", dir.File("c.json"), "--report", dir.File("report")], new CliHost(output, error, false, CliRun.NoFashionMnist, cancel.Token));

        Assert.True(lastRun.IsSet);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Equal("teleport: correlate stopped while computing its bootstrap intervals; no output written", error.ToString().Trim());
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));

        CliRun.Of([.. study, "--shard", "1/1", "--out", dir.File("part.json")]).Succeeded();
        var merge = CliRun.Interrupted("correlate", "--merge", dir.File("part.json"), "--out", dir.File("c.json"), "--report", dir.File("report"));
        Assert.Equal(ExitCodes.Interrupted, merge.ExitCode);
        Assert.Equal("teleport: correlate stopped while computing its bootstrap intervals; no output written", merge.Error.Trim());
        Assert.Equal([dir.File("part.json")], Directory.GetFileSystemEntries(dir.Path));
    }

    /// <summary>Sets <paramref name="seen"/> (and cancels <paramref name="cancel"/>, if given) once standard output holds <paramref name="text"/>.</summary>
    private sealed class SignallingWriter(string text, ManualResetEventSlim seen, CancellationTokenSource? cancel = null) : StringWriter
    {
        private readonly object _gate = new();

        public override void Write(char value)
        {
            lock (_gate) base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            lock (_gate) base.Write(value);
            Check();
        }

        public override string ToString()
        {
            lock (_gate) return base.ToString();
        }

        private void Check()
        {
            if (seen.IsSet || !ToString().Contains(text, StringComparison.Ordinal)) return;
            cancel?.Cancel();
            seen.Set();
        }
    }
}
