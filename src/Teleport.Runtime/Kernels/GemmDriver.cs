using System;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// Runs C = (accumulate ? C : 0) + op(A)·op(B) for strided operands: picks the vector width, then
/// the path (<see cref="GemmPath"/>) from the shape, then the loops around the micro-kernel.
/// </summary>
/// <remarks>
/// The Direct and Packed paths give bit-identical results for every width, blocking and thread:
/// each element is the single fused chain c ← fma(A(i,p), B(p,j), c) in increasing p, started from
/// C or 0. The Dot path sums within vector lanes first; it is reproducible for a given width.
/// </remarks>
internal static unsafe partial class GemmDriver
{
    /// <summary>Depth of one k block (KC): a kc × NR panel of B stays in L1.</summary>
    internal const int DepthBlock = 256;

    /// <summary>Below this many multiply-adds the Direct path wins (packing A does not pay).</summary>
    internal const long PackedMinimumWork = 1L << 21;

    /// <summary>
    /// With 12-row tiles (AVX-512 CPUs, whose L2 holds 1 MB or more) the Packed path only pays once one
    /// depth block of A (m × KC elements) no longer sits in L2 with room to spare (512 KB): below that,
    /// reading A in place is as fast or faster — measured against OpenBLAS (`vs-openblas`, one thread):
    /// 512³ 1.03–1.05 vs 1.01, the wide step's products 2.05–2.14 vs 2.17–2.20 ms; 1024³ 0.88–0.92 vs
    /// 0.98–1.00 — and a split product needs no A packed up front. With 6-row tiles (AVX2; L2 of 256 or
    /// 512 KB) in-place A measured worse at 512³ (0.80 vs 0.87) and 1024³ (0.64–0.70 vs 0.87–0.89):
    /// those products are packed from <see cref="PackedMinimumWork"/> on, as before.
    /// </summary>
    internal const long PackedMinimumBlockBytes = 512 * 1024;

    /// <summary>
    /// The Dot path is used for NT when k is at least this and the output is small (at most
    /// <see cref="DotMaximumOutputs"/> elements) or narrow (at most <see cref="DotMaximumColumns"/>
    /// columns, where a 16- or 32-wide outer-product panel would be mostly padding, e.g. the wide
    /// net's 128×512 · (10×512)ᵀ: about 1.6× faster as inner products).
    /// </summary>
    internal const int DotMinimumDepth = 64;
    internal const long DotMaximumOutputs = 32 * 32;
    internal const int DotMaximumColumns = 16;

    internal static void Run<T>(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) new Span<T>(c, checked(m * n)).Clear();
            return;
        }

        // Width and path are fixed here, from the whole shape, so a split run computes every element
        // exactly as a single-threaded one.
        var width = SimdSupport.Current;
        int mr = GemmMicroKernel.Rows;
        bool bothAlongK = a.ColumnStride == 1 && b.RowStride == 1;
        var path = GemmPathOverride.Forced;
        if (path == GemmPath.Dot && !bothAlongK) path = GemmPath.Direct;
        if (path == GemmPath.Auto) path = Choose(bothAlongK, m, k, n, sizeof(T), mr);

        // A 6 × 32 float tile is mostly padding when n ≤ 16 (the paper's widths 16 and 10): the 6 × 16
        // tile at 256 bits does the same work with half-width instructions (cheaper where 512-bit
        // FMAs are double-pumped). The results are the same bits either way.
        if (width == SimdWidth.Vector512 && path != GemmPath.Dot && n <= 2 * Vector256<T>.Count) width = SimdWidth.Vector256;

        if (path != GemmPath.Dot && GemmParallel.ShouldSplit(m, k, n) && GemmParallel.TryAcquire())
        {
            // Chunks claimed by this thread and the worker as each gets to them (a worker that is late or
            // busy elsewhere costs nothing). Chunks of columns on the packed path read one A packed here
            // for both; chunks of rows pack their own.
            bool byRows = GemmParallel.SplitsRows(m, k, n);
            T* packedA = null;
            if (path == GemmPath.Packed && !byRows)
            {
                // Both threads pack A first (that job frees the worker), then the chunks read it; should another
                // caller take the worker in between, this thread runs the product alone on the packed A.
                packedA = PackAllAOnBothThreads(a, m, k, mr);
                if (!GemmParallel.TryAcquire())
                {
                    RunRange(a, b, c, m, k, n, n, accumulate, width, path, mr, packedA);
                    return;
                }
            }
            GemmJob<T>.Run(a, b, c, m, k, n, accumulate, width, path, mr, packedA,
                GemmParallel.Chunks(byRows ? m : n), byRows);
            return;
        }
        RunRange(a, b, c, m, k, n, n, accumulate, width, path, mr, null);
    }

    /// <summary>
    /// C[m × n] with row stride <paramref name="ldc"/>, at the given width, path and tile height; on the
    /// packed path with A already packed (<see cref="PackAllAOnBothThreads"/>) when <paramref name="packedA"/> is set.
    /// </summary>
    internal static void RunRange<T>(
        MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, SimdWidth width, GemmPath path, int mr, T* packedA)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (width)
        {
            case SimdWidth.Vector512:
                Run<T, Vector512<T>, Simd512<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr, packedA);
                break;
            case SimdWidth.Vector256:
                Run<T, Vector256<T>, Simd256<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr, packedA);
                break;
            case SimdWidth.Vector128:
                Run<T, Vector128<T>, Simd128<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr, packedA);
                break;
            default:
                Run<T, T, SimdScalar<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr, packedA);
                break;
        }
    }

    /// <summary>The path the shape gets unless a test forces one.</summary>
    internal static GemmPath Choose(bool bothAlongK, int m, int k, int n, int elementSize = sizeof(float), int tileRows = 0)
    {
        if (tileRows == 0) tileRows = GemmMicroKernel.Rows;
        if (bothAlongK && k >= DotMinimumDepth && ((long)m * n <= DotMaximumOutputs || n <= DotMaximumColumns)) return GemmPath.Dot;
        if ((long)m * n * k >= PackedMinimumWork && m > tileRows
            && (tileRows < GemmMicroKernel.MaxRows || (long)m * Math.Min(k, DepthBlock) * elementSize > PackedMinimumBlockBytes)) return GemmPath.Packed;
        return GemmPath.Direct;
    }

    private static void Run<T, TVec, TSimd>(
        MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, GemmPath path, int mr, T* packedA)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        switch (path)
        {
            case GemmPath.Dot:
                GemmDotKernel.Run<T, TVec, TSimd>(a.Data, a.RowStride, b.Data, b.ColumnStride, c, ldc, m, n, k, accumulate);
                break;
            case GemmPath.Packed:
                Packed<T, TVec, TSimd>(a, b, c, m, k, n, ldc, accumulate, mr, packedA);
                break;
            default:
                Direct<T, TVec, TSimd>(a, b, c, m, k, n, ldc, accumulate, mr);
                break;
        }
    }

    /// <summary>Splits k into equal blocks of at most <see cref="DepthBlock"/> (784 → 4 × 196, not 3 × 256 + 16).</summary>
    private static int BlockDepth(int k) => (k + (k + DepthBlock - 1) / DepthBlock - 1) / ((k + DepthBlock - 1) / DepthBlock);
}
