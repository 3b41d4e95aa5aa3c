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
internal static unsafe class GemmDriver
{
    /// <summary>Depth of one k block (KC): a kc × NR panel of B stays in L1.</summary>
    internal const int DepthBlock = 256;

    /// <summary>Below this many multiply-adds the Direct path wins (packing A does not pay).</summary>
    internal const long PackedMinimumWork = 1L << 21;

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
        if (path == GemmPath.Auto) path = Choose(bothAlongK, m, k, n);

        // A 6 × 32 float tile is mostly padding when n ≤ 16 (the paper's widths 16 and 10): the 6 × 16
        // tile at 256 bits does the same work with half-width instructions (cheaper where 512-bit
        // FMAs are double-pumped). The results are the same bits either way.
        if (width == SimdWidth.Vector512 && path != GemmPath.Dot && n <= 2 * Vector256<T>.Count) width = SimdWidth.Vector256;

        if (path != GemmPath.Dot && GemmParallel.ShouldSplit(m, k, n))
        {
            // Columns [0, split) here, [split, n) on the helper thread; each packs its own panels.
            int split = GemmParallel.SplitColumn(n);
            if (GemmParallel.TryAcquire())
            {
                GemmJob<T>.Post(new MatrixOperand<T>(a.Data, a.RowStride, a.ColumnStride),
                                new MatrixOperand<T>(b.At(0, split), b.RowStride, b.ColumnStride),
                                c + split, m, k, n - split, n, accumulate, width, path, mr);
                try
                {
                    RunRange(a, b, c, m, k, split, n, accumulate, width, path, mr);
                }
                finally
                {
                    GemmParallel.WaitAndRelease();
                }
                return;
            }
        }
        RunRange(a, b, c, m, k, n, n, accumulate, width, path, mr);
    }

    /// <summary>C[m × n] with row stride <paramref name="ldc"/>, at the given width, path and tile height.</summary>
    internal static void RunRange<T>(
        MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, SimdWidth width, GemmPath path, int mr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (width)
        {
            case SimdWidth.Vector512:
                Run<T, Vector512<T>, Simd512<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr);
                break;
            case SimdWidth.Vector256:
                Run<T, Vector256<T>, Simd256<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr);
                break;
            case SimdWidth.Vector128:
                Run<T, Vector128<T>, Simd128<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr);
                break;
            default:
                Run<T, T, SimdScalar<T>>(a, b, c, m, k, n, ldc, accumulate, path, mr);
                break;
        }
    }

    /// <summary>The path the shape gets unless a test forces one.</summary>
    internal static GemmPath Choose(bool bothAlongK, int m, int k, int n)
    {
        if (bothAlongK && k >= DotMinimumDepth && ((long)m * n <= DotMaximumOutputs || n <= DotMaximumColumns)) return GemmPath.Dot;
        if ((long)m * n * k >= PackedMinimumWork && m > GemmMicroKernel.Rows) return GemmPath.Packed;
        return GemmPath.Direct;
    }

    private static void Run<T, TVec, TSimd>(
        MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, GemmPath path, int mr)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        switch (path)
        {
            case GemmPath.Dot:
                GemmDotKernel.Run<T, TVec, TSimd>(a.Data, a.RowStride, b.Data, b.ColumnStride, c, ldc, m, n, k, accumulate);
                break;
            case GemmPath.Packed:
                Packed<T, TVec, TSimd>(a, b, c, m, k, n, ldc, accumulate, mr);
                break;
            default:
                Direct<T, TVec, TSimd>(a, b, c, m, k, n, ldc, accumulate, mr);
                break;
        }
    }

    /// <summary>Splits k into equal blocks of at most <see cref="DepthBlock"/> (784 → 4 × 196, not 3 × 256 + 16).</summary>
    private static int BlockDepth(int k) => (k + (k + DepthBlock - 1) / DepthBlock - 1) / ((k + DepthBlock - 1) / DepthBlock);

    /// <summary>
    /// No packing of A (read in place by strides, the edge rows by a kernel of that many rows).
    /// B read in place when row-major and the panel is whole, else packed per panel.
    /// </summary>
    private static void Direct<T, TVec, TSimd>(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, int mr)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        if (a.RowStride == 1) Direct<T, TVec, TSimd, ColumnPanel>(a, b, c, m, k, n, ldc, accumulate, mr);
        else Direct<T, TVec, TSimd, StridedPanel>(a, b, c, m, k, n, ldc, accumulate, mr);
    }

    private static void Direct<T, TVec, TSimd, TLayout>(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, int mr)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout
    {
        int nr = 2 * TSimd.Count;
        int kcMax = BlockDepth(k);
        int wholeRows = m - m % mr;
        int edgeRows = m - wholeRows;
        T* panel = null;
        for (int pc = 0; pc < k; pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            bool add = accumulate || pc > 0;
            for (int jr = 0; jr < n; jr += nr)
            {
                int cols = Math.Min(nr, n - jr);
                T* bp;
                nint bRow;
                if (b.ColumnStride == 1 && cols == nr)
                {
                    bp = b.At(pc, jr);
                    bRow = b.RowStride;
                }
                else
                {
                    if (panel == null) panel = GemmBuffers<T>.B((nint)kcMax * nr);
                    GemmPacking.PackB<T, TVec, TSimd>(b, pc, kc, jr, cols, panel);
                    bp = panel;
                    bRow = nr;
                }
                if (cols == nr)
                {
                    for (int ir = 0; ir < wholeRows; ir += mr)
                    {
                        GemmMicroKernel.WholeColumns<T, TVec, TSimd, TLayout>(
                            kc, a.At(ir, pc), a.RowStride, a.ColumnStride, bp, bRow, c + ir * ldc + jr, ldc, mr, add);
                    }
                }
                else
                {
                    for (int ir = 0; ir < wholeRows; ir += mr)
                    {
                        GemmMicroKernel.TileEdge<T, TVec, TSimd, TLayout>(
                            kc, a.At(ir, pc), a.RowStride, a.ColumnStride, bp, bRow, c + ir * ldc + jr, ldc, mr, cols, add);
                    }
                }
                if (edgeRows > 0)
                {
                    GemmMicroKernel.Tile<T, TVec, TSimd, TLayout>(
                        kc, a.At(wholeRows, pc), a.RowStride, a.ColumnStride, bp, bRow, c + wholeRows * ldc + jr, ldc, edgeRows, cols, add);
                }
            }
        }
    }

    /// <summary>
    /// The Gram matrix K = X·Xᵀ [n×n] of the rows of X [n×d] (row stride d): only the tiles that
    /// touch the lower triangle are computed (about half the work of the full product), then the
    /// strict upper triangle is mirrored from the lower. Each element is the fused chain of the
    /// full product — fma(X(i,p), X(j,p), c) in increasing p is the same for (i, j) and (j, i) —
    /// so K is exactly symmetric and bit-identical to <c>NT(X, X)</c>.
    /// </summary>
    internal static void Gram<T>(T* x, int n, int d, T* k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        if (d == 0)
        {
            new Span<T>(k, checked(n * n)).Clear();
            return;
        }
        switch (SimdSupport.Current)
        {
            case SimdWidth.Vector512: Gram<T, Vector512<T>, Simd512<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
            case SimdWidth.Vector256: Gram<T, Vector256<T>, Simd256<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
            case SimdWidth.Vector128: Gram<T, Vector128<T>, Simd128<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
            default: Gram<T, T, SimdScalar<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
        }
    }

    private static void Gram<T, TVec, TSimd>(T* x, int n, int d, T* k, int mr)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        int nr = 2 * TSimd.Count;
        int kcMax = BlockDepth(d);
        int panels = (n + nr - 1) / nr;
        // Xᵀ of one depth block as NR-column panels (B(p, j) = X(j, p)); X itself is A, read in place.
        var xt = new MatrixOperand<T>(x, 1, d);
        T* bp = GemmBuffers<T>.B((nint)kcMax * panels * nr);
        for (int pc = 0; pc < d; pc += kcMax)
        {
            int kc = Math.Min(kcMax, d - pc);
            bool add = pc > 0;
            GemmPacking.PackB<T, TVec, TSimd>(xt, pc, kc, 0, n, bp);
            for (int jp = 0; jp < panels; jp++)
            {
                int jr = jp * nr;
                int cols = Math.Min(nr, n - jr);
                T* panel = bp + (nint)jr * kc;
                // Row tiles from the one holding row jr: every tile that reaches the lower triangle.
                for (int ir = jr / mr * mr; ir < n; ir += mr)
                {
                    GemmMicroKernel.Tile<T, TVec, TSimd, StridedPanel>(
                        kc, x + (nint)ir * d + pc, d, 1, panel, nr, k + (nint)ir * n + jr, n, Math.Min(mr, n - ir), cols, add);
                }
            }
        }

        // Mirror the strict lower triangle up: 8 × 8 blocks below the diagonal by an in-register
        // transpose (float, AVX), the rest element by element.
        int j8 = 0;
        if (typeof(T) == typeof(float) && System.Runtime.Intrinsics.X86.Avx.IsSupported && SimdSupport.Current >= SimdWidth.Vector256)
        {
            for (int i0 = 8; i0 + 8 <= n; i0 += 8)
            {
                for (int j0 = 0; j0 < i0; j0 += 8)
                    GemmTranspose.Transpose8x8((float*)k + (nint)i0 * n + j0, n, (float*)k + (nint)j0 * n + i0, n);
            }
            j8 = n / 8 * 8;
        }
        for (int i = 1; i < n; i++)
        {
            T* row = k + (nint)i * n;
            // Blocks of whole 8-row bands left of the diagonal block were transposed above.
            int from = i < j8 ? i / 8 * 8 : 0;
            for (int j = from; j < i; j++) k[(nint)j * n + i] = row[j];
        }
    }

    /// <summary>The classic five loops: NC columns, KC depth (pack B), MC rows (pack A), then NR × MR tiles.</summary>
    private static void Packed<T, TVec, TSimd>(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, int mr)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        int nr = 2 * TSimd.Count;
        int mcMax = sizeof(T) == 4 ? 144 : 72;
        int ncMax = sizeof(T) == 4 ? 4096 : 2048;
        int kcMax = BlockDepth(k);
        int nc0 = Math.Min(ncMax, n);
        int mc0 = Math.Min(mcMax, m);
        T* bp = GemmBuffers<T>.B((nint)kcMax * ((nc0 + nr - 1) / nr * nr));
        T* ap = GemmBuffers<T>.A((nint)kcMax * ((mc0 + mr - 1) / mr * mr));
        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                bool add = accumulate || pc > 0;
                GemmPacking.PackB<T, TVec, TSimd>(b, pc, kc, jc, nc, bp);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    GemmPacking.PackA(a, ic, mc, pc, kc, mr, ap);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        T* bPanel = bp + (nint)jr * kc;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            GemmMicroKernel.Tile<T, TVec, TSimd, PackedPanel>(
                                kc, ap + (nint)ir * kc, 1, mr, bPanel, nr,
                                c + (ic + ir) * ldc + jc + jr, ldc, Math.Min(mr, mc - ir), cols, add);
                        }
                    }
                }
            }
        }
    }
}
