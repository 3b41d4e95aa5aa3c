using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Kernels;

/// <summary>
/// The register tile every outer-product matrix product runs on: up to <see cref="GemmMicroKernel.MaxRows"/>
/// rows × two vectors of C held in registers for a whole depth block, updated by one rank-1 step per k —
/// two vector loads of B, one broadcast of A per row, two fused multiply-adds per row.
/// </summary>
/// <remarks>
/// <para>The row count is a type argument (<see cref="IRowCount"/>), a constant to the JIT: the
/// unused rows' registers and instructions vanish, so a 12-row tile (24 accumulators, for the 32 vector
/// registers of AVX-512) and a 6-row one (12 accumulators, for the 16 of AVX2) are the same source.</para>
/// <para>Each C element is the single chain c ← fma(A(r, p), B(p, j), c) in increasing p, from C
/// (<c>add</c>) or zero: the result does not depend on the width, the tile height, the blocking or the
/// thread that computes the tile.</para>
/// </remarks>
internal static unsafe class GemmRegisterTile
{
    /// <summary>
    /// C[rows × 2 vectors] = (add ? C : 0) + Σ_p A(r, p)·B(p, ·) over p in [0, kc), rows =
    /// <typeparamref name="TRows"/>.Count. A(r, p) = <c>a[r·aRow + p·aCol]</c>, B(p, j) = <c>b[p·bRow + j]</c>
    /// (both vectors of a step readable).
    /// </summary>
    internal static void Run<T, TVec, TSimd, TLayout, TRows>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout where TRows : struct, IRowCount
    {
        nint w = TSimd.Count;
        int rows = TRows.Count;
        if (TLayout.UnitRowStride) aRow = 1;

        // Ask for the C tile below (the next one the driver runs) while this one computes; a prefetch
        // never faults, so past the last row it is harmless.
        if (Sse.IsSupported && kc >= 32)
        {
            T* next = c + rows * ldc;
            for (int r = 0; r < rows; r++)
            {
                Sse.Prefetch0(next + r * ldc);
                Sse.Prefetch0(next + r * ldc + 2 * w - 1);
            }
        }

        // Accumulator cRJ holds row R (a hexadecimal digit) and vector J of the tile. They start from C
        // (accumulate) or zero, so each element is the single chain
        // c ← fma(a, b, c) in increasing k, whatever the blocking of k.
        TVec c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        TVec c60, c61, c70, c71, c80, c81, c90, c91, ca0, ca1, cb0, cb1;
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = TSimd.Zero;
        c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = ca0 = ca1 = cb0 = cb1 = TSimd.Zero;
        if (add)
        {
            c00 = TSimd.Load(c); c01 = TSimd.Load(c + w);
            if (rows > 1) { c10 = TSimd.Load(c + ldc); c11 = TSimd.Load(c + ldc + w); }
            if (rows > 2) { c20 = TSimd.Load(c + 2 * ldc); c21 = TSimd.Load(c + 2 * ldc + w); }
            if (rows > 3) { c30 = TSimd.Load(c + 3 * ldc); c31 = TSimd.Load(c + 3 * ldc + w); }
            if (rows > 4) { c40 = TSimd.Load(c + 4 * ldc); c41 = TSimd.Load(c + 4 * ldc + w); }
            if (rows > 5) { c50 = TSimd.Load(c + 5 * ldc); c51 = TSimd.Load(c + 5 * ldc + w); }
            if (rows > 6) { c60 = TSimd.Load(c + 6 * ldc); c61 = TSimd.Load(c + 6 * ldc + w); }
            if (rows > 7) { c70 = TSimd.Load(c + 7 * ldc); c71 = TSimd.Load(c + 7 * ldc + w); }
            if (rows > 8) { c80 = TSimd.Load(c + 8 * ldc); c81 = TSimd.Load(c + 8 * ldc + w); }
            if (rows > 9) { c90 = TSimd.Load(c + 9 * ldc); c91 = TSimd.Load(c + 9 * ldc + w); }
            if (rows > 10) { ca0 = TSimd.Load(c + 10 * ldc); ca1 = TSimd.Load(c + 10 * ldc + w); }
            if (rows > 11) { cb0 = TSimd.Load(c + 11 * ldc); cb1 = TSimd.Load(c + 11 * ldc + w); }
        }

        // In place (strided) the rows come from four bases, each row base + 0, 1 or 2 row strides (one
        // addressing mode each); packed or with a unit row stride the offsets are immediates.
        T* a3 = a + 3 * aRow, a6 = a + 6 * aRow, a9 = a + 9 * aRow;
        T* end = b + kc * bRow;
        while (b < end)
        {
            TVec b0 = TSimd.Load(b);
            TVec b1 = TSimd.Load(b + w);
            TVec x = TSimd.Broadcast(a);
            c00 = TSimd.MultiplyAdd(b0, x, c00);
            c01 = TSimd.MultiplyAdd(b1, x, c01);
            if (rows > 1)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 1 : a + aRow);
                c10 = TSimd.MultiplyAdd(b0, x, c10);
                c11 = TSimd.MultiplyAdd(b1, x, c11);
            }
            if (rows > 2)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 2 : a + 2 * aRow);
                c20 = TSimd.MultiplyAdd(b0, x, c20);
                c21 = TSimd.MultiplyAdd(b1, x, c21);
            }
            if (rows > 3)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 3 : a3);
                c30 = TSimd.MultiplyAdd(b0, x, c30);
                c31 = TSimd.MultiplyAdd(b1, x, c31);
            }
            if (rows > 4)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 4 : a3 + aRow);
                c40 = TSimd.MultiplyAdd(b0, x, c40);
                c41 = TSimd.MultiplyAdd(b1, x, c41);
            }
            if (rows > 5)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 5 : a3 + 2 * aRow);
                c50 = TSimd.MultiplyAdd(b0, x, c50);
                c51 = TSimd.MultiplyAdd(b1, x, c51);
            }
            if (rows > 6)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 6 : a6);
                c60 = TSimd.MultiplyAdd(b0, x, c60);
                c61 = TSimd.MultiplyAdd(b1, x, c61);
            }
            if (rows > 7)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 7 : a6 + aRow);
                c70 = TSimd.MultiplyAdd(b0, x, c70);
                c71 = TSimd.MultiplyAdd(b1, x, c71);
            }
            if (rows > 8)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 8 : a6 + 2 * aRow);
                c80 = TSimd.MultiplyAdd(b0, x, c80);
                c81 = TSimd.MultiplyAdd(b1, x, c81);
            }
            if (rows > 9)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 9 : a9);
                c90 = TSimd.MultiplyAdd(b0, x, c90);
                c91 = TSimd.MultiplyAdd(b1, x, c91);
            }
            if (rows > 10)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 10 : a9 + aRow);
                ca0 = TSimd.MultiplyAdd(b0, x, ca0);
                ca1 = TSimd.MultiplyAdd(b1, x, ca1);
            }
            if (rows > 11)
            {
                x = TSimd.Broadcast(TLayout.UnitRowStride ? a + 11 : a9 + 2 * aRow);
                cb0 = TSimd.MultiplyAdd(b0, x, cb0);
                cb1 = TSimd.MultiplyAdd(b1, x, cb1);
            }
            a += aCol;
            if (!TLayout.UnitRowStride)
            {
                if (rows > 3) a3 += aCol;
                if (rows > 6) a6 += aCol;
                if (rows > 9) a9 += aCol;
            }
            b += bRow;
        }

        TSimd.Store(c00, c); TSimd.Store(c01, c + w);
        if (rows > 1) { TSimd.Store(c10, c + ldc); TSimd.Store(c11, c + ldc + w); }
        if (rows > 2) { TSimd.Store(c20, c + 2 * ldc); TSimd.Store(c21, c + 2 * ldc + w); }
        if (rows > 3) { TSimd.Store(c30, c + 3 * ldc); TSimd.Store(c31, c + 3 * ldc + w); }
        if (rows > 4) { TSimd.Store(c40, c + 4 * ldc); TSimd.Store(c41, c + 4 * ldc + w); }
        if (rows > 5) { TSimd.Store(c50, c + 5 * ldc); TSimd.Store(c51, c + 5 * ldc + w); }
        if (rows > 6) { TSimd.Store(c60, c + 6 * ldc); TSimd.Store(c61, c + 6 * ldc + w); }
        if (rows > 7) { TSimd.Store(c70, c + 7 * ldc); TSimd.Store(c71, c + 7 * ldc + w); }
        if (rows > 8) { TSimd.Store(c80, c + 8 * ldc); TSimd.Store(c81, c + 8 * ldc + w); }
        if (rows > 9) { TSimd.Store(c90, c + 9 * ldc); TSimd.Store(c91, c + 9 * ldc + w); }
        if (rows > 10) { TSimd.Store(ca0, c + 10 * ldc); TSimd.Store(ca1, c + 10 * ldc + w); }
        if (rows > 11) { TSimd.Store(cb0, c + 11 * ldc); TSimd.Store(cb1, c + 11 * ldc + w); }
    }
}
