using System;
using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// When split work stops paying: after a split call whose caller waited longer for the worker than it worked, and
/// long enough to be a preemption (<see cref="GemmParallel.PreemptedWaitSeconds"/>: the worker was taken off its
/// core mid-chunk — the core shared with other processes), the next calls that would split
/// run on the caller alone. How many adapts to how often that happens.
/// </summary>
/// <remarks>
/// <para>A cooldown lasts <see cref="Length"/> calls. Each cooldown doubles the length of the next (up to
/// <see cref="Maximum"/>); <see cref="GoodSplitsToHalve"/> good splits in a row (the worker finished a chunk and
/// the caller did not wait longer than it worked) halve it (down to <see cref="Minimum"/>). A preemption now and
/// then (a VM's host, a burst of other work) thus costs a few calls on one thread, while a second core that stays
/// busy keeps the work on one thread almost all the time: it is then tried once per up to 256 calls. The rule
/// splits at the point where splitting stops paying: a bad split loses the time the worker was off its core
/// (milliseconds), a good one gains about half of one call (tenths of one), so splitting pays only while fewer than
/// about one in ten or twenty splits go bad.</para>
/// <para>Measured on the wide network's step (784-512-512-10, batch 128, SGD) on a 2-vCPU VM, in one process,
/// blocks of 31 steps alternated over 8–12 rounds, two threads over one: on a quiet machine a fixed length of 32
/// gave ×1.65 [1.18 … 2.02], 8 gave ×1.75 [1.31 … 1.87], none ×1.74; with a busy loop running beside it, 32 gave
/// ×0.72, 8 ×0.84, none ×0.70 and 256 ×0.98 — short cooldowns for rare waits, long ones for a loaded machine.
/// Shortening by one call per good split instead left the loaded step at ×0.76: the good splits between two bad
/// ones undid the doubling.</para>
/// <para>Only the thread that holds the worker (<see cref="GemmParallel.TryAcquire"/>) starts a cooldown or
/// records a good split; any thread may count a cooldown down.</para>
/// </remarks>
internal static class SplitCooldown
{
    /// <summary>The shortest cooldown, in calls that would split.</summary>
    internal const int Minimum = 8;

    /// <summary>The longest cooldown, in calls that would split.</summary>
    internal const int Maximum = 256;

    /// <summary>Good splits in a row that halve the next cooldown.</summary>
    internal const int GoodSplitsToHalve = 32;

    private static int s_remaining;
    private static int s_length = Minimum;
    private static int s_goodSplits;
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

    /// <summary>Starts a cooldown of <see cref="Length"/> calls, and doubles the length of the next.</summary>
    internal static void Start()
    {
        Interlocked.Increment(ref s_started);
        int length = Volatile.Read(ref s_length);
        Volatile.Write(ref s_goodSplits, 0);
        Volatile.Write(ref s_remaining, length);
        Volatile.Write(ref s_length, Math.Min(2 * length, Maximum));
    }

    /// <summary>
    /// A good split: the worker finished a chunk and the caller did not wait on it longer than it worked. The
    /// <see cref="GoodSplitsToHalve"/>-th in a row halves the next cooldown.
    /// </summary>
    internal static void RecordGoodSplit()
    {
        int good = Volatile.Read(ref s_goodSplits) + 1;
        if (good < GoodSplitsToHalve)
        {
            Volatile.Write(ref s_goodSplits, good);
            return;
        }
        Volatile.Write(ref s_goodSplits, 0);
        Volatile.Write(ref s_length, Math.Max(Volatile.Read(ref s_length) / 2, Minimum));
    }

    /// <summary>No cooldown running and the shortest length (tests start from here).</summary>
    internal static void Reset()
    {
        Volatile.Write(ref s_remaining, 0);
        Volatile.Write(ref s_length, Minimum);
        Volatile.Write(ref s_goodSplits, 0);
    }
}
