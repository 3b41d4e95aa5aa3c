using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Kernels;

/// <summary>
/// The register-tiled micro-kernel of every outer-product matrix product: an
/// <see cref="Rows"/> × (2 vectors) tile of C held in 12 vector registers, updated by one rank-1
/// step per k: two vector loads of B, six broadcasts of A, twelve fused multiply-adds.
/// </summary>
/// <remarks>
/// Operands are addressed by strides, so the same kernel reads packed panels and matrices in place:
/// A(r, p) = <c>a[r·aRow + p·aCol]</c>, B(p, j) = <c>b[p·bRow + j]</c> (contiguous in j).
/// Edge tiles read a zero-padded packed panel of A (rows past <c>rows</c> are zero and never
/// stored); columns past <c>cols</c> must be readable (a zero-padded packed panel of B).
/// Each C element is one chain of fused multiply-adds in increasing k: the result does not depend
/// on the vector width, the tiling or the thread that computes the tile.
/// </remarks>
internal static unsafe class GemmMicroKernel
{
    /// <summary>Rows of C per tile (MR).</summary>
    internal const int Rows = 6;

    /// <summary>Columns of C per tile (NR) for a vector width.</summary>
    internal static int Columns<T, TVec, TSimd>()
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec> => 2 * TSimd.Count;

    /// <summary>C tile = (add ? C : 0) + Σ_p A(r, p)·B(p, ·) over p in [0, kc), as one chain per element.</summary>
    /// <remarks>
    /// <typeparamref name="TLayout"/> says how A is addressed: a packed panel (row r of step p at
    /// <c>a[p·MR + r]</c>) or in place by strides (<paramref name="aRow"/>, <paramref name="aCol"/>).
    /// Only the <paramref name="rows"/> (1 … MR) valid rows are read and computed: an edge tile of
    /// two rows costs a third of a whole one (a kernel specialised per row count).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Tile<T, TVec, TSimd, TLayout>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout
    {
        switch (rows)
        {
            case 6: Tile<T, TVec, TSimd, TLayout, Rows6>(kc, a, aRow, aCol, b, bRow, c, ldc, cols, add); break;
            case 5: Tile<T, TVec, TSimd, TLayout, Rows5>(kc, a, aRow, aCol, b, bRow, c, ldc, cols, add); break;
            case 4: Tile<T, TVec, TSimd, TLayout, Rows4>(kc, a, aRow, aCol, b, bRow, c, ldc, cols, add); break;
            case 3: Tile<T, TVec, TSimd, TLayout, Rows3>(kc, a, aRow, aCol, b, bRow, c, ldc, cols, add); break;
            case 2: Tile<T, TVec, TSimd, TLayout, Rows2>(kc, a, aRow, aCol, b, bRow, c, ldc, cols, add); break;
            default: Tile<T, TVec, TSimd, TLayout, Rows1>(kc, a, aRow, aCol, b, bRow, c, ldc, cols, add); break;
        }
    }

    /// <summary>The tile of exactly <typeparamref name="TRows"/>.Count rows (a JIT-time constant: unused rows vanish).</summary>
    internal static void Tile<T, TVec, TSimd, TLayout, TRows>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout where TRows : struct, IRowCount
    {
        nint w = TSimd.Count;
        int rows = TRows.Count;
        bool full = cols == 2 * w;
        if (TLayout.IsPacked)
        {
            aRow = 1;
            aCol = Rows;
        }
        // Two bases three rows apart, so every row is base + 0, 1 or 2 row strides (one addressing mode each).
        T* a3 = a + 3 * aRow;

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

        // The accumulators start from C (accumulate) or zero, so each element is the single chain
        // c ← fma(a, b, c) in increasing k, whatever the blocking of k.
        TVec c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = TSimd.Zero;
        if (add)
        {
            if (full)
            {
                c00 = TSimd.Load(c); c01 = TSimd.Load(c + w);
                if (rows > 1) { c10 = TSimd.Load(c + ldc); c11 = TSimd.Load(c + ldc + w); }
                if (rows > 2) { c20 = TSimd.Load(c + 2 * ldc); c21 = TSimd.Load(c + 2 * ldc + w); }
                if (rows > 3) { c30 = TSimd.Load(c + 3 * ldc); c31 = TSimd.Load(c + 3 * ldc + w); }
                if (rows > 4) { c40 = TSimd.Load(c + 4 * ldc); c41 = TSimd.Load(c + 4 * ldc + w); }
                if (rows > 5) { c50 = TSimd.Load(c + 5 * ldc); c51 = TSimd.Load(c + 5 * ldc + w); }
            }
            else
            {
                int rest = cols - (int)w;
                c00 = LoadEdge<T, TVec, TSimd>(c, cols); c01 = LoadEdge<T, TVec, TSimd>(c + w, rest);
                if (rows > 1) { c10 = LoadEdge<T, TVec, TSimd>(c + ldc, cols); c11 = LoadEdge<T, TVec, TSimd>(c + ldc + w, rest); }
                if (rows > 2) { c20 = LoadEdge<T, TVec, TSimd>(c + 2 * ldc, cols); c21 = LoadEdge<T, TVec, TSimd>(c + 2 * ldc + w, rest); }
                if (rows > 3) { c30 = LoadEdge<T, TVec, TSimd>(c + 3 * ldc, cols); c31 = LoadEdge<T, TVec, TSimd>(c + 3 * ldc + w, rest); }
                if (rows > 4) { c40 = LoadEdge<T, TVec, TSimd>(c + 4 * ldc, cols); c41 = LoadEdge<T, TVec, TSimd>(c + 4 * ldc + w, rest); }
                if (rows > 5) { c50 = LoadEdge<T, TVec, TSimd>(c + 5 * ldc, cols); c51 = LoadEdge<T, TVec, TSimd>(c + 5 * ldc + w, rest); }
            }
        }

        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TSimd.Load(b);
            TVec b1 = TSimd.Load(b + w);
            TVec x = TSimd.Broadcast(a);
            c00 = TSimd.MultiplyAdd(x, b0, c00);
            c01 = TSimd.MultiplyAdd(x, b1, c01);
            if (rows > 1)
            {
                x = TSimd.Broadcast(TLayout.IsPacked ? a + 1 : a + aRow);
                c10 = TSimd.MultiplyAdd(x, b0, c10);
                c11 = TSimd.MultiplyAdd(x, b1, c11);
            }
            if (rows > 2)
            {
                x = TSimd.Broadcast(TLayout.IsPacked ? a + 2 : a + 2 * aRow);
                c20 = TSimd.MultiplyAdd(x, b0, c20);
                c21 = TSimd.MultiplyAdd(x, b1, c21);
            }
            if (rows > 3)
            {
                x = TSimd.Broadcast(TLayout.IsPacked ? a + 3 : a3);
                c30 = TSimd.MultiplyAdd(x, b0, c30);
                c31 = TSimd.MultiplyAdd(x, b1, c31);
            }
            if (rows > 4)
            {
                x = TSimd.Broadcast(TLayout.IsPacked ? a + 4 : a3 + aRow);
                c40 = TSimd.MultiplyAdd(x, b0, c40);
                c41 = TSimd.MultiplyAdd(x, b1, c41);
            }
            if (rows > 5)
            {
                x = TSimd.Broadcast(TLayout.IsPacked ? a + 5 : a3 + 2 * aRow);
                c50 = TSimd.MultiplyAdd(x, b0, c50);
                c51 = TSimd.MultiplyAdd(x, b1, c51);
            }
            if (TLayout.IsPacked)
            {
                a += Rows;
            }
            else
            {
                a += aCol;
                a3 += aCol;
            }
            b += bRow;
        }

        if (full)
        {
            TSimd.Store(c00, c); TSimd.Store(c01, c + w);
            if (rows > 1) { TSimd.Store(c10, c + ldc); TSimd.Store(c11, c + ldc + w); }
            if (rows > 2) { TSimd.Store(c20, c + 2 * ldc); TSimd.Store(c21, c + 2 * ldc + w); }
            if (rows > 3) { TSimd.Store(c30, c + 3 * ldc); TSimd.Store(c31, c + 3 * ldc + w); }
            if (rows > 4) { TSimd.Store(c40, c + 4 * ldc); TSimd.Store(c41, c + 4 * ldc + w); }
            if (rows > 5) { TSimd.Store(c50, c + 5 * ldc); TSimd.Store(c51, c + 5 * ldc + w); }
        }
        else
        {
            // Edge tile: only the valid lanes of each row.
            int rest = cols - (int)w;
            StoreEdge<T, TVec, TSimd>(c00, c, cols); StoreEdge<T, TVec, TSimd>(c01, c + w, rest);
            if (rows > 1) { StoreEdge<T, TVec, TSimd>(c10, c + ldc, cols); StoreEdge<T, TVec, TSimd>(c11, c + ldc + w, rest); }
            if (rows > 2) { StoreEdge<T, TVec, TSimd>(c20, c + 2 * ldc, cols); StoreEdge<T, TVec, TSimd>(c21, c + 2 * ldc + w, rest); }
            if (rows > 3) { StoreEdge<T, TVec, TSimd>(c30, c + 3 * ldc, cols); StoreEdge<T, TVec, TSimd>(c31, c + 3 * ldc + w, rest); }
            if (rows > 4) { StoreEdge<T, TVec, TSimd>(c40, c + 4 * ldc, cols); StoreEdge<T, TVec, TSimd>(c41, c + 4 * ldc + w, rest); }
            if (rows > 5) { StoreEdge<T, TVec, TSimd>(c50, c + 5 * ldc, cols); StoreEdge<T, TVec, TSimd>(c51, c + 5 * ldc + w, rest); }
        }
    }

    /// <summary>Loads <paramref name="count"/> lanes (all when ≥ Count, none when ≤ 0), zeroes the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LoadEdge<T, TVec, TSimd>(T* source, int count)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        if (count >= TSimd.Count) return TSimd.Load(source);
        return count <= 0 ? TSimd.Zero : TSimd.LoadPartial(source, count);
    }

    /// <summary>Stores <paramref name="count"/> lanes (all when ≥ Count, none when ≤ 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreEdge<T, TVec, TSimd>(TVec value, T* destination, int count)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        if (count >= TSimd.Count) TSimd.Store(value, destination);
        else if (count > 0) TSimd.StorePartial(value, destination, count);
    }
}

/// <summary>A tile's row count as a type, so the JIT specialises the micro-kernel for it.</summary>
internal interface IRowCount
{
    static abstract int Count { get; }
}

internal readonly struct Rows1 : IRowCount { public static int Count => 1; }
internal readonly struct Rows2 : IRowCount { public static int Count => 2; }
internal readonly struct Rows3 : IRowCount { public static int Count => 3; }
internal readonly struct Rows4 : IRowCount { public static int Count => 4; }
internal readonly struct Rows5 : IRowCount { public static int Count => 5; }
internal readonly struct Rows6 : IRowCount { public static int Count => 6; }

/// <summary>How the micro-kernel addresses A: a packed MR-row panel, or in place by strides.</summary>
internal interface IPanelLayout
{
    static abstract bool IsPacked { get; }
}

/// <summary>A packed panel: row r of step p at <c>p·MR + r</c> (offsets are immediates).</summary>
internal readonly struct PackedPanel : IPanelLayout
{
    public static bool IsPacked => true;
}

/// <summary>A in place: row r of step p at <c>r·aRow + p·aCol</c>.</summary>
internal readonly struct StridedPanel : IPanelLayout
{
    public static bool IsPacked => false;
}
