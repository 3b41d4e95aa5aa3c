using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Teleport.Kernels;

/// <summary>
/// The register-tiled micro-kernel of every outer-product matrix product: an
/// <see cref="Rows"/> × (2 vectors) tile of C held in 12 vector registers, updated by one rank-1
/// step per k: two vector loads of B, six broadcasts of A, twelve fused multiply-adds.
/// </summary>
/// <remarks>
/// Operands are addressed by strides, so the same kernel reads packed panels and matrices in place:
/// A(r, p) = <c>a[r·aRow + p·aCol]</c>, B(p, j) = <c>b[p·bRow + j]</c> (contiguous in j).
/// Rows past <c>rows</c> are clamped to the last valid row (computed, never stored), so A is never
/// read out of bounds; columns past <c>cols</c> must be readable (a zero-padded packed panel).
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
    [SkipLocalsInit]
    internal static void Tile<T, TVec, TSimd>(
        int kc, T* a, nint aRow, nint aCol, T* b, nint bRow, T* c, nint ldc, int rows, int cols, bool add)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        nint w = TSimd.Count;
        nint tw = 2 * w;
        bool full = rows == Rows && cols == tw;
        nint o1 = aRow * Math.Min(1, rows - 1);
        nint o2 = aRow * Math.Min(2, rows - 1);
        nint o3 = aRow * Math.Min(3, rows - 1);
        nint o4 = aRow * Math.Min(4, rows - 1);
        nint o5 = aRow * Math.Min(5, rows - 1);

        // The accumulators start from C (accumulate) or zero, so each element is the single chain
        // c ← fma(a, b, c) in increasing k, whatever the blocking of k.
        T* t = stackalloc T[Rows * 2 * 16];
        T* s = c;
        nint ls = ldc;
        if (!full)
        {
            new Span<T>(t, Rows * (int)tw).Clear();
            if (add) EdgeCopy(c, ldc, t, tw, rows, cols);
            s = t;
            ls = tw;
        }

        TVec c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (add || !full)
        {
            c00 = TSimd.Load(s); c01 = TSimd.Load(s + w);
            c10 = TSimd.Load(s + ls); c11 = TSimd.Load(s + ls + w);
            c20 = TSimd.Load(s + 2 * ls); c21 = TSimd.Load(s + 2 * ls + w);
            c30 = TSimd.Load(s + 3 * ls); c31 = TSimd.Load(s + 3 * ls + w);
            c40 = TSimd.Load(s + 4 * ls); c41 = TSimd.Load(s + 4 * ls + w);
            c50 = TSimd.Load(s + 5 * ls); c51 = TSimd.Load(s + 5 * ls + w);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = TSimd.Zero;
        }

        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TSimd.Load(b);
            TVec b1 = TSimd.Load(b + w);
            TVec x = TSimd.Broadcast(a);
            c00 = TSimd.MultiplyAdd(x, b0, c00);
            c01 = TSimd.MultiplyAdd(x, b1, c01);
            x = TSimd.Broadcast(a + o1);
            c10 = TSimd.MultiplyAdd(x, b0, c10);
            c11 = TSimd.MultiplyAdd(x, b1, c11);
            x = TSimd.Broadcast(a + o2);
            c20 = TSimd.MultiplyAdd(x, b0, c20);
            c21 = TSimd.MultiplyAdd(x, b1, c21);
            x = TSimd.Broadcast(a + o3);
            c30 = TSimd.MultiplyAdd(x, b0, c30);
            c31 = TSimd.MultiplyAdd(x, b1, c31);
            x = TSimd.Broadcast(a + o4);
            c40 = TSimd.MultiplyAdd(x, b0, c40);
            c41 = TSimd.MultiplyAdd(x, b1, c41);
            x = TSimd.Broadcast(a + o5);
            c50 = TSimd.MultiplyAdd(x, b0, c50);
            c51 = TSimd.MultiplyAdd(x, b1, c51);
            a += aCol;
            b += bRow;
        }

        TSimd.Store(c00, s); TSimd.Store(c01, s + w);
        TSimd.Store(c10, s + ls); TSimd.Store(c11, s + ls + w);
        TSimd.Store(c20, s + 2 * ls); TSimd.Store(c21, s + 2 * ls + w);
        TSimd.Store(c30, s + 3 * ls); TSimd.Store(c31, s + 3 * ls + w);
        TSimd.Store(c40, s + 4 * ls); TSimd.Store(c41, s + 4 * ls + w);
        TSimd.Store(c50, s + 5 * ls); TSimd.Store(c51, s + 5 * ls + w);
        if (!full) EdgeCopy(t, tw, c, ldc, rows, cols);
    }

    /// <summary>Copies the leading rows × cols of one strided matrix to another.</summary>
    internal static void EdgeCopy<T>(T* source, nint sourceStride, T* destination, nint destinationStride, int rows, int cols)
        where T : unmanaged
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<T>(source + r * sourceStride, cols).CopyTo(new Span<T>(destination + r * destinationStride, cols));
    }
}
