using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Teleport.Kernels;

/// <summary>
/// The micro-kernel of every outer-product matrix product: a tile of C of up to <see cref="MaxRows"/>
/// rows × two vectors (NR = 2·lanes columns), computed by the register tile
/// (<see cref="GemmRegisterTile"/>) specialised for its row count, or through a small buffer at a
/// column edge.
/// </summary>
/// <remarks>
/// <para>Operands are addressed by strides, so the same kernel reads packed panels and matrices in place:
/// A(r, p) = <c>a[r·aRow + p·aCol]</c>, B(p, j) = <c>b[p·bRow + j]</c> (contiguous in j; the two
/// vectors of a step must be readable, e.g. a zero-padded packed panel at a column edge).</para>
/// <para>Tile height (MR, <see cref="Rows"/>): 12 rows (24 accumulators) where the CPU has 32 vector
/// registers (AVX-512), 6 rows (12 accumulators) where it has 16 (AVX2): as many rows as fit, so each
/// loaded vector of B feeds as many fused multiply-adds as possible. The height changes the order
/// in which tiles are computed, never the chain of an element: results are the same bits.</para>
/// </remarks>
internal static unsafe class GemmMicroKernel
{
    /// <summary>The tallest tile (rows of C) any width uses.</summary>
    internal const int MaxRows = 12;

    /// <summary>The tile height where only 16 vector registers exist.</summary>
    internal const int ShortRows = 6;

    /// <summary>Tile height (MR) for products started on this thread: 12 with 32 vector registers (AVX-512), else 6; tests may force either.</summary>
    internal static int Rows
    {
        get
        {
            int forced = GemmPathOverride.ForcedTileRows;
            return forced != 0 ? forced : Avx512F.IsSupported ? MaxRows : ShortRows;
        }
    }

    /// <summary>Columns of C per tile (NR) for a vector width.</summary>
    internal static int Columns<T, TVec, TSimd>()
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec> => 2 * TSimd.Count;

    /// <summary>
    /// C tile [rows × cols] = (add ? C : 0) + Σ_p A(r, p)·B(p, ·) over p in [0, kc), as one chain per
    /// element, for any 1 ≤ rows ≤ <see cref="MaxRows"/> and 1 ≤ cols ≤ NR.
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
    internal static void WholeColumns<T, TVec, TSimd, TLayout>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, int rows, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
        where TLayout : struct, IPanelLayout
    {
        switch (rows)
        {
            case 12: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows12>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 11: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows11>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 10: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows10>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 9: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows9>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 8: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows8>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 7: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows7>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 6: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows6>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 5: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows5>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 4: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows4>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 3: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows3>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            case 2: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows2>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
            default: GemmRegisterTile.Run<T, TVec, TSimd, TLayout, Rows1>(kc, a, aRow, aCol, b, bRow, c, ldc, add); break;
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
        // MaxRows rows × 2 vectors of the widest width (512-bit doubles: 16 per row; floats: 32).
        const int Capacity = MaxRows * 32;
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
}
