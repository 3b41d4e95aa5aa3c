using System;
using System.Diagnostics;

namespace Teleport.Testing;

/// <summary>How long a test retries work that needs the GEMM worker to be scheduled (a bound on a loop, not a speed check).</summary>
internal static class Retries
{
    /// <summary>
    /// How long to keep calling before giving up: on a machine whose two cores run four test processes, the worker was
    /// once not scheduled at all during 200 calls of a 300 001-value check (24 ms). Once scheduled, it spins between
    /// calls made back to back and takes a chunk.
    /// </summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    /// <summary>Whether a retry loop that has made <paramref name="attempt"/> calls since <paramref name="clock"/> started goes on: until both <paramref name="minimumAttempts"/> calls and <see cref="GiveUpAfter"/> are reached.</summary>
    public static bool KeepTrying(int attempt, Stopwatch clock, int minimumAttempts) =>
        attempt < minimumAttempts || clock.Elapsed < GiveUpAfter;
}
