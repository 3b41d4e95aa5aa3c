using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// Σ term(x[i], y[i]) in double with a fixed summation order that does not depend on the vector
/// width: element i goes to partial sum i mod 16 (in increasing i), and the 16 partials are added
/// in a fixed tree. Float inputs are widened to double first (a float product is exact in double),
/// so float reductions are as accurate as a double loop and bit-identical at every width.
/// </summary>
internal static unsafe class DeterministicReduction
{
    private const int Lanes = 16;

    [SkipLocalsInit]
    internal static double Reduce<T, TTerm>(T* x, T* y, nint n)
        where T : unmanaged, IFloatingPointIeee754<T> where TTerm : IReductionTerm
    {
        double* partial = stackalloc double[Lanes];
        for (int j = 0; j < Lanes; j++) partial[j] = 0;
        nint i = 0;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            var width = SimdSupport.Current;
            if (width >= SimdWidth.Vector512) i = Blocks512<T, TTerm>(x, y, n, partial);
            else if (width >= SimdWidth.Vector256) i = Blocks256<T, TTerm>(x, y, n, partial);
            else if (width >= SimdWidth.Vector128) i = Blocks128<T, TTerm>(x, y, n, partial);
        }
        for (; i < n; i++)
        {
            int lane = (int)(i & (Lanes - 1));
            partial[lane] = TTerm.Accumulate(partial[lane], double.CreateTruncating(x[i]), double.CreateTruncating(y[i]));
        }
        for (int half = Lanes / 2; half >= 1; half /= 2)
        {
            for (int j = 0; j < half; j++) partial[j] += partial[j + half];
        }
        return partial[0];
    }

    /// <summary>Whole blocks of 16 as 2 vectors of 8 doubles; returns the index after the last block.</summary>
    private static nint Blocks512<T, TTerm>(T* x, T* y, nint n, double* partial)
        where T : unmanaged where TTerm : IReductionTerm
    {
        Vector512<double> a0 = Vector512<double>.Zero, a1 = Vector512<double>.Zero;
        nint i = 0;
        for (; i <= n - Lanes; i += Lanes)
        {
            Vector512<double> x0, x1, y0, y1;
            if (typeof(T) == typeof(float))
            {
                (x0, x1) = Vector512.Widen(Vector512.Load((float*)x + i));
                (y0, y1) = Vector512.Widen(Vector512.Load((float*)y + i));
            }
            else
            {
                x0 = Vector512.Load((double*)x + i); x1 = Vector512.Load((double*)x + i + 8);
                y0 = Vector512.Load((double*)y + i); y1 = Vector512.Load((double*)y + i + 8);
            }
            a0 = TTerm.Accumulate(a0, x0, y0);
            a1 = TTerm.Accumulate(a1, x1, y1);
        }
        a0.Store(partial);
        a1.Store(partial + 8);
        return i;
    }

    /// <summary>Whole blocks of 16 as 4 vectors of 4 doubles.</summary>
    private static nint Blocks256<T, TTerm>(T* x, T* y, nint n, double* partial)
        where T : unmanaged where TTerm : IReductionTerm
    {
        Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        nint i = 0;
        for (; i <= n - Lanes; i += Lanes)
        {
            Vector256<double> x0, x1, x2, x3, y0, y1, y2, y3;
            if (typeof(T) == typeof(float))
            {
                (x0, x1) = Vector256.Widen(Vector256.Load((float*)x + i));
                (x2, x3) = Vector256.Widen(Vector256.Load((float*)x + i + 8));
                (y0, y1) = Vector256.Widen(Vector256.Load((float*)y + i));
                (y2, y3) = Vector256.Widen(Vector256.Load((float*)y + i + 8));
            }
            else
            {
                double* px = (double*)x + i, py = (double*)y + i;
                x0 = Vector256.Load(px); x1 = Vector256.Load(px + 4); x2 = Vector256.Load(px + 8); x3 = Vector256.Load(px + 12);
                y0 = Vector256.Load(py); y1 = Vector256.Load(py + 4); y2 = Vector256.Load(py + 8); y3 = Vector256.Load(py + 12);
            }
            a0 = TTerm.Accumulate(a0, x0, y0);
            a1 = TTerm.Accumulate(a1, x1, y1);
            a2 = TTerm.Accumulate(a2, x2, y2);
            a3 = TTerm.Accumulate(a3, x3, y3);
        }
        a0.Store(partial);
        a1.Store(partial + 4);
        a2.Store(partial + 8);
        a3.Store(partial + 12);
        return i;
    }

    /// <summary>Whole blocks of 16 as 8 vectors of 2 doubles.</summary>
    private static nint Blocks128<T, TTerm>(T* x, T* y, nint n, double* partial)
        where T : unmanaged where TTerm : IReductionTerm
    {
        Vector128<double> a0 = Vector128<double>.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        nint i = 0;
        for (; i <= n - Lanes; i += Lanes)
        {
            Vector128<double> x0, x1, x2, x3, x4, x5, x6, x7, y0, y1, y2, y3, y4, y5, y6, y7;
            if (typeof(T) == typeof(float))
            {
                float* px = (float*)x + i, py = (float*)y + i;
                (x0, x1) = Vector128.Widen(Vector128.Load(px));
                (x2, x3) = Vector128.Widen(Vector128.Load(px + 4));
                (x4, x5) = Vector128.Widen(Vector128.Load(px + 8));
                (x6, x7) = Vector128.Widen(Vector128.Load(px + 12));
                (y0, y1) = Vector128.Widen(Vector128.Load(py));
                (y2, y3) = Vector128.Widen(Vector128.Load(py + 4));
                (y4, y5) = Vector128.Widen(Vector128.Load(py + 8));
                (y6, y7) = Vector128.Widen(Vector128.Load(py + 12));
            }
            else
            {
                double* px = (double*)x + i, py = (double*)y + i;
                x0 = Vector128.Load(px); x1 = Vector128.Load(px + 2); x2 = Vector128.Load(px + 4); x3 = Vector128.Load(px + 6);
                x4 = Vector128.Load(px + 8); x5 = Vector128.Load(px + 10); x6 = Vector128.Load(px + 12); x7 = Vector128.Load(px + 14);
                y0 = Vector128.Load(py); y1 = Vector128.Load(py + 2); y2 = Vector128.Load(py + 4); y3 = Vector128.Load(py + 6);
                y4 = Vector128.Load(py + 8); y5 = Vector128.Load(py + 10); y6 = Vector128.Load(py + 12); y7 = Vector128.Load(py + 14);
            }
            a0 = TTerm.Accumulate(a0, x0, y0);
            a1 = TTerm.Accumulate(a1, x1, y1);
            a2 = TTerm.Accumulate(a2, x2, y2);
            a3 = TTerm.Accumulate(a3, x3, y3);
            a4 = TTerm.Accumulate(a4, x4, y4);
            a5 = TTerm.Accumulate(a5, x5, y5);
            a6 = TTerm.Accumulate(a6, x6, y6);
            a7 = TTerm.Accumulate(a7, x7, y7);
        }
        a0.Store(partial); a1.Store(partial + 2); a2.Store(partial + 4); a3.Store(partial + 6);
        a4.Store(partial + 8); a5.Store(partial + 10); a6.Store(partial + 12); a7.Store(partial + 14);
        return i;
    }
}
