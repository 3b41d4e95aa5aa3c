using System;
using System.Diagnostics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Runs kernel work with <see cref="MatrixMultiply.MaxThreads"/> = 2 until the worker really takes part.</summary>
internal static class TwoThreads
{
    /// <summary>Calls made before giving up, at least (a short pass takes tens of microseconds).</summary>
    private const int MinimumAttempts = 200;

    /// <summary>
    /// How long to keep calling before giving up. This bounds a retry loop, it asserts nothing about speed: on a
    /// machine whose two cores run four test processes, the worker was once not scheduled at all during 200 calls
    /// of a 300 001-value check (24 ms). Once scheduled, it spins between calls made back to back and takes a chunk.
    /// </summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    /// <summary>Whether a retry loop that has made <paramref name="attempt"/> calls since <paramref name="clock"/> started goes on: until both <paramref name="minimumAttempts"/> calls and <see cref="GiveUpAfter"/> are reached.</summary>
    public static bool KeepTrying(int attempt, Stopwatch clock, int minimumAttempts = MinimumAttempts) =>
        attempt < minimumAttempts || clock.Elapsed < GiveUpAfter;

    /// <summary>
    /// Calls <paramref name="run"/> until the GEMM worker finished at least one of its chunks during the call, and returns
    /// that call's result — retried, as a concurrently running test may hold the worker, the worker may not be scheduled
    /// on a loaded machine, or a cooldown left by a product that was preempted may still be running out. Fails naming
    /// <paramref name="what"/> after <see cref="MinimumAttempts"/> calls and <see cref="GiveUpAfter"/>, whichever is later.
    /// </summary>
    public static T UntilSplit<T>(Func<T> run, string what)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; KeepTrying(attempt, clock); attempt++)
        {
            long jobs = GemmParallel.JobsCompleted;
            var result = run();
            if (GemmParallel.JobsCompleted > jobs) return result;
        }
        Assert.Fail($"{what}: never ran on two threads in {clock.Elapsed.TotalSeconds:F0} s");
        return default!;
    }
}
