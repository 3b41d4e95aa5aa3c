using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Teleport.Kernels;

/// <summary>
/// Σ term(x[i], y[i]) in double with a fixed summation order that does not depend on the vector
/// width: element i goes to partial sum i mod 32 (in increasing i), and the 32 partials are added
/// in a fixed tree (halving: p[j] += p[j + h] for h = 16, 8, 4, 2, 1). Float inputs are widened to
/// double first (a float product is exact in double), so float reductions are as accurate as a
/// double loop and bit-identical at every width. A long vector is cut into fixed ranges first (<see cref="RangedLength"/>).
/// </summary>
/// <remarks>
/// Why 32 partials: each partial is a chain of dependent additions, so a reduction costs at least
/// n / partials × the add latency (4 cycles). With 16 partials (two 512-bit accumulators) the trainer's
/// ‖∇L‖² of the paper network (12 804 floats) took 1.0 µs, a tenth of its step; 32 give four
/// accumulators at 512 bits and eight at 256, and the widening is then what bounds it.
/// </remarks>
internal static unsafe class DeterministicReduction
{
    /// <summary>The number of partial sums (element i goes to partial i mod Lanes).</summary>
    internal const int Lanes = 32;

    /// <summary>
    /// Vectors of at least this many values (a wide network's gradient: 670 000) are reduced in <see cref="Ranges"/>
    /// fixed ranges, each as a short vector is, and the range sums added in order; the ranges are shared with the GEMM
    /// worker (<see cref="RangeSplit"/>). The ranges depend on n alone, so one thread and two give the same bits.
    /// </summary>
    internal const long RangedLength = GemmParallel.MinimumElements;

    /// <summary>Fixed ranges of a long reduction (each starts on a multiple of <see cref="Lanes"/>).</summary>
    internal const int Ranges = 16;

    internal static double Reduce<T, TTerm>(T* x, T* y, nint n)
        where T : unmanaged, IFloatingPointIeee754<T> where TTerm : IReductionTerm
    {
        if (n < RangedLength) return Partials<T, TTerm>(x, y, n);
        double* sums = stackalloc double[Ranges];
        RangeSplit.Run(new RangeSumsPass<T, TTerm>(x, y, n, sums), Ranges, n, alignment: 1);
        double total = 0;
        for (int r = 0; r < Ranges; r++) total += sums[r];
        return total;
    }

    /// <summary>The first index of fixed range <paramref name="r"/> of a long reduction over n values (n for r = Ranges).</summary>
    internal static nint RangeStart(nint n, int r) => r >= Ranges ? n : (nint)((long)n * r / Ranges / Lanes * Lanes);

    /// <summary>sums[r] = the reduction of fixed range r, for ranges [from, to).</summary>
    private readonly struct RangeSumsPass<T, TTerm>(T* x, T* y, nint n, double* sums) : IRangePass
        where T : unmanaged, IFloatingPointIeee754<T> where TTerm : IReductionTerm
    {
        public void Run(long from, long to)
        {
            for (int r = (int)from; r < to; r++)
            {
                nint start = RangeStart(n, r);
                sums[r] = Partials<T, TTerm>(x + start, y + start, RangeStart(n, r + 1) - start);
            }
        }
    }

    /// <summary>Element i (of this vector or range) to partial i mod <see cref="Lanes"/>, then the fixed tree.</summary>
    private static double Partials<T, TTerm>(T* x, T* y, nint n)
        where T : unmanaged, IFloatingPointIeee754<T> where TTerm : IReductionTerm
    {
        var none = default(NoReductionWork);
        return Partials<T, TTerm, NoReductionWork>(x, y, n, ref none);
    }

    /// <summary>
    /// <see cref="Partials{T, TTerm}(T*, T*, nint)"/> with <paramref name="work"/> done on every element as the reduction
    /// reads it: on each whole block of <see cref="Lanes"/> just before the block is added (its values are then read
    /// from L1), and on the elements after the blocks. The sum has the same bits as without work.
    /// </summary>
    [SkipLocalsInit]
    internal static double Partials<T, TTerm, TWork>(T* x, T* y, nint n, ref TWork work)
        where T : unmanaged, IFloatingPointIeee754<T> where TTerm : IReductionTerm where TWork : IReductionWork, allows ref struct
    {
        double* partial = stackalloc double[Lanes];
        for (int j = 0; j < Lanes; j++) partial[j] = 0;
        nint i = 0;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            var width = SimdSupport.Current;
            if (width >= SimdWidth.Vector512) i = Blocks512<T, TTerm, TWork>(x, y, n, partial, ref work);
            else if (width >= SimdWidth.Vector256) i = Blocks256<T, TTerm, TWork>(x, y, n, partial, ref work);
            work.Rest(i, n);
            if (width >= SimdWidth.Vector128) i = Quads<T, TTerm>(x, y, i, n, partial);
        }
        else work.Rest(0, n);
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

    /// <summary>Whole blocks of 32 as 4 vectors of 8 doubles (partials start at 0); returns the index after the last block.</summary>
    private static nint Blocks512<T, TTerm, TWork>(T* x, T* y, nint n, double* partial, ref TWork work)
        where T : unmanaged where TTerm : IReductionTerm where TWork : IReductionWork, allows ref struct
    {
        Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        nint i = 0;
        for (; i <= n - Lanes; i += Lanes)
        {
            work.Block(i, SimdWidth.Vector512);
            Vector512<double> x0, x1, x2, x3, y0, y1, y2, y3;
            if (typeof(T) == typeof(float))
            {
                (x0, x1) = Vector512.Widen(Vector512.Load((float*)x + i));
                (x2, x3) = Vector512.Widen(Vector512.Load((float*)x + i + 16));
                if (TTerm.ReadsY)
                {
                    (y0, y1) = Vector512.Widen(Vector512.Load((float*)y + i));
                    (y2, y3) = Vector512.Widen(Vector512.Load((float*)y + i + 16));
                }
                else (y0, y1, y2, y3) = (x0, x1, x2, x3);
            }
            else
            {
                double* px = (double*)x + i, py = TTerm.ReadsY ? (double*)y + i : px;
                x0 = Vector512.Load(px); x1 = Vector512.Load(px + 8); x2 = Vector512.Load(px + 16); x3 = Vector512.Load(px + 24);
                y0 = Vector512.Load(py); y1 = Vector512.Load(py + 8); y2 = Vector512.Load(py + 16); y3 = Vector512.Load(py + 24);
            }
            a0 = TTerm.Accumulate(a0, x0, y0);
            a1 = TTerm.Accumulate(a1, x1, y1);
            a2 = TTerm.Accumulate(a2, x2, y2);
            a3 = TTerm.Accumulate(a3, x3, y3);
        }
        a0.Store(partial);
        a1.Store(partial + 8);
        a2.Store(partial + 16);
        a3.Store(partial + 24);
        return i;
    }

    /// <summary>Whole blocks of 32 as 8 vectors of 4 doubles (partials start at 0).</summary>
    private static nint Blocks256<T, TTerm, TWork>(T* x, T* y, nint n, double* partial, ref TWork work)
        where T : unmanaged where TTerm : IReductionTerm where TWork : IReductionWork, allows ref struct
    {
        Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        nint i = 0;
        for (; i <= n - Lanes; i += Lanes)
        {
            work.Block(i, SimdWidth.Vector256);
            a0 = Accumulate4<T, TTerm>(a0, x, y, i, out var h1);
            a1 = TTerm.Accumulate(a1, h1.X, h1.Y);
            a2 = Accumulate4<T, TTerm>(a2, x, y, i + 8, out var h3);
            a3 = TTerm.Accumulate(a3, h3.X, h3.Y);
            a4 = Accumulate4<T, TTerm>(a4, x, y, i + 16, out var h5);
            a5 = TTerm.Accumulate(a5, h5.X, h5.Y);
            a6 = Accumulate4<T, TTerm>(a6, x, y, i + 24, out var h7);
            a7 = TTerm.Accumulate(a7, h7.X, h7.Y);
        }
        a0.Store(partial); a1.Store(partial + 4); a2.Store(partial + 8); a3.Store(partial + 12);
        a4.Store(partial + 16); a5.Store(partial + 20); a6.Store(partial + 24); a7.Store(partial + 28);
        return i;
    }

    /// <summary>
    /// Elements i … i+7 as doubles: adds the first four to <paramref name="acc"/> and returns the last four in
    /// <paramref name="high"/> (float: one load widened; double: two loads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Accumulate4<T, TTerm>(Vector256<double> acc, T* x, T* y, nint i, out (Vector256<double> X, Vector256<double> Y) high)
        where T : unmanaged where TTerm : IReductionTerm
    {
        Vector256<double> x0, y0;
        if (typeof(T) == typeof(float))
        {
            (x0, var x1) = Vector256.Widen(Vector256.Load((float*)x + i));
            if (TTerm.ReadsY)
            {
                (y0, var y1) = Vector256.Widen(Vector256.Load((float*)y + i));
                high = (x1, y1);
            }
            else (y0, high) = (x0, (x1, x1));
        }
        else
        {
            double* px = (double*)x + i, py = (double*)y + i;
            x0 = Vector256.Load(px); y0 = Vector256.Load(py);
            high = (Vector256.Load(px + 4), Vector256.Load(py + 4));
        }
        return TTerm.Accumulate(acc, x0, y0);
    }

    /// <summary>
    /// From <paramref name="i"/> (a multiple of 4), whole groups of 4 added to partials i mod 32 … +3 in memory, as
    /// two vectors of 2 doubles: the remainder after the blocks, and every element on the 128-bit path.
    /// </summary>
    private static nint Quads<T, TTerm>(T* x, T* y, nint i, nint n, double* partial)
        where T : unmanaged where TTerm : IReductionTerm
    {
        for (; i <= n - 4; i += 4)
        {
            Vector128<double> x0, x1, y0, y1;
            if (typeof(T) == typeof(float))
            {
                (x0, x1) = Vector128.Widen(Vector128.Load((float*)x + i));
                (y0, y1) = TTerm.ReadsY ? Vector128.Widen(Vector128.Load((float*)y + i)) : (x0, x1);
            }
            else
            {
                double* px = (double*)x + i, py = (double*)y + i;
                x0 = Vector128.Load(px); x1 = Vector128.Load(px + 2);
                y0 = Vector128.Load(py); y1 = Vector128.Load(py + 2);
            }
            double* p = partial + (i & (Lanes - 1));
            TTerm.Accumulate(Vector128.Load(p), x0, y0).Store(p);
            TTerm.Accumulate(Vector128.Load(p + 2), x1, y1).Store(p + 2);
        }
        return i;
    }
}
