using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>Runs kernel work with <see cref="MatrixMultiply.MaxThreads"/> = 2 until the worker really takes part.</summary>
internal static class TwoThreads
{
    /// <summary>
    /// Calls <paramref name="run"/> until the GEMM worker finished at least one of its chunks during the call, and returns
    /// that call's result — retried, as a concurrently running test may hold the worker, or a cooldown left by a product
    /// that was preempted on a loaded machine may still be running out. Fails naming <paramref name="what"/> after 200 calls.
    /// </summary>
    public static T UntilSplit<T>(Func<T> run, string what)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            long jobs = GemmParallel.JobsCompleted;
            var result = run();
            if (GemmParallel.JobsCompleted > jobs) return result;
        }
        Assert.Fail($"{what}: never ran on two threads");
        return default!;
    }
}
