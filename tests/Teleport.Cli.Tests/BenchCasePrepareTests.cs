using System.Collections.Generic;
using System.IO;
using Teleport.Cli.Bench;
using Xunit;

namespace Teleport.Cli.Tests;

/// <summary>
/// A restored case takes one untimed call before its timed ones (<see cref="BenchCase.Prepare"/>), so its timed calls
/// find the state where a step leaves it — on two threads, each core's half in its own cache — as a run's steps do.
/// </summary>
public sealed class BenchCasePrepareTests
{
    [Fact]
    public void PrepareRestoresThenCallsOnce()
    {
        var log = new List<string>();
        var c = new BenchCase("case", null, 3, () => log.Add("work")) { Restore = () => log.Add("restore") };
        c.Prepare();
        Assert.Equal(["restore", "work"], log);
    }

    /// <summary>A case without a restore is left where its last call left it: nothing to settle, no extra call.</summary>
    [Fact]
    public void PrepareDoesNothingWithoutARestore()
    {
        var calls = 0;
        new BenchCase("case", null, 3, () => calls++).Prepare();
        Assert.Equal(0, calls);
    }

    /// <summary>`teleport bench` times each repeat's calls after the restore and one untimed call.</summary>
    [Fact]
    public void BenchTimesTheCallsAfterTheSettlingCall()
    {
        int restores = 0, calls = 0, callsSinceRestore = 0;
        var c = new BenchCase("settled case", null, 4, () =>
        {
            calls++;
            callsSinceRestore++;
        })
        { Restore = () => { restores++; callsSinceRestore = 0; } };
        var results = BenchRunner.Run([c], warmupSeconds: 0, repeats: 3, filter: null, new Dictionary<string, double>(), TextWriter.Null);
        Assert.Single(results);
        // Per repeat: restore, one untimed call, then CallsPerRun timed calls.
        Assert.Equal(3, restores);
        Assert.Equal(3 * (1 + 4), calls);
        Assert.Equal(1 + 4, callsSinceRestore);
    }
}
