using System;
using System.Diagnostics;
using System.Threading;
using Teleport.Kernels;

namespace Teleport.Training;

/// <summary>
/// The second core's share of a small network's training: one background thread, started on first use, that copies
/// the next batch (<see cref="BatchSource.Load"/>) into its source's other buffer while the step on the current
/// batch runs. Used only while the products keep to one thread (<see cref="MatrixMultiply.MaxThreads"/> = 1): the
/// second core then has nothing else to do, and a wide network's products, which do use it, spend far more per step
/// than a batch's copy.
/// </summary>
/// <remarks>
/// <para>Why: the paper network's step (784-16-10-10, batch 20) is 10–20 µs, and copying its batch from the
/// training set's bytes — 15 680 bytes widened to 63 KB of floats, much of it read from memory — costs 0.15–0.2× of
/// it on the one core that also runs the step. That copy was most of what a later epoch spent beyond its steps.</para>
/// <para>One source at a time holds the loader (<see cref="TryPost"/>); a trainer that finds it held by another copies
/// its batches itself. The copy is the same code either way, so a run's numbers do not depend on which thread copied
/// a batch, nor on whether the loader was used at all.</para>
/// <para>A job the loader has not started when the step wants its batch is withdrawn (<see cref="TryTake"/>) and the
/// batch copied on the caller: a loader descheduled by the host never makes the step wait longer than a copy it has
/// already begun, and a copy under way for longer than <see cref="LongestWaitSeconds"/> is given up too. Whether the
/// loader is used at all is measured on the run (<see cref="LoadAheadTrial"/>): a loader whose core is busy, or whose
/// copies the step reads slowly, is set aside. Between jobs the loader spins for <see cref="SpinSeconds"/> (a later
/// step posts within microseconds) and then blocks, costing nothing once training has ended or it is set aside.</para>
/// </remarks>
internal static class NextBatchLoader
{
    /// <summary>How long the loader spins for the next job before it blocks.</summary>
    internal const double SpinSeconds = 200e-6;

    private const int Idle = 0, Posted = 1, Running = 2, Done = 3, Failed = 4;

    private static readonly long s_spinTicks = (long)(SpinSeconds * Stopwatch.Frequency);
    private static readonly object s_gate = new();
    private static int s_state;
    private static int s_sleeping;
    private static int s_parked; // set while the owner copies its own batches: the loader blocks at once instead of spinning
    private static BatchSource? s_owner;
    // The posted job: a batch of the owner's current epoch and the owner's buffers to copy it into.
    private static int s_batch, s_buffers;
    private static Thread? s_thread;

    /// <summary>The longest a step waits for a copy under way before it copies its batch itself (a copy takes 1–2 µs).</summary>
    internal const double LongestWaitSeconds = 4e-6;

    private static readonly long s_waitTicks = (long)(LongestWaitSeconds * Stopwatch.Frequency);

    /// <summary>Whether a source may use the loader now: two cores, and the products keep to one of them.</summary>
    internal static bool Available => Environment.ProcessorCount >= 2 && MatrixMultiply.MaxThreads == 1;

    /// <summary>
    /// Hands the copy of <paramref name="source"/>'s batch <paramref name="batch"/> into its buffers
    /// <paramref name="buffers"/> (<see cref="BatchSource.Load"/>) to the loader, unless another source holds it or a
    /// copy the last step gave up on is still under way (its buffers are not posted again before it ends). The source
    /// must have taken or withdrawn its previous job.
    /// </summary>
    internal static bool TryPost(BatchSource source, int batch, int buffers)
    {
        if (!ReferenceEquals(Volatile.Read(ref s_owner), source))
        {
            lock (s_gate)
            {
                if (s_owner is not null) return false;
                StartThread();
                s_owner = source;
            }
        }
        // A copy the last step gave up on may still be under way: the buffers it writes are not posted again before it ends.
        var state = Volatile.Read(ref s_state);
        if (state == Running) return false;
        if (state != Idle) Volatile.Write(ref s_state, Idle);
        (s_batch, s_buffers) = (batch, buffers);
        if (Volatile.Read(ref s_parked) != 0) Volatile.Write(ref s_parked, 0);
        // A full fence: the job's fields are written before the loader can see it posted, and the sleeping flag is read
        // after the post (the loader sets it before its last look at the state).
        Interlocked.Exchange(ref s_state, Posted);
        if (Volatile.Read(ref s_sleeping) != 0)
        {
            lock (s_gate) Monitor.Pulse(s_gate);
        }
        return true;
    }

    /// <summary>
    /// Whether <paramref name="source"/>'s posted job was copied. A job not yet started is withdrawn, and a job under way
    /// for longer than <see cref="LongestWaitSeconds"/> given up (false: the caller copies into its own buffers; the
    /// loader's copy goes on into the other ones, which are not posted again before it ends).
    /// </summary>
    internal static bool TryTake(BatchSource source)
    {
        if (!ReferenceEquals(Volatile.Read(ref s_owner), source)) return false;
        if (Interlocked.CompareExchange(ref s_state, Idle, Posted) == Posted) return false;
        var start = Stopwatch.GetTimestamp();
        int state;
        while ((state = Volatile.Read(ref s_state)) == Running)
        {
            if (Stopwatch.GetTimestamp() - start > s_waitTicks) return false;
            Thread.SpinWait(4);
        }
        Volatile.Write(ref s_state, Idle);
        return state == Done;
    }

    /// <summary>Whether a source holds the loader (tests: every run releases it at its end).</summary>
    internal static bool IsHeld => Volatile.Read(ref s_owner) is not null;

    /// <summary>
    /// Tells the loader that <paramref name="source"/> copies its own batches for now: it blocks at once rather than spin
    /// (the spinning showed in the steps of a trial's windows without it, and keeps a core busy for nothing). The next
    /// post wakes it.
    /// </summary>
    internal static void Park(BatchSource source)
    {
        if (ReferenceEquals(Volatile.Read(ref s_owner), source) && Volatile.Read(ref s_parked) == 0) Volatile.Write(ref s_parked, 1);
    }

    /// <summary>Gives the loader up (the end of a run): any job of the source's is withdrawn or waited for.</summary>
    internal static void Release(BatchSource source)
    {
        if (!ReferenceEquals(Volatile.Read(ref s_owner), source)) return;
        Quiesce(source);
        Volatile.Write(ref s_parked, 1); // no run to serve: block now, not after the spin
        lock (s_gate) s_owner = null;
    }

    /// <summary>
    /// Withdraws <paramref name="source"/>'s job, or waits for the copy under way (one a step gave up on included) to
    /// end: afterwards the loader reads and writes nothing of the source's.
    /// </summary>
    internal static void Quiesce(BatchSource source)
    {
        if (!ReferenceEquals(Volatile.Read(ref s_owner), source)) return;
        _ = Interlocked.CompareExchange(ref s_state, Idle, Posted);
        var spinner = new SpinWait();
        while (Volatile.Read(ref s_state) == Running) spinner.SpinOnce(sleep1Threshold: -1);
        Volatile.Write(ref s_state, Idle);
    }

    private static void StartThread()
    {
        if (s_thread is not null) return;
        s_thread = new Thread(Run) { IsBackground = true, Name = "Teleport next-batch loader" };
        s_thread.Start();
    }

    private static void Run()
    {
        while (true)
        {
            WaitForPost();
            if (Interlocked.CompareExchange(ref s_state, Running, Posted) != Posted) continue; // withdrawn
            var owner = Volatile.Read(ref s_owner)!;
            int outcome;
            try
            {
                owner.Load(s_batch, s_buffers);
                outcome = Done;
            }
            catch (Exception)
            {
                // The caller copies the batch itself, on its own thread, and meets the error there if it is real.
                outcome = Failed;
            }
            Volatile.Write(ref s_state, outcome);
        }
    }

    /// <summary>
    /// Spins for a post, then blocks. Not <see cref="SpinSignal"/>, the GEMM worker's: its Set takes the lock on every
    /// call, where a post here pulses only a loader that is asleep, and <see cref="Park"/> must make the loader block at once.
    /// </summary>
    private static void WaitForPost()
    {
        if (Volatile.Read(ref s_state) == Posted) return;
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() - start < s_spinTicks && Volatile.Read(ref s_parked) == 0)
        {
            Thread.SpinWait(16);
            if (Volatile.Read(ref s_state) == Posted) return;
        }
        lock (s_gate)
        {
            Interlocked.Exchange(ref s_sleeping, 1);
            while (Volatile.Read(ref s_state) != Posted) Monitor.Wait(s_gate);
            Volatile.Write(ref s_sleeping, 0);
        }
    }
}
