using System;
using System.Numerics;

namespace Teleport.Kernels;

/// <summary>
/// Row-major matrix products: <c>NN</c> C = A·B, <c>NT</c> C = A·Bᵀ, <c>TN</c> C = Aᵀ·B, in float
/// and double. With <c>accumulate</c> the product is added to C, otherwise C is overwritten (its old
/// contents, even NaN, never matter).
/// </summary>
/// <remarks>
/// <para>Register-tiled micro-kernels (6 rows × 2 vectors of C in registers, one fused multiply-add
/// chain per element) run at the widest accelerated width, 512 → 256 → 128 bits → scalar, chosen
/// once. Large products are blocked and packed; small ones (the paper's 20 × 784 · 784 × 16 …) read
/// the operands in place, and NT with a small output uses inner products.</para>
/// <para>Results are deterministic: they do not depend on the thread, on <see cref="MaxThreads"/>
/// or on earlier calls.</para>
/// <para>C must not overlap A or B (an <see cref="ArgumentException"/> says so); A and B may overlap
/// each other. No allocation after the first call at a new largest size (packing buffers are
/// per-thread and grown once).</para>
/// </remarks>
public static unsafe class MatrixMultiply
{
    /// <summary>
    /// Threads one large product (2·m·k·n ≥ 16 MFLOP, the split dimension ≥ 128) may use: 1 (the default) or 2 — the
    /// caller and one dedicated helper thread, splitting the output's columns or rows; long elementwise passes
    /// (optimizer updates, activations, reductions) are split the same way. Results are identical for every
    /// setting. Values above 2 act as 2.
    /// </summary>
    public static int MaxThreads
    {
        get => GemmParallel.MaxThreads;
        set => GemmParallel.MaxThreads = value;
    }

    /// <summary>
    /// Cooldowns since the process started: split calls whose caller waited longer for the helper thread than it had
    /// worked, and long enough to be a preemption (the helper was taken off its core — the core is shared with other
    /// work). Each keeps the next 8 to 256 calls that would split on the caller alone (<see cref="CallsKeptOnOneThread"/>),
    /// more when they come often. On a machine whose second core stays busy, one thread is faster.
    /// Benchmarks print both beside two-thread timings, since a run with many cooldowns measured mostly one thread.
    /// </summary>
    public static long Cooldowns => SplitCooldown.Started;

    /// <summary>Calls that would have been split but ran on the caller alone during a cooldown (<see cref="Cooldowns"/>), since the process started.</summary>
    public static long CallsKeptOnOneThread => SplitCooldown.HeldCalls;

    /// <summary>
    /// The calls split between this thread and the helper since the process started, and the time each side spent in them
    /// (<see cref="Kernels.SplitWork"/>): read before and after some work on two threads, it tells whether a speed-up below
    /// ×2 went to idle time or to work that ran slower than on one thread.
    /// </summary>
    public static SplitWork SplitWork => SplitWorkCounters.Read();

    /// <summary>C[m×n] = A[m×k]·B[k×n] (+ C when <paramref name="accumulate"/>).</summary>
    public static void NN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
        => Multiply(a, b, c, m, k, n, accumulate, transposeA: false, transposeB: false);

    /// <summary>C[m×n] = A[m×k]·B[n×k]ᵀ (+ C when <paramref name="accumulate"/>).</summary>
    public static void NT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
        => Multiply(a, b, c, m, k, n, accumulate, transposeA: false, transposeB: true);

    /// <summary>C[m×n] = A[k×m]ᵀ·B[k×n] (+ C when <paramref name="accumulate"/>).</summary>
    public static void TN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
        => Multiply(a, b, c, m, k, n, accumulate, transposeA: true, transposeB: false);

    /// <summary>C[m×n] = A[m×k]·B[k×n] (+ C when <paramref name="accumulate"/>).</summary>
    public static void NN(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate = false)
        => Multiply(a, b, c, m, k, n, accumulate, transposeA: false, transposeB: false);

    /// <summary>C[m×n] = A[m×k]·B[n×k]ᵀ (+ C when <paramref name="accumulate"/>).</summary>
    public static void NT(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate = false)
        => Multiply(a, b, c, m, k, n, accumulate, transposeA: false, transposeB: true);

    /// <summary>C[m×n] = A[k×m]ᵀ·B[k×n] (+ C when <paramref name="accumulate"/>).</summary>
    public static void TN(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate = false)
        => Multiply(a, b, c, m, k, n, accumulate, transposeA: true, transposeB: false);

    /// <summary>
    /// K[n×n] = X·Xᵀ for X [n×d]: the lower-triangle tiles only, then mirrored — about half the
    /// work of <c>NT(x, x, …)</c> and bit-identical to it (exactly symmetric).
    /// </summary>
    internal static void Gram<T>(ReadOnlySpan<T> x, Span<T> gram, int n, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(x, x, gram, n, d, n);
        fixed (T* px = x)
        fixed (T* pk = gram)
        {
            GemmDriver.Gram(px, n, d, pk);
        }
    }

    /// <summary>op(A)·op(B) for float or double (the public overloads, and generic callers that test T first).</summary>
    internal static void Multiply<T>(
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, b, c, m, k, n);
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            // op(A)(i, p) and op(B)(p, j) as strided views of the row-major storage.
            var opA = transposeA ? new MatrixOperand<T>(pa, 1, m) : new MatrixOperand<T>(pa, k, 1);
            var opB = transposeB ? new MatrixOperand<T>(pb, 1, k) : new MatrixOperand<T>(pb, n, 1);
            GemmDriver.Run(opA, opB, pc, m, k, n, accumulate);
        }
    }

    private static void Validate<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        if (m < 0) throw new ArgumentOutOfRangeException(nameof(m), m, "The row count m must not be negative.");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "The inner dimension k must not be negative.");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The column count n must not be negative.");
        long sizeA = (long)m * k, sizeB = (long)k * n, sizeC = (long)m * n;
        if (a.Length < sizeA)
            throw new ArgumentException($"A has {a.Length} elements but m·k = {m}·{k} = {sizeA} are needed.", nameof(a));
        if (b.Length < sizeB)
            throw new ArgumentException($"B has {b.Length} elements but k·n = {k}·{n} = {sizeB} are needed.", nameof(b));
        if (c.Length < sizeC)
            throw new ArgumentException($"C has {c.Length} elements but m·n = {m}·{n} = {sizeC} are needed.", nameof(c));
        ReadOnlySpan<T> usedC = c[..(int)sizeC];
        if (usedC.Overlaps(a[..(int)sizeA]) || usedC.Overlaps(b[..(int)sizeB]))
            throw new ArgumentException("C must not overlap A or B: matrix products do not work in place.", nameof(c));
    }
}
