using System;
using System.Numerics;

namespace Teleport.Kernels;

/// <summary>
/// The inner-product kernel for C = A·Bᵀ when both operands are contiguous along k and the output
/// is small (the paper's forward layer 20×784 · (16×784)ᵀ): no packing at all; a 4 × 2 tile of C
/// is eight vector accumulators streaming four rows of A and two rows of Bᵀ, reduced across lanes
/// at the end in a fixed order.
/// </summary>
/// <remarks>
/// The summation order depends on the vector width (lanes), not on threads or calls: results are
/// reproducible on one machine. Rows and columns past the edge are clamped to the last valid one
/// (computed, never stored).
/// </remarks>
internal static unsafe class GemmDotKernel
{
    internal const int Rows = 4;
    internal const int Columns = 2;

    /// <summary>C(i, j) = (add ? C(i, j) : 0) + Σ_p a[i·lda + p]·bt[j·ldb + p].</summary>
    internal static void Run<T, TVec, TSimd>(T* a, nint lda, T* bt, nint ldb, T* c, nint ldc, int m, int n, int k, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        nint w = TSimd.Count;
        nint kVec = k - k % (int)w;
        for (int i = 0; i < m; i += Rows)
        {
            int rows = Math.Min(Rows, m - i);
            T* a0 = a + i * lda;
            T* a1 = a + (i + Math.Min(1, rows - 1)) * lda;
            T* a2 = a + (i + Math.Min(2, rows - 1)) * lda;
            T* a3 = a + (i + Math.Min(3, rows - 1)) * lda;
            for (int j = 0; j < n; j += Columns)
            {
                int cols = Math.Min(Columns, n - j);
                T* b0 = bt + j * ldb;
                T* b1 = bt + (j + Math.Min(1, cols - 1)) * ldb;

                TVec s00 = TSimd.Zero, s01 = TSimd.Zero, s10 = TSimd.Zero, s11 = TSimd.Zero;
                TVec s20 = TSimd.Zero, s21 = TSimd.Zero, s30 = TSimd.Zero, s31 = TSimd.Zero;
                for (nint p = 0; p < kVec; p += w)
                {
                    TVec y0 = TSimd.Load(b0 + p);
                    TVec y1 = TSimd.Load(b1 + p);
                    TVec x = TSimd.Load(a0 + p);
                    s00 = TSimd.MultiplyAdd(x, y0, s00);
                    s01 = TSimd.MultiplyAdd(x, y1, s01);
                    x = TSimd.Load(a1 + p);
                    s10 = TSimd.MultiplyAdd(x, y0, s10);
                    s11 = TSimd.MultiplyAdd(x, y1, s11);
                    x = TSimd.Load(a2 + p);
                    s20 = TSimd.MultiplyAdd(x, y0, s20);
                    s21 = TSimd.MultiplyAdd(x, y1, s21);
                    x = TSimd.Load(a3 + p);
                    s30 = TSimd.MultiplyAdd(x, y0, s30);
                    s31 = TSimd.MultiplyAdd(x, y1, s31);
                }

                T* row = c + i * ldc + j;
                Write(row, TSimd.Sum(s00), TSimd.Sum(s01), a0, b0, b1, kVec, k, cols, add);
                if (rows > 1) Write(row + ldc, TSimd.Sum(s10), TSimd.Sum(s11), a1, b0, b1, kVec, k, cols, add);
                if (rows > 2) Write(row + 2 * ldc, TSimd.Sum(s20), TSimd.Sum(s21), a2, b0, b1, kVec, k, cols, add);
                if (rows > 3) Write(row + 3 * ldc, TSimd.Sum(s30), TSimd.Sum(s31), a3, b0, b1, kVec, k, cols, add);
            }
        }
    }

    /// <summary>Finishes the k tail in scalar and stores one row of the tile.</summary>
    private static void Write<T>(T* c, T sum0, T sum1, T* a, T* b0, T* b1, nint from, int k, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (nint p = from; p < k; p++)
        {
            sum0 = SimdScalar<T>.MultiplyAdd(a[p], b0[p], sum0);
            sum1 = SimdScalar<T>.MultiplyAdd(a[p], b1[p], sum1);
        }
        c[0] = add ? c[0] + sum0 : sum0;
        if (cols > 1) c[1] = add ? c[1] + sum1 : sum1;
    }
}
