using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
                    CopyStep(a.At(i0 + ip, p0 + p), panel + p * mr, rows, mr);
            }
            else
            {
                if (rows < mr) new Span<T>(panel, kc * mr).Clear();
                int r0 = 0;
                if (typeof(T) == typeof(float) && a.ColumnStride == 1 && rows >= 4 && Avx.IsSupported && SimdSupport.Current >= SimdWidth.Vector256)
                {
                    // Row-major A (NN, NT): 4 rows × 8 steps at a time through an in-register transpose;
                    // the last group of four starts at rows − 4 (overlapping rows are written twice, alike).
                    int steps = kc & ~7;
                    for (int r = 0; r < rows; r += 4)
                    {
                        int first = Math.Min(r, rows - 4);
                        float* src = (float*)a.At(i0 + ip + first, p0);
                        float* dst = (float*)panel + first;
                        for (int p = 0; p < steps; p += 8)
                            GemmTranspose.Transpose4x8(src + p, a.RowStride, dst + (nint)p * mr, mr);
                    }
                    r0 = rows;
                    // The last kc mod 8 steps of every row, one by one.
                    for (int r = 0; r < rows; r++)
                    {
                        T* dst = panel + r;
                        T* src = a.At(i0 + ip + r, p0);
                        for (int p = steps; p < kc; p++) dst[p * mr] = src[p];
                    }
                }
                nint step = a.ColumnStride;
                for (int r = r0; r < rows; r++)
                {
                    T* dst = panel + r;
                    T* src = a.At(i0 + ip + r, p0);
                    for (int p = 0; p < kc; p++) dst[p * mr] = src[p * step];
                }
            }
        }
    }

    /// <summary>One step of an A panel from contiguous values: <paramref name="rows"/> copied, zeros up to MR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyStep<T>(T* src, T* dst, int rows, int mr)
        where T : unmanaged
    {
        int r = 0;
        if (typeof(T) == typeof(float))
        {
            for (; r + 8 <= rows; r += 8) Vector256.Store(Vector256.Load((float*)src + r), (float*)dst + r);
            for (; r + 4 <= rows; r += 4) Vector128.Store(Vector128.Load((float*)src + r), (float*)dst + r);
        }
        for (; r < rows; r++) dst[r] = src[r];
        for (; r < mr; r++) dst[r] = default;
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
