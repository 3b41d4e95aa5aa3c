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
/// <para>Operands are addressed by strides, so the same kernel reads packed panels and matrices in place:
/// A(r, p) = <c>a[r·aRow + p·aCol]</c>, B(p, j) = <c>b[p·bRow + j]</c> (contiguous in j; the two
/// vectors of a step must be readable, e.g. a zero-padded packed panel at a column edge).</para>
/// <para>The kernel is specialised per row count (1 … <see cref="Rows"/>, a type argument), so an edge
/// tile of two rows costs a third of a whole one and reads only its rows. It is kept lean — whole
/// columns only, few live values — so the JIT holds every accumulator and pointer in a register;
/// a column-edge tile runs the same kernel on a small buffer (<see cref="TileEdge"/>).</para>
/// <para>Each C element is one chain of fused multiply-adds in increasing k: the result does not
/// depend on the vector width, the tiling or the thread that computes the tile.</para>
/// </remarks>
internal static unsafe class GemmMicroKernel
{
    /// <summary>Rows of C per tile (MR).</summary>
    internal const int Rows = 6;

    /// <summary>Columns of C per tile (NR) for a vector width.</summary>
    internal static int Columns<T, TVec, TSimd>()
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec> => 2 * TSimd.Count;

    /// <summary>
    /// C tile [rows × cols] = (add ? C : 0) + Σ_p A(r, p)·B(p, ·) over p in [0, kc), as one chain per
    /// element, for any 1 ≤ rows ≤ MR and 1 ≤ cols ≤ NR.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Tile<T, TVec, TSimd, TLayout>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout
    {
        if (cols == 2 * TSimd.Count) WholeColumns<T, TVec, TSimd, TLayout>(kc, a, aRow, aCol, b, bRow, c, ldc, rows, add);
        else TileEdge<T, TVec, TSimd, TLayout>(kc, a, aRow, aCol, b, bRow, c, ldc, rows, cols, add);
    }

    /// <summary>A tile of whole columns (NR) and any row count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WholeColumns<T, TVec, TSimd, TLayout>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, int rows, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout
    {
        switch (rows)
        {
            case 6: Tile<T, TVec, TSimd, TLayout, Rows6>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 5: Tile<T, TVec, TSimd, TLayout, Rows5>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 4: Tile<T, TVec, TSimd, TLayout, Rows4>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 3: Tile<T, TVec, TSimd, TLayout, Rows3>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 2: Tile<T, TVec, TSimd, TLayout, Rows2>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            default: Tile<T, TVec, TSimd, TLayout, Rows1>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
        }
    }

    /// <summary>
    /// A column-edge tile (cols &lt; NR): the whole-column kernel on a [rows × NR] buffer (holding C's
    /// valid part when accumulating), then the valid part copied out — the same chains, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining), SkipLocalsInit]
    internal static void TileEdge<T, TVec, TSimd, TLayout>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout
    {
        // 6 rows × 2 vectors of the widest width (512-bit doubles: 16 per row; floats: 32).
        const int Capacity = Rows * 32;
        T* buffer = stackalloc T[Capacity];
        nint w = TSimd.Count;
        nint nr = 2 * w;
        if (add)
        {
            for (int r = 0; r < rows; r++)
            {
                T* from = c + r * ldc;
                T* to = buffer + r * nr;
                nint j = 0;
                if (cols >= w)
                {
                    TSimd.Store(TSimd.Load(from), to);
                    j = w;
                }
                for (; j < cols; j++) to[j] = from[j];
                for (; j < nr; j++) to[j] = T.Zero;
            }
        }
        WholeColumns<T, TVec, TSimd, TLayout>(kc, a, aRow, aCol, b, bRow, buffer, nr, rows, add);
        for (int r = 0; r < rows; r++)
        {
            T* from = buffer + r * nr;
            T* to = c + r * ldc;
            nint j = 0;
            if (cols >= w)
            {
                TSimd.Store(TSimd.Load(from), to);
                j = w;
            }
            for (; j < cols; j++) to[j] = from[j];
        }
    }

    /// <summary>
    /// The whole-column tile of exactly <typeparamref name="TRows"/>.Count rows (a JIT-time constant:
    /// the unused rows' registers and instructions vanish).
    /// </summary>
    internal static void Tile<T, TVec, TSimd, TLayout, TRows>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout where TRows : struct, IRowCount
    {
        nint w = TSimd.Count;
        int rows = TRows.Count;
        if (TLayout.UnitRowStride) aRow = 1;
        if (TLayout.IsPacked) aCol = Rows;

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
            c00 = TSimd.Load(c); c01 = TSimd.Load(c + w);
            if (rows > 1) { c10 = TSimd.Load(c + ldc); c11 = TSimd.Load(c + ldc + w); }
            if (rows > 2) { c20 = TSimd.Load(c + 2 * ldc); c21 = TSimd.Load(c + 2 * ldc + w); }
            if (rows > 3) { c30 = TSimd.Load(c + 3 * ldc); c31 = TSimd.Load(c + 3 * ldc + w); }
            if (rows > 4) { c40 = TSimd.Load(c + 4 * ldc); c41 = TSimd.Load(c + 4 * ldc + w); }
            if (rows > 5) { c50 = TSimd.Load(c + 5 * ldc); c51 = TSimd.Load(c + 5 * ldc + w); }
        }

        // Rows 3 … 5 from a second base, so each row is base + 0, 1 or 2 row strides (one addressing
        // mode each); with a unit row stride the offsets are immediates.
        T* a3 = a + 3 * aRow;
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
            a += aCol;
            if (!TLayout.UnitRowStride && rows > 3) a3 += aCol;
            b += bRow;
        }

        TSimd.Store(c00, c); TSimd.Store(c01, c + w);
        if (rows > 1) { TSimd.Store(c10, c + ldc); TSimd.Store(c11, c + ldc + w); }
        if (rows > 2) { TSimd.Store(c20, c + 2 * ldc); TSimd.Store(c21, c + 2 * ldc + w); }
        if (rows > 3) { TSimd.Store(c30, c + 3 * ldc); TSimd.Store(c31, c + 3 * ldc + w); }
        if (rows > 4) { TSimd.Store(c40, c + 4 * ldc); TSimd.Store(c41, c + 4 * ldc + w); }
        if (rows > 5) { TSimd.Store(c50, c + 5 * ldc); TSimd.Store(c51, c + 5 * ldc + w); }
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
    /// <summary>A packed panel: row r of step p at <c>p·MR + r</c>.</summary>
    static abstract bool IsPacked { get; }

    /// <summary>The rows of one step are adjacent (<c>aRow = 1</c>): offsets are immediates.</summary>
    static abstract bool UnitRowStride { get; }
}

/// <summary>A packed panel: row r of step p at <c>p·MR + r</c> (offsets are immediates).</summary>
internal readonly struct PackedPanel : IPanelLayout
{
    public static bool IsPacked => true;
    public static bool UnitRowStride => true;
}

/// <summary>A in place with adjacent rows (Aᵀ stored row-major, the TN case): row r of step p at <c>r + p·aCol</c>.</summary>
internal readonly struct ColumnPanel : IPanelLayout
{
    public static bool IsPacked => false;
    public static bool UnitRowStride => true;
}

/// <summary>A in place: row r of step p at <c>r·aRow + p·aCol</c>.</summary>
internal readonly struct StridedPanel : IPanelLayout
{
    public static bool IsPacked => false;
    public static bool UnitRowStride => false;
}
