using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// The optional second thread for large matrix products (<see cref="MatrixMultiply.MaxThreads"/>):
/// one dedicated background worker, started on first use. A product is cut into chunks of columns or
/// of rows (<see cref="SplitsRows"/>) that the caller and the worker claim one at a time from a shared
/// ticket (<see cref="Claim"/>) — no task, delegate or closure per call, so nothing is allocated per
/// product. The optimizers' elementwise updates of a wide network (<see cref="ShouldSplitElements"/>)
/// are cut into element ranges and shared the same way, the worker getting the gradient rows it wrote
/// (<see cref="WorkerWrites"/>): measured on the wide step, the caller's update was 2–3× slower with
/// two threads than with one, reading the gradient blocks the worker had just written from the other
/// core's cache.
/// </summary>
/// <remarks>
/// <para>Each element is computed by one thread exactly as a single-threaded run computes it (the
/// chunks only choose which thread runs which columns), so results do not depend on the thread count
/// or on who took which chunk.</para>
/// <para>Claiming instead of halving: on a machine whose second core is busy with other work the
/// worker may start late or not at all, and the caller then simply takes the remaining chunks
/// (a fixed half would make it wait for the late one — measured twice as slow as one thread on a
/// loaded machine). The caller only ever waits for chunks the worker has already started. The two
/// claim from opposite ends (<see cref="Claim"/>), so on time they split every job the same way.</para>
/// <para>A worker that is preempted in the middle of a chunk (its core shared with other processes)
/// still makes the caller wait for that chunk, for as long as the scheduler keeps it off the core —
/// milliseconds against a product's fraction of one. When the caller has waited longer than it
/// worked and longer than <see cref="PreemptedWaitSeconds"/>, the next calls that would split run on
/// the caller alone (<see cref="SplitCooldown"/>: 8 to 256 of them, longer the more often it happens);
/// then splitting is tried again. On a free second core the caller's wait is a fraction of a chunk.</para>
/// <para>When the worker is busy with another caller's product, the second caller runs on its own thread (so a product
/// issued from inside a chunk, or from another thread, never waits for the worker). The caller waits for the count of
/// ended chunks, not for a signal alone (<see cref="ChunkCompletion"/>): the worker's set for a product that has ended
/// can land after the next product began.</para>
/// </remarks>
internal static unsafe class GemmParallel
{
    /// <summary>
    /// Products of at least this many multiply-adds (2·m·k·n ≥ 16 MFLOP, about 0.2 ms of one core) are split. Was 32 M:
    /// a 256³ product (16.8 M) then ran on one core where OpenBLAS used two; split, NN and NT 256³ took 0.19–0.20 ms
    /// against 0.37–0.40 ms on one thread (AVX2 VM, 400 calls each). Below it splitting stops paying: at 2 M (after the
    /// cooldown's 100 µs rule) 128·256·128 took 101 µs on two threads and on one, 160³ 97 against 97 µs, 128³ 46 against
    /// 53 µs.
    /// </summary>
    internal const long MinimumWork = 8L * 1024 * 1024;

    /// <summary>
    /// Columns per chunk, about (chunk starts on multiples of 32: whole micro-panels at every width).
    /// Small, so the two threads end together (5 chunks of 96 columns left one thread 3 of them); a
    /// chunk costs little extra, as each packs only its own panels of B.
    /// </summary>
    internal const int ChunkColumns = 64;

    /// <summary>At most this many chunks per product.</summary>
    internal const int MaxChunks = 16;

    /// <summary>
    /// The shortest wait for the worker that counts as a preemption (with the caller waiting longer than it worked).
    /// A preempted worker keeps the caller waiting for milliseconds (1.2–4.2 ms seen on the wide step); in four runs
    /// of the wide step's blocks on a 2-vCPU VM, more than half the cooldowns came instead from maps and updates of
    /// 5–26 µs whose caller waited 10–80 µs for the worker (a late wake, an interrupt), and each then kept the next
    /// 8 or more products on one thread.
    /// </summary>
    internal const double PreemptedWaitSeconds = 100e-6;

    private static readonly long s_preemptedWaitTicks = (long)(PreemptedWaitSeconds * Stopwatch.Frequency);

    private static readonly object s_startLock = new();
    private static readonly SpinSignal s_posted = new();
    private static readonly ChunkCompletion s_done = new();
    private static int s_maxThreads = 1;
    private static int s_busy;
    private static Thread? s_worker;

    // The current product: its chunk runner, its chunk count, and one 64-bit ticket holding the open
    // chunks as (end << 32) | next (see Claim). A successful claim means the product is unfinished, so
    // the count read after it is this product's.
    private static delegate*<int, void> s_runChunk;

    // The current elementwise job (RunElements): its range runner and element count.
    private static delegate*<long, long, void> s_runElements;
    private static long s_elementCount;
    private static long s_ticket;
    private static int s_chunks;
    private static ExceptionDispatchInfo? s_error;
    private static long s_jobsCompleted;

    /// <summary>Chunks the worker has finished (tests check that a split really ran there).</summary>
    internal static long JobsCompleted => Volatile.Read(ref s_jobsCompleted);

    /// <summary>Threads a product may use (1 or 2: this thread and the worker).</summary>
    internal static int MaxThreads
    {
        get => Volatile.Read(ref s_maxThreads);
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "At least one thread is needed.");
            Volatile.Write(ref s_maxThreads, Math.Min(value, 2));
        }
    }

    internal static bool ShouldSplit(int m, int k, int n) =>
        (long)m * k * n >= MinimumWork && (SplitsRows(m, k, n) ? m : n) >= 128 && SecondThreadAllowed();

    /// <summary>Two threads are allowed and present, and no cooldown is running (a call during one counts it down).</summary>
    private static bool SecondThreadAllowed() =>
        Volatile.Read(ref s_maxThreads) >= 2 && Environment.ProcessorCount >= 2 && SplitCooldown.AllowsSplit();

    /// <summary>Elementwise work of at least this many elements is split (an optimizer's update of 2¹⁸ parameters: tens of microseconds).</summary>
    internal const long MinimumElements = 1L << 18;

    /// <summary>Elements per chunk of a split elementwise pass, a multiple of every register width.</summary>
    internal const int ElementChunkAlignment = 64;

    /// <summary>Whether elementwise work over <paramref name="count"/> elements should use the worker too (same rules as products).</summary>
    internal static bool ShouldSplitElements(long count) => count >= MinimumElements && SecondThreadAllowed();

    /// <summary>
    /// Maps of at least this many elements (<see cref="MapDriver"/>: activations and their derivatives) are split: the wide
    /// network's 128 × 512 activations took 0.1–0.2 ms of a 1.3–1.5 ms two-thread step on the caller alone; each chunk
    /// (of 16) then holds ≥ 2 048 elements, far more than the hand-over costs.
    /// </summary>
    internal const long MinimumMapElements = 1L << 15;

    /// <summary>Whether a map over <paramref name="count"/> elements should use the worker too.</summary>
    internal static bool ShouldSplitMap(long count) => count >= MinimumMapElements && SecondThreadAllowed();

    /// <summary>The first element of chunk <paramref name="index"/> of <paramref name="chunks"/> over <paramref name="count"/> (count for index = chunks), on a multiple of <see cref="ElementChunkAlignment"/>.</summary>
    internal static long ElementChunkStart(long count, int chunks, int index) => AlignedChunkStart(count, chunks, ElementChunkAlignment, index);

    /// <summary>
    /// The first index of chunk <paramref name="index"/> of <paramref name="chunks"/> over [0, <paramref name="count"/>)
    /// (count for index = chunks): the proportional start, rounded down to a multiple of <paramref name="alignment"/>.
    /// </summary>
    internal static long AlignedChunkStart(long count, int chunks, int alignment, int index) =>
        index >= chunks ? count : count * index / chunks / alignment * alignment;

    /// <summary>Chunks for n columns: about <see cref="ChunkColumns"/> each, 2 … <see cref="MaxChunks"/>.</summary>
    internal static int Chunks(int n) => Math.Clamp(n / ChunkColumns, 2, MaxChunks);

    /// <summary>The first column of chunk <paramref name="index"/> of <paramref name="chunks"/> (n for index = chunks), on a multiple of 32.</summary>
    internal static int ChunkStart(int n, int chunks, int index) => (int)AlignedChunkStart(n, chunks, 32, index);

    /// <summary>The first row of row chunk <paramref name="index"/> of <paramref name="chunks"/> (m for index = chunks), on a multiple of the tile height <paramref name="mr"/>.</summary>
    internal static int RowChunkStart(int m, int mr, int chunks, int index) =>
        index >= chunks ? m : (int)((long)((m + mr - 1) / mr) * index / chunks) * mr;

    /// <summary>
    /// Whether a split product is cut into chunks of rows rather than columns: along the dimension that
    /// divides its largest operand between the threads. Columns when B (k × n) is at least as large as
    /// A (m × k) and C is not the largest (the forward X·Wᵀ and the backward δ·W: each thread reads half
    /// of W); rows when C is (a weight gradient δᵀ·X: each thread writes whole rows of it, the rows of W
    /// it read in the forward and will update) or when A is larger than B.
    /// </summary>
    internal static bool SplitsRows(int m, int k, int n) => (n > k && m > k) || m > n;

    /// <summary>Frees the worker taken by <see cref="TryAcquire"/> without running a job on it.</summary>
    internal static void Release() => Volatile.Write(ref s_busy, 0);

    /// <summary>Takes the worker for one product, or returns false when another caller has it.</summary>
    internal static bool TryAcquire()
    {
        if (Interlocked.CompareExchange(ref s_busy, 1, 0) != 0) return false;
        EnsureStarted();
        return true;
    }

    /// <summary>
    /// Runs chunks 0 … <paramref name="chunks"/> − 1 of the acquired product on this thread and the
    /// worker, waits for all of them, frees the worker, and rethrows what a chunk threw.
    /// </summary>
    internal static void Run(delegate*<int, void> runChunk, int chunks)
    {
        try
        {
            s_runChunk = runChunk;
            s_error = null;
            Volatile.Write(ref s_chunks, chunks);
            s_done.Begin();
            long workerChunks = Volatile.Read(ref s_jobsCompleted);
            // Publishing the ticket opens the chunks (after the fields above are written).
            Interlocked.Exchange(ref s_ticket, (long)chunks << 32);
            s_posted.Set();
            long start = Stopwatch.GetTimestamp();
            RunChunks(onWorker: false);
            long worked = Stopwatch.GetTimestamp() - start;
            long waited = 0;
            if (s_done.Done < chunks)
            {
                long waitStart = Stopwatch.GetTimestamp();
                s_done.Wait(chunks);
                waited = Stopwatch.GetTimestamp() - waitStart;
            }
            SplitWorkCounters.AddCall(worked, waited);
            var waitedLonger = waited > worked && waited > s_preemptedWaitTicks;
            // A split the worker did not show up for cost only the hand-over: neither good nor bad.
            if (waitedLonger) SplitCooldown.Start();
            else if (Volatile.Read(ref s_jobsCompleted) > workerChunks) SplitCooldown.RecordGoodSplit();
            var error = s_error;
            s_error = null;
            error?.Throw();
        }
        finally
        {
            Volatile.Write(ref s_busy, 0);
        }
    }

    /// <summary>
    /// Runs elements [0, <paramref name="count"/>) of the acquired elementwise job on this thread and the worker:
    /// <see cref="MaxChunks"/> chunks (<see cref="ElementChunkStart"/>), each passed as [from, to) to <paramref name="runRange"/>.
    /// </summary>
    internal static void RunElements(delegate*<long, long, void> runRange, long count)
    {
        s_runElements = runRange;
        s_elementCount = count;
        Run(&RunElementChunk, MaxChunks);
    }

    // The planned chunks of RunElementsByWriter: element ranges in claiming order.
    private static readonly long[] s_planFrom = new long[WorkerWrites.Blocks];
    private static readonly long[] s_planTo = new long[WorkerWrites.Blocks];

    /// <summary>
    /// Like <see cref="RunElements"/> for an update that reads <paramref name="gradient"/> ([0, count) elements
    /// of <paramref name="elementSize"/> bytes), in the chunks of <see cref="WorkerWrites.Plan"/>: the elements
    /// whose gradient the worker wrote last in claiming order, where the worker claims, the rest first, where
    /// this thread does. The record is cleared afterwards.
    /// </summary>
    internal static void RunElementsByWriter(delegate*<long, long, void> runRange, void* gradient, long count, int elementSize)
    {
        int chunks = WorkerWrites.Plan(gradient, count, elementSize, s_planFrom, s_planTo, out _);
        WorkerWrites.Clear();
        if (chunks == 0)
        {
            RunElements(runRange, count);
            return;
        }
        s_runElements = runRange;
        Run(&RunPlannedChunk, chunks);
    }

    private static void RunPlannedChunk(int index) => s_runElements(s_planFrom[index], s_planTo[index]);

    private static void RunElementChunk(int index) =>
        s_runElements(ElementChunkStart(s_elementCount, MaxChunks, index), ElementChunkStart(s_elementCount, MaxChunks, index + 1));

    /// <summary>
    /// Claims the next open chunk of the current product: the caller from the front (0, 1, …), the worker
    /// from the back (chunks − 1, chunks − 2, …); −1 when none is left. With both threads on time each runs
    /// "its" half, the same half of every product and update: the caller the first rows of a weight, its
    /// gradient and its update, the worker the last ones, so the update mostly reads gradient rows from its
    /// own core's cache (measured on a VM in a phase where a core read what the other had just written at a
    /// third of the speed of its own data: the wide network's update after a two-thread backward took
    /// 0.15–0.18 ms with the rows mixed, 0.04 ms with each core's own). A thread that runs out of its half
    /// takes the other's.
    /// </summary>
    private static int Claim(bool fromTheEnd)
    {
        while (true)
        {
            // The ticket holds (end << 32) | next: chunks [next, end) are open.
            long ticket = Volatile.Read(ref s_ticket);
            int end = (int)(ticket >> 32);
            int next = (int)(ticket & 0xFFFF_FFFF);
            if (next >= end) return -1;
            long claimed = fromTheEnd ? ((long)(end - 1) << 32) | (uint)next : ((long)end << 32) | (uint)(next + 1);
            if (Interlocked.CompareExchange(ref s_ticket, claimed, ticket) == ticket) return fromTheEnd ? end - 1 : next;
        }
    }

    /// <summary>Claims and runs chunks until none is left (on the caller and on the worker).</summary>
    private static void RunChunks(bool onWorker)
    {
        while (true)
        {
            int index = Claim(fromTheEnd: onWorker);
            if (index < 0) return;
            int chunks = Volatile.Read(ref s_chunks);
            // A successful claim means the product is unfinished, so its caller still waits and the
            // fields read here are this product's.
            try
            {
                s_runChunk(index);
            }
            catch (Exception ex)
            {
                s_error ??= ExceptionDispatchInfo.Capture(ex);
            }
            if (onWorker) Interlocked.Increment(ref s_jobsCompleted);
            s_done.MarkDone(chunks);
        }
    }

    private static void EnsureStarted()
    {
        if (s_worker is not null) return;
        lock (s_startLock)
        {
            if (s_worker is not null) return;
            var thread = new Thread(WorkerLoop) { IsBackground = true, Name = "Teleport GEMM worker" };
            s_worker = thread;
            thread.Start();
        }
    }

    /// <summary>Whether this thread is the worker.</summary>
    internal static bool OnWorker => t_onWorker;

    [ThreadStatic]
    private static bool t_onWorker;

    private static void WorkerLoop()
    {
        t_onWorker = true;
        while (true)
        {
            s_posted.Wait();
            s_posted.Reset();
            long start = Stopwatch.GetTimestamp();
            RunChunks(onWorker: true);
            SplitWorkCounters.AddHelper(Stopwatch.GetTimestamp() - start);
        }
    }
}

/// <summary>The product being split, in precision T (static fields: nothing allocated), and its chunk runner.</summary>
internal static unsafe class GemmJob<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private static MatrixOperand<T> s_a, s_b;
    private static T* s_c;
    private static T* s_packedA;
    private static int s_m, s_k, s_n, s_chunks, s_mr;
    private static bool s_accumulate, s_byRows;
    private static SimdWidth s_width;
    private static GemmPath s_path;

    /// <summary>
    /// C[m × n] = (accumulate ? C : 0) + op(A)·op(B) in <paramref name="chunks"/> chunks on two threads: chunks
    /// of rows when <paramref name="byRows"/> (each thread then packs its own rows of A), else of columns.
    /// </summary>
    internal static void Run(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, bool accumulate,
        SimdWidth width, GemmPath path, int mr, T* packedA, int chunks, bool byRows)
    {
        s_a = a;
        s_b = b;
        s_c = c;
        s_m = m;
        s_k = k;
        s_n = n;
        s_accumulate = accumulate;
        s_width = width;
        s_path = path;
        s_mr = mr;
        s_packedA = packedA;
        s_chunks = chunks;
        s_byRows = byRows;
        GemmParallel.Run(&RunChunk, chunks);
    }

    private static void RunChunk(int index)
    {
        if (s_byRows)
        {
            int first = GemmParallel.RowChunkStart(s_m, s_mr, s_chunks, index);
            int last = GemmParallel.RowChunkStart(s_m, s_mr, s_chunks, index + 1);
            T* rows = s_c + (nint)first * s_n;
            GemmDriver.RunRange(new MatrixOperand<T>(s_a.At(first, 0), s_a.RowStride, s_a.ColumnStride), s_b,
                rows, last - first, s_k, s_n, s_n, s_accumulate, s_width, s_path, s_mr, null);
            if (GemmParallel.OnWorker) WorkerWrites.Note(rows, (nint)(last - first) * s_n * sizeof(T));
            return;
        }
        int from = GemmParallel.ChunkStart(s_n, s_chunks, index);
        int to = GemmParallel.ChunkStart(s_n, s_chunks, index + 1);
        GemmDriver.RunRange(s_a, new MatrixOperand<T>(s_b.At(0, from), s_b.RowStride, s_b.ColumnStride),
            s_c + from, s_m, s_k, to - from, s_n, s_accumulate, s_width, s_path, s_mr, s_packedA);
    }
}
