using System;

namespace Teleport.Testing;

/// <summary>
/// Bytes a piece of code allocates on the current thread in steady state, measured so that the garbage
/// collector's own bookkeeping is not counted.
/// </summary>
/// <remarks>
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> is exact only while no collection intervenes: a
/// collection started by another thread (xunit runs test classes in parallel) retires this thread's
/// allocation context, and the counter can then jump by up to the context's unused part although this
/// thread allocated nothing — measured on .NET 10: jumps of up to 8 136 B in 132 of 20 000 windows of pure
/// arithmetic while a second thread allocated and collected. A real allocation is counted in every window,
/// the jump only in the few a collection falls into, so the fewest bytes over several windows is what the
/// code itself allocates (and a per-call allocation still fails every assertion on it).
/// </remarks>
internal static class Allocations
{
    /// <summary>Windows measured before a non-zero count is believed.</summary>
    public const int Windows = 5;

    /// <summary>The fewest bytes this thread allocated over up to <paramref name="windows"/> runs of <paramref name="action"/> (stops at the first 0).</summary>
    public static long SteadyState(Action action, int windows = Windows)
    {
        long fewest = long.MaxValue;
        for (int w = 0; w < windows && fewest != 0; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}

/// <summary>
/// The same measurement for code that cannot be re-run from a test (a training loop's callbacks): the caller
/// marks window boundaries as the code runs, and <see cref="Fewest"/> is the fewest bytes this thread allocated
/// in any one window (see <see cref="Allocations"/> for why one window is not enough).
/// </summary>
internal sealed class AllocationWindows
{
    private long _start = -1;

    /// <summary>The fewest bytes allocated in one closed window; −1 while none has closed.</summary>
    public long Fewest { get; private set; } = -1;

    /// <summary>Windows closed so far.</summary>
    public int Closed { get; private set; }

    /// <summary>Closes the open window (if any) and opens the next one.</summary>
    public void Boundary()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (_start >= 0)
        {
            long bytes = now - _start;
            Fewest = Closed == 0 ? bytes : Math.Min(Fewest, bytes);
            Closed++;
        }

        _start = GC.GetAllocatedBytesForCurrentThread();
    }
}
