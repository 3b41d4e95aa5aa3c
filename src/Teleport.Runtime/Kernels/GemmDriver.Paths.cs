using System;
using System.Numerics;

namespace Teleport.Kernels;

// The two outer-product paths: Direct (A read in place) and Packed (both operands packed, blocked for the caches).
internal static unsafe partial class GemmDriver
{
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
        if (ShallowRowMajorB(b, k, n, nr))
        {
            DirectByRows<T, TVec, TSimd, TLayout>(a, b, c, m, k, n, ldc, accumulate, mr);
            return;
        }
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
    /// Whether B is row-major in whole panels and shallow enough (all of it within <see cref="ShallowBBytes"/>) to
    /// stay in L1 while every row tile of C runs along all the columns. Each tile then takes the whole depth in one
    /// pass (up to 384 with AVX2's 16-float panels, past a depth block): the same chains as blocked, so the same bits.
    /// </summary>
    private static bool ShallowRowMajorB<T>(MatrixOperand<T> b, int k, int n, int nr) where T : unmanaged =>
        b.ColumnStride == 1 && n % nr == 0 && (long)k * n * sizeof(T) <= ShallowBBytes;

    /// <summary>B of at most this many bytes (the wide network's δZ2·W2: 10 × 512 floats) is walked whole per row tile.</summary>
    private const int ShallowBBytes = 24 * 1024;

    /// <summary>
    /// Direct with the tiles in row order (each row tile of C along all its columns): for a shallow product
    /// (k of 10) C is most of the traffic, and it is then written row by row, not in 2-vector strips down the
    /// matrix — strips whose rows, 2 KB apart for 512 columns, fall into the same few L1 sets. Measured on the
    /// wide network's δZ2·W2 (128 × 10 × 512, `vs-openblas 5 1 auto dh2`, three processes each): 0.69, 0.78,
    /// 0.98 of OpenBLAS before, depending on where the process put C and B; 1.00, 1.01, 1.00 after. The same
    /// tiles, so the same bits.
    /// </summary>
    private static void DirectByRows<T, TVec, TSimd, TLayout>(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, int mr)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout
    {
        int nr = 2 * TSimd.Count;
        for (int ir = 0; ir < m; ir += mr)
        {
            int rows = Math.Min(mr, m - ir);
            for (int jr = 0; jr < n; jr += nr)
            {
                GemmMicroKernel.WholeColumns<T, TVec, TSimd, TLayout>(
                    k, a.At(ir, 0), a.RowStride, a.ColumnStride, b.At(0, jr), b.RowStride, c + ir * ldc + jr, ldc, rows, accumulate);
            }
        }
    }

    /// <summary>Rows of A per packed block (MC): a block of MC × KC stays in L2.</summary>
    private static int RowBlock<T>() where T : unmanaged => sizeof(T) == 4 ? 144 : 72;

    /// <summary>Columns of B per packed block (NC).</summary>
    private static int ColumnBlock<T>() where T : unmanaged => sizeof(T) == 4 ? 4096 : 2048;

    /// <summary>
    /// The classic five loops: NC columns, KC depth (pack B), MC rows (pack A, or find it in
    /// <paramref name="packedA"/>), then NR × MR tiles.
    /// </summary>
    private static void Packed<T, TVec, TSimd>(MatrixOperand<T> a, MatrixOperand<T> b, T* c, int m, int k, int n, nint ldc, bool accumulate, int mr, T* packedA)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        int nr = 2 * TSimd.Count;
        int mcMax = RowBlock<T>();
        int ncMax = ColumnBlock<T>();
        int kcMax = BlockDepth(k);
        int nc0 = Math.Min(ncMax, n);
        int mc0 = Math.Min(mcMax, m);
        T* bp = GemmBuffers<T>.B((nint)kcMax * ((nc0 + nr - 1) / nr * nr));
        T* ap = packedA != null ? null : GemmBuffers<T>.A((nint)kcMax * ((mc0 + mr - 1) / mr * mr));
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
                    T* block = ap;
                    if (packedA != null) block = packedA + PackedABlockOffset<T>(m, pc, kc, ic, mr);
                    else GemmPacking.PackA(a, ic, mc, pc, kc, mr, ap);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        T* bPanel = bp + (nint)jr * kc;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            GemmMicroKernel.Tile<T, TVec, TSimd, PackedPanel>(
                                kc, block + (nint)ir * kc, 1, mr, bPanel, nr,
                                c + (ic + ir) * ldc + jc + jr, ldc, Math.Min(mr, mc - ir), cols, add);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Where the block of depth [pc, pc + kc) and rows [ic, ic + MC) starts when all of A is packed once, block by block as
    /// <see cref="Packed"/> reads it (<see cref="PackAllAOnBothThreads"/>): the depth block at pc holds the row blocks one
    /// after another, each MC rows padded to whole panels.
    /// </summary>
    private static nint PackedABlockOffset<T>(int m, int pc, int kc, int ic, int mr) where T : unmanaged
    {
        var (blocks, padded) = RowBlocks<T>(m, mr);
        return ((nint)pc * blocks + (ic / RowBlock<T>()) * (nint)kc) * padded;
    }

    /// <summary>Row blocks of A and the rows of each, padded to whole MR-row panels.</summary>
    private static (int Blocks, int PaddedRows) RowBlocks<T>(int m, int mr) where T : unmanaged
    {
        int mcMax = RowBlock<T>();
        int rows = Math.Min(mcMax, m);
        return ((m + mcMax - 1) / mcMax, (rows + mr - 1) / mr * mr);
    }
}
