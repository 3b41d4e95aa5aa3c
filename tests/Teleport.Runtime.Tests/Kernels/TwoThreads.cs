using System;
using System.Diagnostics;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Runs kernel work with <see cref="MatrixMultiply.MaxThreads"/> = 2 until the worker really takes part.</summary>
internal static class TwoThreads
{
    /// <summary>Calls made before giving up, at least (a short pass takes tens of microseconds).</summary>
    private const int MinimumAttempts = 200;

    /// <summary>Whether a retry loop goes on (<see cref="Retries.KeepTrying"/>, at least <see cref="MinimumAttempts"/> calls unless told).</summary>
    public static bool KeepTrying(int attempt, Stopwatch clock, int minimumAttempts = MinimumAttempts) =>
        Retries.KeepTrying(attempt, clock, minimumAttempts);

    /// <summary>
    /// Calls <paramref name="run"/> until the GEMM worker finished at least one of its chunks during the call, and returns
    /// that call's result — retried, as a concurrently running test may hold the worker, the worker may not be scheduled
    /// on a loaded machine, or a cooldown left by a product that was preempted may still be running out. Fails naming
    /// <paramref name="what"/> after <see cref="MinimumAttempts"/> calls and <see cref="Retries.GiveUpAfter"/>, whichever is later.
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
