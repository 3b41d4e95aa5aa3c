using System;
using System.Diagnostics;
using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// When split work stops paying: after a split call whose caller waited longer for the worker than it worked, and
/// long enough to be a preemption (<see cref="GemmParallel.PreemptedWaitSeconds"/>: the worker was taken off its
/// core mid-chunk — the core shared with other processes), the next calls that would split run on the caller
/// alone. How many adapts to how often that happens.
/// </summary>
/// <remarks>
/// <para>A cooldown lasts <see cref="Length"/> calls. Each cooldown doubles the length of the next (up to
/// <see cref="Maximum"/>); a good split (the worker finished a chunk and the caller did not wait on a preemption)
/// halves it (down to <see cref="Minimum"/>) when <see cref="QuietSeconds"/> have passed since the last cooldown
/// began or the last halving. A preemption now and then (a VM's host: one every few hundred milliseconds on the
/// wide step) thus costs a few calls on one thread, while a second core that stays busy — preemptions every few
/// milliseconds — keeps the work on one thread almost all the time: it is then tried once per 256 calls.</para>
/// <para>Measured on the wide network's step (784-512-512-10, batch 128, SGD) on a 2-vCPU VM, in one process,
/// blocks of 31 steps alternated over 8–12 rounds, two threads over one: on a quiet machine a fixed length of 32
/// gave ×1.65 [1.18 … 2.02], 8 gave ×1.75 [1.31 … 1.87], none ×1.74; with a busy loop running beside it, 32 gave
/// ×0.72, 8 ×0.84, none ×0.70 and 256 ×0.98 — short cooldowns for rare waits, long ones for a loaded machine.
/// Halving after a count of good splits instead of after a quiet time (32 in a row) left the loaded teleport at
/// ×0.70–0.83: its many short passes completed between two preemptions and undid the doubling. With this rule
/// (`teleport bench --filter "two threads"`, busy loop beside it, two runs): the step ×0.75–0.88, the teleport
/// ×0.83–0.98; quiet, the same run gave ×1.42–1.93 and ×1.80. A loaded machine still loses with two threads:
/// the caller itself is preempted, which no wait shows — keep <see cref="MatrixMultiply.MaxThreads"/> at 1 there.</para>
/// <para>Only the thread that holds the worker (<see cref="GemmParallel.TryAcquire"/>) starts a cooldown or
/// records a good split; any thread may count a cooldown down.</para>
/// </remarks>
internal static class SplitCooldown
{
    /// <summary>The shortest cooldown, in calls that would split.</summary>
    internal const int Minimum = 8;

    /// <summary>The longest cooldown, in calls that would split.</summary>
    internal const int Maximum = 256;

    /// <summary>Time without a cooldown after which a good split halves the next cooldown (and again after as long).</summary>
    internal const double QuietSeconds = 50e-3;

    private static readonly long s_quietTicks = (long)(QuietSeconds * Stopwatch.Frequency);

    private static int s_remaining;
    private static int s_length = Minimum;
    private static long s_lastChange;
    private static long s_started;
    private static long s_heldCalls;

    /// <summary>The length of the next cooldown, in calls.</summary>
    internal static int Length => Volatile.Read(ref s_length);

    /// <summary>Cooldowns started since the process began.</summary>
    internal static long Started => Volatile.Read(ref s_started);

    /// <summary>Calls that would have split but ran on one thread during a cooldown, since the process began.</summary>
    internal static long HeldCalls => Volatile.Read(ref s_heldCalls);

    /// <summary>False while a cooldown runs, counting this call against it.</summary>
    internal static bool AllowsSplit()
    {
        if (Volatile.Read(ref s_remaining) <= 0) return true;
        Interlocked.Decrement(ref s_remaining);
        Interlocked.Increment(ref s_heldCalls);
        return false;
    }

    /// <summary>Starts a cooldown of <see cref="Length"/> calls now, and doubles the length of the next.</summary>
    internal static void Start() => Start(Stopwatch.GetTimestamp());

    /// <summary><see cref="Start()"/> at <see cref="Stopwatch"/> timestamp <paramref name="now"/>.</summary>
    internal static void Start(long now)
    {
        Interlocked.Increment(ref s_started);
        int length = Volatile.Read(ref s_length);
        Volatile.Write(ref s_lastChange, now);
        Volatile.Write(ref s_remaining, length);
        Volatile.Write(ref s_length, Math.Min(2 * length, Maximum));
    }

    /// <summary>A good split now: halves the next cooldown if <see cref="QuietSeconds"/> have passed since the last cooldown or halving.</summary>
    internal static void RecordGoodSplit() => RecordGoodSplit(Stopwatch.GetTimestamp());

    /// <summary><see cref="RecordGoodSplit()"/> at <see cref="Stopwatch"/> timestamp <paramref name="now"/>.</summary>
    internal static void RecordGoodSplit(long now)
    {
        int length = Volatile.Read(ref s_length);
        if (length <= Minimum || now - Volatile.Read(ref s_lastChange) < s_quietTicks) return;
        Volatile.Write(ref s_lastChange, now);
        Volatile.Write(ref s_length, Math.Max(length / 2, Minimum));
    }

    /// <summary>No cooldown running and the shortest length (tests start from here).</summary>
    internal static void Reset()
    {
        Volatile.Write(ref s_remaining, 0);
        Volatile.Write(ref s_length, Minimum);
        Volatile.Write(ref s_lastChange, 0);
    }
}
