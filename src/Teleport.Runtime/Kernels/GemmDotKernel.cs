using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Kernels;

/// <summary>
/// The inner-product kernel for C = A·Bᵀ when both operands are contiguous along k and the output
/// is small (the paper's forward layer 20×784 · (16×784)ᵀ): no packing at all; a 5 × 2 tile of C
/// is ten vector accumulators streaming five rows of A and two rows of Bᵀ, reduced across lanes
/// at the end in a fixed order.
/// </summary>
/// <remarks>
/// The summation order depends on the vector width (lanes), not on threads or calls: results are
/// reproducible on one machine. The k tail (k mod lanes) is one more masked step of the same
/// accumulators. The last rows run a kernel of that many rows; an odd last column is computed
/// twice and stored once.
/// </remarks>
internal static unsafe class GemmDotKernel
{
    /// <summary>Rows of a whole tile (five rows × two columns: ten accumulators, seven loads per ten FMAs).</summary>
    internal const int Rows = 5;
    internal const int Columns = 2;

    /// <summary>C(i, j) = (add ? C(i, j) : 0) + Σ_p a[i·lda + p]·bt[j·ldb + p].</summary>
    internal static void Run<T, TVec, TSimd>(T* a, nint lda, T* bt, nint ldb, T* c, nint ldc, int m, int n, int k, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        int whole = m - m % Rows;
        for (int i = 0; i < whole; i += Rows)
            RowBlock<T, TVec, TSimd, Rows5>(a + i * lda, lda, bt, ldb, c + i * ldc, ldc, n, k, add);
        if (whole < m)
        {
            T* ai = a + whole * lda;
            T* ci = c + whole * ldc;
            switch (m - whole)
            {
                case 4: RowBlock<T, TVec, TSimd, Rows4>(ai, lda, bt, ldb, ci, ldc, n, k, add); break;
                case 3: RowBlock<T, TVec, TSimd, Rows3>(ai, lda, bt, ldb, ci, ldc, n, k, add); break;
                case 2: RowBlock<T, TVec, TSimd, Rows2>(ai, lda, bt, ldb, ci, ldc, n, k, add); break;
                default: RowBlock<T, TVec, TSimd, Rows1>(ai, lda, bt, ldb, ci, ldc, n, k, add); break;
            }
        }
    }

    /// <summary>TRows.Count rows of C, two columns at a time (a last odd column computed twice, stored once).</summary>
    [SkipLocalsInit]
    private static void RowBlock<T, TVec, TSimd, TRows>(T* a, nint lda, T* bt, nint ldb, T* c, nint ldc, int n, int k, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TRows : struct, IRowCount
    {
        int rows = TRows.Count;
        nint w = TSimd.Count;
        nint kVec = k - k % (int)w;
        int tail = k - (int)kVec;
        T* sums = stackalloc T[2 * Rows + 6];
        for (int j = 0; j < n; j += Columns)
        {
            int cols = Math.Min(Columns, n - j);
            T* b0 = bt + j * ldb;
            T* b1 = bt + (j + cols - 1) * ldb;
            Block<T, TVec, TSimd, TRows>(a, lda, b0, b1, kVec, tail, sums);
            T* target = c + j;
            for (int r = 0; r < rows; r++, target += ldc)
            {
                target[0] = add ? target[0] + sums[2 * r] : sums[2 * r];
                if (cols > 1) target[1] = add ? target[1] + sums[2 * r + 1] : sums[2 * r + 1];
            }
        }
    }

    /// <summary>The inner products of TRows.Count rows of A with rows b0, b1, into sums (row-major rows × 2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block<T, TVec, TSimd, TRows>(T* a, nint lda, T* b0, T* b1, nint kVec, int tail, T* sums)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TRows : struct, IRowCount
    {
        int rows = TRows.Count;
        nint w = TSimd.Count;
        T* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda, a4 = a + 4 * lda;
        TVec s00 = TSimd.Zero, s01 = TSimd.Zero, s10 = TSimd.Zero, s11 = TSimd.Zero, s20 = TSimd.Zero, s21 = TSimd.Zero;
        TVec s30 = TSimd.Zero, s31 = TSimd.Zero, s40 = TSimd.Zero, s41 = TSimd.Zero;
        for (nint p = 0; p < kVec; p += w)
        {
            TVec y0 = TSimd.Load(b0 + p);
            TVec y1 = TSimd.Load(b1 + p);
            TVec x = TSimd.Load(a0 + p);
            s00 = TSimd.MultiplyAdd(x, y0, s00);
            s01 = TSimd.MultiplyAdd(x, y1, s01);
            if (rows > 1)
            {
                x = TSimd.Load(a1 + p);
                s10 = TSimd.MultiplyAdd(x, y0, s10);
                s11 = TSimd.MultiplyAdd(x, y1, s11);
            }
            if (rows > 2)
            {
                x = TSimd.Load(a2 + p);
                s20 = TSimd.MultiplyAdd(x, y0, s20);
                s21 = TSimd.MultiplyAdd(x, y1, s21);
            }
            if (rows > 3)
            {
                x = TSimd.Load(a3 + p);
                s30 = TSimd.MultiplyAdd(x, y0, s30);
                s31 = TSimd.MultiplyAdd(x, y1, s31);
            }
            if (rows > 4)
            {
                x = TSimd.Load(a4 + p);
                s40 = TSimd.MultiplyAdd(x, y0, s40);
                s41 = TSimd.MultiplyAdd(x, y1, s41);
            }
        }
        if (tail > 0)
        {
            // The last k mod lanes elements as one more step (zeros past the end add nothing).
            TVec y0 = TSimd.LoadPartial(b0 + kVec, tail);
            TVec y1 = TSimd.LoadPartial(b1 + kVec, tail);
            TVec x = TSimd.LoadPartial(a0 + kVec, tail);
            s00 = TSimd.MultiplyAdd(x, y0, s00);
            s01 = TSimd.MultiplyAdd(x, y1, s01);
            if (rows > 1)
            {
                x = TSimd.LoadPartial(a1 + kVec, tail);
                s10 = TSimd.MultiplyAdd(x, y0, s10);
                s11 = TSimd.MultiplyAdd(x, y1, s11);
            }
            if (rows > 2)
            {
                x = TSimd.LoadPartial(a2 + kVec, tail);
                s20 = TSimd.MultiplyAdd(x, y0, s20);
                s21 = TSimd.MultiplyAdd(x, y1, s21);
            }
            if (rows > 3)
            {
                x = TSimd.LoadPartial(a3 + kVec, tail);
                s30 = TSimd.MultiplyAdd(x, y0, s30);
                s31 = TSimd.MultiplyAdd(x, y1, s31);
            }
            if (rows > 4)
            {
                x = TSimd.LoadPartial(a4 + kVec, tail);
                s40 = TSimd.MultiplyAdd(x, y0, s40);
                s41 = TSimd.MultiplyAdd(x, y1, s41);
            }
        }

        if (typeof(TVec) == typeof(Vector256<float>) && Avx.IsSupported)
        {
            // Four lane sums at a time with horizontal adds (the unused rows' zeros cost little).
            Sum4(As256(s00), As256(s01), As256(s10), As256(s11)).Store((float*)sums);
            if (rows > 2) Sum4(As256(s20), As256(s21), As256(s30), As256(s31)).Store((float*)sums + 4);
            if (rows > 4) Sum4(As256(s40), As256(s41), As256(s40), As256(s41)).Store((float*)sums + 8);
        }
        else
        {
            sums[0] = TSimd.Sum(s00); sums[1] = TSimd.Sum(s01);
            if (rows > 1) { sums[2] = TSimd.Sum(s10); sums[3] = TSimd.Sum(s11); }
            if (rows > 2) { sums[4] = TSimd.Sum(s20); sums[5] = TSimd.Sum(s21); }
            if (rows > 3) { sums[6] = TSimd.Sum(s30); sums[7] = TSimd.Sum(s31); }
            if (rows > 4) { sums[8] = TSimd.Sum(s40); sums[9] = TSimd.Sum(s41); }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> As256<TVec>(TVec v) where TVec : struct => Unsafe.As<TVec, Vector256<float>>(ref v);

    /// <summary>[Σa, Σb, Σc, Σd]: pairs within 128-bit lanes, then the two halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Sum4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        Vector256<float> ab = Avx.HorizontalAdd(a, b);
        Vector256<float> cd = Avx.HorizontalAdd(c, d);
        Vector256<float> abcd = Avx.HorizontalAdd(ab, cd);
        return abcd.GetLower() + abcd.GetUpper();
    }
}
