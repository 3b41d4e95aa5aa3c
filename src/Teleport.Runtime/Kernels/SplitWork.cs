using System.Diagnostics;
using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// What the calls split between the caller and the helper thread (<see cref="MatrixMultiply.MaxThreads"/> = 2: products,
/// activations, updates, reductions) cost, summed since the process started (<see cref="MatrixMultiply.SplitWork"/>): the
/// split calls, the caller's own time in them, the time it then waited for the helper's last chunks, and the helper's time
/// in them. Read it before and after some work (<see cref="Since"/>) to see where a two-thread speed-up went.
/// </summary>
/// <remarks>
/// <para>With W the work's wall time on two threads, the two threads were busy, on average, B = (W − wait + helper) / W of
/// the time (2 at most: the caller's time outside the split calls and inside them, less its waits, plus the helper's).
/// Against the same work's time on one thread T₁, their busy time is I = (W − wait + helper) / T₁ of it: 1 when two threads
/// do the same work as one in the same time, above 1 when the cores slowed each other (shared caches or memory, data the
/// other core wrote) or the host slowed or preempted one of them. The speed-up is T₁ / W = B / I. So a two-thread run
/// below ×2 shows whether it lost to idle time (B below 2: waits, the parts that are not split) or to slower work (I above
/// 1), which the FMA ceiling, timed on registers alone, cannot show.</para>
/// <para>The helper adds its time when it has finished its chunks of a call, which may be just after the caller returns:
/// read the sums after the work, not during it. Each split call costs the caller at most one clock reading more and the helper two.</para>
/// </remarks>
/// <param name="Calls">Split calls (each ran on the caller and offered its chunks to the helper).</param>
/// <param name="CallerSeconds">The caller's time in its own chunks of those calls.</param>
/// <param name="WaitSeconds">The caller's time waiting for chunks the helper had started.</param>
/// <param name="HelperSeconds">The helper's time in those calls (its chunks, and claiming them).</param>
public readonly record struct SplitWork(long Calls, double CallerSeconds, double WaitSeconds, double HelperSeconds)
{
    /// <summary>The calls and times since <paramref name="earlier"/>, an earlier reading.</summary>
    public SplitWork Since(SplitWork earlier) =>
        new(Calls - earlier.Calls, CallerSeconds - earlier.CallerSeconds, WaitSeconds - earlier.WaitSeconds, HelperSeconds - earlier.HelperSeconds);

    /// <summary>
    /// The two threads' busy time during work that took <paramref name="wallSeconds"/> and included these calls:
    /// W − wait + helper (the caller's whole time less its waits, plus the helper's).
    /// </summary>
    public double BusySeconds(double wallSeconds) => wallSeconds - WaitSeconds + HelperSeconds;
}

/// <summary>The running sums behind <see cref="SplitWork"/>, in clock ticks (one writer each: the thread that holds the helper, and the helper).</summary>
internal static class SplitWorkCounters
{
    private static long s_calls, s_callerTicks, s_waitTicks, s_helperTicks;

    /// <summary>A split call ended: the caller worked <paramref name="worked"/> ticks, then waited <paramref name="waited"/>.</summary>
    internal static void AddCall(long worked, long waited)
    {
        // Only the caller holding the helper (GemmParallel.TryAcquire, released with a volatile write) gets here.
        s_calls++;
        s_callerTicks += worked;
        s_waitTicks += waited;
    }

    /// <summary>The helper ran a call's chunks for <paramref name="ticks"/>.</summary>
    internal static void AddHelper(long ticks) => Volatile.Write(ref s_helperTicks, s_helperTicks + ticks);

    /// <summary>The sums so far.</summary>
    internal static SplitWork Read()
    {
        double f = 1.0 / Stopwatch.Frequency;
        return new SplitWork(Volatile.Read(ref s_calls), Volatile.Read(ref s_callerTicks) * f,
            Volatile.Read(ref s_waitTicks) * f, Volatile.Read(ref s_helperTicks) * f);
    }
}
