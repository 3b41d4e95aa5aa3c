using System;
using System.Numerics;

namespace Teleport.LinearAlgebra;

/// <summary>
/// The matrix exponential e^A of a general row-major n×n matrix by scaling and squaring with
/// diagonal Padé approximants (Higham 2005, Algorithm 2.3).
/// </summary>
/// <remarks>
/// With ‖A‖₁ ≤ θ_m for a small order m (3, 5, 7, 9 in double; 3, 5 in float) the approximant
/// r_m(A) is used directly — the cheap path for the small Lie-algebra steps of a teleport.
/// Otherwise A is scaled by 2⁻ˢ so that ‖A/2ˢ‖₁ ≤ θ_max (order 13 in double, 7 in float),
/// r(A/2ˢ) = (V − U)⁻¹(V + U) is formed from the even part V and odd part U of the numerator, and
/// squared s times. Work: about (6 + s)·n³ multiply-adds at order 13.
/// </remarks>
public static class MatrixExponential
{
    /// <summary>Workspace elements <see cref="TryCompute{T}(ReadOnlySpan{T}, int, Span{T}, Span{T})"/> needs: 7n².</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative, or 7n² is more than an array holds.</exception>
    public static int WorkspaceLength(int n)
    {
        MatrixArguments.RequireDimension(n, nameof(n));
        return MatrixArguments.ElementCount(7L * n * n, nameof(n), n, "The workspace 7n²");
    }

    /// <summary>
    /// Writes e^A into <paramref name="result"/> (n×n, not overlapping <paramref name="a"/> or the
    /// workspace). Returns false, and leaves <paramref name="result"/> unspecified, only when A is not
    /// finite (or the Padé denominator is numerically singular, which finite input does not cause).
    /// Allocates nothing.
    /// </summary>
    public static bool TryCompute<T>(ReadOnlySpan<T> a, int n, Span<T> result, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireSquareFunction<T>(a, n, result, workspace, WorkspaceLength(n));
        int size = n * n;
        ReadOnlySpan<T> input = a[..size];
        Span<T> x = result[..size];
        T norm = SmallMatrix.OneNorm(input, n, n);
        if (!T.IsFinite(norm))
        {
            return false;
        }

        int[] orders = Precision<T>.IsSingle ? PadeApproximant.SingleOrders : PadeApproximant.DoubleOrders;
        double[] thetas = Precision<T>.IsSingle ? PadeApproximant.SingleThetas : PadeApproximant.DoubleThetas;
        double normValue = double.CreateTruncating(norm);
        var work = new Workspace<T>(workspace, size);

        for (int i = 0; i < orders.Length - 1; i++)
        {
            if (normValue <= thetas[i])
            {
                input.CopyTo(x);
                return Pade(x, n, orders[i], work);
            }
        }

        // Scale so that ‖A/2ˢ‖₁ ≤ θ_max (scaling by a power of two is exact).
        int squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(normValue / thetas[^1])));
        for (int i = 0; i < size; i++)
        {
            x[i] = T.ScaleB(input[i], -squarings);
        }

        if (!Pade(x, n, orders[^1], work))
        {
            return false;
        }

        for (int s = 0; s < squarings; s++)
        {
            SmallMatrix.MultiplyNN<T>(x, x, work.T1, n, n, n);
            work.T1.CopyTo(x);
        }

        return SmallMatrix.IsFinite<T>(x);
    }

    /// <summary>e^A as a new array.</summary>
    /// <exception cref="ArgumentException">A holds NaN or infinity.</exception>
    public static T[] Compute<T>(ReadOnlySpan<T> a, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(a.Length, n, n, nameof(a));
        var result = new T[n * n];
        if (!TryCompute(a, n, result, new T[WorkspaceLength(n)]))
        {
            throw new ArgumentException("The matrix exponential is undefined for a matrix with NaN or infinite elements (or it overflowed).", nameof(a));
        }

        return result;
    }

    /// <summary>Replaces <paramref name="x"/> (holding A) by r_m(A) = (V − U)⁻¹(V + U).</summary>
    private static bool Pade<T>(Span<T> x, int n, int m, Workspace<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<double> c = PadeApproximant.Coefficients(m);
        SmallMatrix.MultiplyNN<T>(x, x, w.A2, n, n, n);
        if (m >= 5)
        {
            SmallMatrix.MultiplyNN<T>(w.A2, w.A2, w.A4, n, n, n);
        }

        if (m >= 7)
        {
            SmallMatrix.MultiplyNN<T>(w.A4, w.A2, w.A6, n, n, n);
        }

        if (m == 13)
        {
            // U = A·[A6·(c13·A6 + c11·A4 + c9·A2) + c7·A6 + c5·A4 + c3·A2 + c1·I]
            w.T1.Clear();
            AddTerms(w.T1, c, w, 3, 7);
            SmallMatrix.MultiplyNN<T>(w.A6, w.T1, w.T2, n, n, n);
            AddTerms(w.T2, c, w, 3, 1);
            SmallMatrix.AddToDiagonal(w.T2, n, T.CreateTruncating(c[1]));
            SmallMatrix.MultiplyNN<T>(x, w.T2, w.U, n, n, n);

            // V = A6·(c12·A6 + c10·A4 + c8·A2) + c6·A6 + c4·A4 + c2·A2 + c0·I
            w.T1.Clear();
            AddTerms(w.T1, c, w, 3, 6);
            SmallMatrix.MultiplyNN<T>(w.A6, w.T1, w.V, n, n, n);
            AddTerms(w.V, c, w, 3, 0);
            SmallMatrix.AddToDiagonal(w.V, n, T.CreateTruncating(c[0]));
        }
        else
        {
            if (m == 9)
            {
                SmallMatrix.MultiplyNN<T>(w.A6, w.A2, w.A8, n, n, n);
            }

            // U = A·Σ_{i=0}^{(m−1)/2} c_{2i+1}·A^{2i},  V = Σ_{i=0}^{(m−1)/2} c_{2i}·A^{2i}
            int powers = (m - 1) / 2;
            w.T1.Clear();
            AddTerms(w.T1, c, w, powers, 1);
            SmallMatrix.AddToDiagonal(w.T1, n, T.CreateTruncating(c[1]));
            SmallMatrix.MultiplyNN<T>(x, w.T1, w.U, n, n, n);
            w.V.Clear();
            AddTerms(w.V, c, w, powers, 0);
            SmallMatrix.AddToDiagonal(w.V, n, T.CreateTruncating(c[0]));
        }

        // Numerator V + U into x, denominator V − U in place of V; x ← (V − U)⁻¹(V + U).
        for (int i = 0; i < x.Length; i++)
        {
            (x[i], w.V[i]) = (w.V[i] + w.U[i], w.V[i] - w.U[i]);
        }

        return LuDecomposition.TrySolveInPlace<T>(w.V, n, x, n);
    }

    /// <summary>destination += Σ_{i=1}^{powers} c[offset + 2i]·A^{2i}.</summary>
    private static void AddTerms<T>(Span<T> destination, ReadOnlySpan<double> c, Workspace<T> w, int powers, int offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = powers; i >= 1; i--)
        {
            SmallMatrix.AddScaled<T>(destination, w.EvenPower(i), T.CreateTruncating(c[offset + 2 * i]));
        }
    }

    /// <summary>Seven n×n slices of the caller's workspace; A8 (order 9) and T2 (order 13) share one.</summary>
    private readonly ref struct Workspace<T>
    {
        public Workspace(Span<T> workspace, int size)
        {
            A2 = workspace[..size];
            A4 = workspace.Slice(size, size);
            A6 = workspace.Slice(2 * size, size);
            A8 = workspace.Slice(3 * size, size);
            T1 = workspace.Slice(4 * size, size);
            U = workspace.Slice(5 * size, size);
            V = workspace.Slice(6 * size, size);
        }

        public Span<T> A2 { get; }

        public Span<T> A4 { get; }

        public Span<T> A6 { get; }

        public Span<T> A8 { get; }

        public Span<T> T1 { get; }

        public Span<T> T2 => A8;

        public Span<T> U { get; }

        public Span<T> V { get; }

        /// <summary>A^{2i} for i = 1…4.</summary>
        public Span<T> EvenPower(int i) => i switch
        {
            1 => A2,
            2 => A4,
            3 => A6,
            _ => A8,
        };
    }
}
