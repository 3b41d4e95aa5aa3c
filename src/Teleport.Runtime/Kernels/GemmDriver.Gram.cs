using System;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

// The Gram matrix of the teleport session (K = X·Xᵀ): half the tiles of NT(X, X), same bits.
internal static unsafe partial class GemmDriver
{
    /// <summary>
    /// The Gram matrix K = X·Xᵀ [n×n] of the rows of X [n×d] (row stride d): only the tiles that
    /// touch the lower triangle are computed (about half the work of the full product), then the
    /// strict upper triangle is mirrored from the lower. Each element is the fused chain of the
    /// full product — fma(X(i,p), X(j,p), c) in increasing p is the same for (i, j) and (j, i) —
    /// so K is exactly symmetric and bit-identical to <c>NT(X, X)</c>.
    /// </summary>
    internal static void Gram<T>(T* x, int n, int d, T* k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0) return;
        if (d == 0)
        {
            new Span<T>(k, checked(n * n)).Clear();
            return;
        }
        switch (SimdSupport.Current)
        {
            case SimdWidth.Vector512: Gram<T, Vector512<T>, Simd512<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
            case SimdWidth.Vector256: Gram<T, Vector256<T>, Simd256<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
            case SimdWidth.Vector128: Gram<T, Vector128<T>, Simd128<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
            default: Gram<T, T, SimdScalar<T>>(x, n, d, k, GemmMicroKernel.Rows); break;
        }
    }

    private static void Gram<T, TVec, TSimd>(T* x, int n, int d, T* k, int mr)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TSimd : ISimd<T, TVec>
    {
        int nr = 2 * TSimd.Count;
        int kcMax = BlockDepth(d);
        int panels = (n + nr - 1) / nr;
        // Xᵀ of one depth block as NR-column panels (B(p, j) = X(j, p)); X itself is A, read in place.
        var xt = new MatrixOperand<T>(x, 1, d);
        T* bp = GemmBuffers<T>.B((nint)kcMax * panels * nr);
        for (int pc = 0; pc < d; pc += kcMax)
        {
            int kc = Math.Min(kcMax, d - pc);
            bool add = pc > 0;
            GemmPacking.PackB<T, TVec, TSimd>(xt, pc, kc, 0, n, bp);
            for (int jp = 0; jp < panels; jp++)
            {
                int jr = jp * nr;
                int cols = Math.Min(nr, n - jr);
                T* panel = bp + (nint)jr * kc;
                // Row tiles from the one holding row jr: every tile that reaches the lower triangle.
                for (int ir = jr / mr * mr; ir < n; ir += mr)
                {
                    GemmMicroKernel.Tile<T, TVec, TSimd, StridedPanel>(
                        kc, x + (nint)ir * d + pc, d, 1, panel, nr, k + (nint)ir * n + jr, n, Math.Min(mr, n - ir), cols, add);
                }
            }
        }

        // Mirror the strict lower triangle up: 8 × 8 blocks below the diagonal by an in-register
        // transpose (float, AVX), the rest element by element.
        int j8 = 0;
        if (typeof(T) == typeof(float) && System.Runtime.Intrinsics.X86.Avx.IsSupported && SimdSupport.Current >= SimdWidth.Vector256)
        {
            for (int i0 = 8; i0 + 8 <= n; i0 += 8)
            {
                for (int j0 = 0; j0 < i0; j0 += 8)
                    GemmTranspose.Transpose8x8((float*)k + (nint)i0 * n + j0, n, (float*)k + (nint)j0 * n + i0, n);
            }
            j8 = n / 8 * 8;
        }
        for (int i = 1; i < n; i++)
        {
            T* row = k + (nint)i * n;
            // Blocks of whole 8-row bands left of the diagonal block were transposed above.
            int from = i < j8 ? i / 8 * 8 : 0;
            for (int j = from; j < i; j++) k[(nint)j * n + i] = row[j];
        }
    }
}
