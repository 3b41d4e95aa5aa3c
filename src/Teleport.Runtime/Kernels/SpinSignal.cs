using System.Diagnostics;
using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// A manual-reset signal between the caller of a split product and the GEMM worker: spins for a
/// time budget, then blocks on a monitor whose gate object exists from construction.
/// </summary>
/// <remarks>
/// <para>The spin budget (<see cref="SpinSeconds"/>, 200 µs) covers the gap between two products
/// of one training step (elementwise work of tens of microseconds): a worker that went to sleep
/// after a few spins was woken through the scheduler for every product, tens of microseconds each
/// on a virtual machine — most of what a second core saves on a product of 1–2 ms. Beyond the
/// budget (the step is over, training has ended) the waiter blocks and costs nothing.</para>
/// <para><see cref="ManualResetEventSlim"/> would do, except that it creates its lock object lazily the
/// first time a thread has to block — 24 bytes allocated inside whichever product first waits
/// (seen, intermittently, by the zero-allocation tests on a loaded machine). Monitor's own
/// bookkeeping is native, so waiting here never allocates on the managed heap.</para>
/// </remarks>
internal sealed class SpinSignal
{
    /// <summary>How long <see cref="Wait"/> spins before it blocks.</summary>
    internal const double SpinSeconds = 200e-6;

    private static readonly long s_spinTicks = (long)(SpinSeconds * Stopwatch.Frequency);

    private readonly object _gate = new();
    private volatile bool _set;

    /// <summary>Signals, waking any waiter.</summary>
    internal void Set()
    {
        _set = true;
        // A spinning waiter sees the flag; a blocked one needs the pulse.
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Whether the signal is set.</summary>
    internal bool IsSet => _set;

    /// <summary>Clears the signal (only its owner calls this, when nobody waits on it).</summary>
    internal void Reset() => _set = false;

    /// <summary>Returns once the signal is set: spins up to <see cref="SpinSeconds"/>, then blocks.</summary>
    internal void Wait()
    {
        if (_set) return;
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start < s_spinTicks)
        {
            Thread.SpinWait(16);
            if (_set) return;
        }
        lock (_gate)
        {
            while (!_set) Monitor.Wait(_gate);
        }
    }
}
