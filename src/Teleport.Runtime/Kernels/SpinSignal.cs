using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// A manual-reset signal between the caller of a split product and the GEMM worker: spins briefly,
/// then blocks on a monitor whose gate object exists from construction.
/// </summary>
/// <remarks>
/// <see cref="ManualResetEventSlim"/> would do, except that it creates its lock object lazily the
/// first time a thread has to block — 24 bytes allocated inside whichever product first waits
/// (seen, intermittently, by the zero-allocation tests on a loaded machine). Monitor's own
/// bookkeeping is native, so waiting here never allocates on the managed heap.
/// </remarks>
internal sealed class SpinSignal
{
    private readonly object _gate = new();
    private volatile bool _set;

    /// <summary>Signals, waking any waiter.</summary>
    internal void Set()
    {
        lock (_gate)
        {
            _set = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Clears the signal (only its owner calls this, when nobody waits on it).</summary>
    internal void Reset() => _set = false;

    /// <summary>Returns once the signal is set: a few spins (the other half usually ends within microseconds), then a blocking wait.</summary>
    internal void Wait()
    {
        var spinner = new SpinWait();
        while (!_set)
        {
            if (spinner.NextSpinWillYield)
            {
                lock (_gate)
                {
                    while (!_set) Monitor.Wait(_gate);
                }
                return;
            }
            spinner.SpinOnce();
        }
    }
}
