using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// How the caller of a split product (<see cref="GemmParallel.Run"/>) learns that every chunk has ended: a count of the
/// chunks done, and a <see cref="SpinSignal"/> set by the thread that ends the last one. The caller waits for the
/// count, not for the signal alone.
/// </summary>
/// <remarks>
/// The signal can be stale. The worker ends a product's last chunk by counting it (<see cref="MarkDone"/>) and only
/// then setting the signal; in between, the caller may see the full count, return, free the worker, and a next caller
/// (its own or another thread's product) clear the signal for its product (<see cref="Begin"/>) — after which the
/// first product's late set lands on the second product's signal. Waiting on the signal alone, that caller then returned
/// while the worker was still writing its chunk of C, and freed the worker for a third product that overwrote the
/// job's fields under that chunk. <see cref="Wait"/> therefore clears a signal it finds set with chunks still open and
/// waits again: the set that counts comes after the count it is for.
/// </remarks>
internal sealed class ChunkCompletion
{
    private readonly SpinSignal _signal = new();
    private int _done;

    /// <summary>Chunks ended since <see cref="Begin"/>.</summary>
    internal int Done => Volatile.Read(ref _done);

    /// <summary>Whether the signal is set (tests: a stale set is cleared by the waiter).</summary>
    internal bool IsSignaled => _signal.IsSet;

    /// <summary>Starts a product: no chunk done, the signal clear (only its caller calls this, before the chunks open).</summary>
    internal void Begin()
    {
        Volatile.Write(ref _done, 0);
        _signal.Reset();
    }

    /// <summary>Counts one ended chunk of <paramref name="chunks"/>, setting the signal when it was the last.</summary>
    internal void MarkDone(int chunks)
    {
        if (Interlocked.Increment(ref _done) == chunks) _signal.Set();
    }

    /// <summary>Sets the signal without counting a chunk (tests: the late set of a product that has ended).</summary>
    internal void SignalOnly() => _signal.Set();

    /// <summary>Returns once <paramref name="chunks"/> chunks are done (the caller of the product only).</summary>
    internal void Wait(int chunks)
    {
        while (Volatile.Read(ref _done) < chunks)
        {
            _signal.Wait();
            // A set with chunks still open is a previous product's (above). Clearing it cannot lose this product's set:
            // that comes after the last count, which the loop's test then sees.
            if (Volatile.Read(ref _done) < chunks) _signal.Reset();
        }
    }
}
