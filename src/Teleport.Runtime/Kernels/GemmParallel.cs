using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Teleport.Kernels;

/// <summary>
/// The optional second thread for large matrix products (<see cref="MatrixMultiply.MaxThreads"/>):
/// one dedicated background worker, started on first use, handed one job at a time through two
/// spinning signals (<see cref="SpinSignal"/>) — no task, delegate or closure per call, so nothing is allocated per product.
/// </summary>
/// <remarks>
/// A product is split by output columns; each element is computed by one thread exactly as a
/// single-threaded run computes it, so results do not depend on the thread count. When the worker
/// is busy with another caller's product, the second caller simply runs on its own thread.
/// </remarks>
internal static unsafe class GemmParallel
{
    /// <summary>Products of at least this many multiply-adds (2·m·k·n ≥ 64 MFLOP) are split.</summary>
    internal const long MinimumWork = 32L * 1024 * 1024;

    private static readonly object s_startLock = new();
    private static readonly SpinSignal s_posted = new();
    private static readonly SpinSignal s_done = new();
    private static int s_maxThreads = 1;
    private static int s_busy;
    private static Thread? s_worker;
    private static delegate*<void> s_job;
    private static ExceptionDispatchInfo? s_error;
    private static long s_jobsCompleted;

    /// <summary>Jobs the worker has finished (tests check that a split really ran there).</summary>
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
        Volatile.Read(ref s_maxThreads) > 1 && Environment.ProcessorCount > 1 && (long)m * k * n >= MinimumWork && n >= 128;

    /// <summary>About half of n, on a multiple of 32 columns (whole micro-panels at every width).</summary>
    internal static int SplitColumn(int n) => Math.Clamp((n / 2 + 16) / 32 * 32, 32, n - 32);

    /// <summary>Takes the worker for one job, or returns false when another caller has it.</summary>
    internal static bool TryAcquire()
    {
        if (Interlocked.CompareExchange(ref s_busy, 1, 0) != 0) return false;
        EnsureStarted();
        return true;
    }

    /// <summary>Hands the acquired worker its job.</summary>
    internal static void Post(delegate*<void> job)
    {
        s_job = job;
        s_error = null;
        s_done.Reset();
        s_posted.Set();
    }

    /// <summary>Waits for the posted job, frees the worker, and rethrows what the job threw.</summary>
    internal static void WaitAndRelease()
    {
        s_done.Wait();
        var error = s_error;
        s_error = null;
        Volatile.Write(ref s_busy, 0);
        error?.Throw();
    }

    private static void EnsureStarted()
    {
        if (s_worker is not null) return;
        lock (s_startLock)
        {
            if (s_worker is not null) return;
            var thread = new Thread(WorkerLoop) { IsBackground = true, Name = "Teleport GEMM worker" };
            thread.Start();
            s_worker = thread;
        }
    }

    private static void WorkerLoop()
    {
        while (true)
        {
            s_posted.Wait();
            s_posted.Reset();
            try
            {
                s_job();
            }
            catch (Exception ex)
            {
                s_error = ExceptionDispatchInfo.Capture(ex);
            }
            Interlocked.Increment(ref s_jobsCompleted);
            s_done.Set();
        }
    }
}

/// <summary>The worker's half of one product, in precision T (static fields: nothing allocated).</summary>
internal static unsafe class GemmJob<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private static MatrixOperand<T> s_a, s_b;
    private static T* s_c;
    private static int s_m, s_k, s_n;
    private static nint s_ldc;
    private static bool s_accumulate;
    private static SimdWidth s_width;
    private static GemmPath s_path;
    private static int s_mr;

    internal static void Post(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, SimdWidth width, GemmPath path, int mr)
    {
        s_mr = mr;
        s_a = a;
        s_b = b;
        s_c = c;
        s_m = m;
        s_k = k;
        s_n = n;
        s_ldc = ldc;
        s_accumulate = accumulate;
        s_width = width;
        s_path = path;
        GemmParallel.Post(&Execute);
    }

    private static void Execute() =>
        GemmDriver.RunRange(s_a, s_b, s_c, s_m, s_k, s_n, s_ldc, s_accumulate, s_width, s_path, s_mr);
}
