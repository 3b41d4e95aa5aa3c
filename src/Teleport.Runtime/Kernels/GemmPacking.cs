using System;
using System.Numerics;

namespace Teleport.Kernels;

/// <summary>
/// Copies blocks of A and B into the panel layout the micro-kernel streams: A as
/// ⌈mc/MR⌉ panels of kc × MR (row r of step p at <c>p·MR + r</c>), B as ⌈nc/NR⌉ panels of
/// kc × NR (column j of step p at <c>p·NR + j</c>), both zero-padded to whole panels.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs A(i0 … i0+mc, p0 … p0+kc) into MR-row panels.</summary>
    internal static void PackA<T>(MatrixOperand<T> a, int i0, int mc, int p0, int kc, int mr, T* destination)
        where T : unmanaged
    {
        for (int ip = 0; ip < mc; ip += mr)
        {
            int rows = Math.Min(mr, mc - ip);
            T* panel = destination + (nint)ip * kc;
            if (a.RowStride == 1)
            {
                // Aᵀ stored row-major (TN): the MR values of one step are contiguous.
                for (int p = 0; p < kc; p++)
                {
                    T* src = a.At(i0 + ip, p0 + p);
                    T* dst = panel + p * mr;
                    int r = 0;
                    for (; r < rows; r++) dst[r] = src[r];
                    for (; r < mr; r++) dst[r] = default;
                }
            }
            else
            {
                nint step = a.ColumnStride;
                if (rows < mr) new Span<T>(panel, kc * mr).Clear();
                for (int r = 0; r < rows; r++)
                {
                    T* dst = panel + r;
                    T* src = a.At(i0 + ip + r, p0);
                    for (int p = 0; p < kc; p++) dst[p * mr] = src[p * step];
                }
            }
        }
    }

    /// <summary>Packs B(p0 … p0+kc, j0 … j0+nc) into NR-column panels.</summary>
    internal static void PackB<T, TVec, TSimd>(MatrixOperand<T> b, int p0, int kc, int j0, int nc, T* destination)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        int nr = 2 * TSimd.Count;
        nint w = TSimd.Count;
        for (int jp = 0; jp < nc; jp += nr)
        {
            int cols = Math.Min(nr, nc - jp);
            T* panel = destination + (nint)jp * kc;
            if (b.ColumnStride == 1)
            {
                // Row-major B (NN, TN): each step is a contiguous run of NR values.
                for (int p = 0; p < kc; p++)
                {
                    T* src = b.At(p0 + p, j0 + jp);
                    T* dst = panel + p * nr;
                    if (cols == nr)
                    {
                        TSimd.Store(TSimd.Load(src), dst);
                        TSimd.Store(TSimd.Load(src + w), dst + w);
                    }
                    else if (cols > w)
                    {
                        TSimd.Store(TSimd.Load(src), dst);
                        TSimd.Store(TSimd.LoadPartial(src + w, cols - (int)w), dst + w);
                    }
                    else
                    {
                        TSimd.Store(cols == w ? TSimd.Load(src) : TSimd.LoadPartial(src, cols), dst);
                        TSimd.Store(TSimd.Zero, dst + w);
                    }
                }
            }
            else
            {
                GemmTranspose.PackTransposed(b.At(p0, j0 + jp), b.ColumnStride, b.RowStride, kc, cols, nr, panel);
            }
        }
    }
}
