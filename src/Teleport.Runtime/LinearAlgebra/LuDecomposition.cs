using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.LinearAlgebra;

/// <summary>
/// LU factorization with partial (row) pivoting, P·M = L·U, of a row-major n×n matrix in place,
/// and solves, inverse and determinant from it.
/// </summary>
/// <remarks>
/// On success the span holds U on and above the diagonal and the multipliers of the unit lower
/// triangular L below it (LAPACK's <c>getrf</c> layout), and <c>pivots[k]</c> is the row swapped
/// with row k at step k. The matrix counts as numerically singular, and the factorization stops
/// with <see cref="LuResult.Succeeded"/> false, when the best pivot of a column has
/// |U[k,k]| ≤ n·ε·max|M[i,j]| (<see cref="SingularityTolerance{T}"/>), or when M holds NaN or
/// infinity — so no NaN is ever produced silently.
/// </remarks>
public static partial class LuDecomposition
{
    /// <summary>The singularity test's relative pivot threshold: n·ε.</summary>
    public static double SingularityTolerance<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T> => Math.Max(n, 1) * double.CreateTruncating(Precision<T>.Epsilon);

    /// <summary>Factors the n×n <paramref name="matrix"/> in place; <paramref name="pivots"/> (n values) receives the row swaps.</summary>
    public static LuResult Factor<T>(Span<T> matrix, int n, Span<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireSupported<T>();
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        MatrixArguments.RequireLength(pivots.Length, n, 1, nameof(pivots));
        Span<T> a = matrix[..(n * n)];
        T scale = SmallMatrix.MaxAbs<T>(a);
        if (!T.IsFinite(scale))
        {
            return new LuResult(false, -1, 1, double.NaN);
        }

        T tolerance = T.CreateTruncating(SingularityTolerance<T>(n)) * scale;
        T smallestPivot = scale;
        int sign = 1;
        for (int k = 0; k < n; k++)
        {
            int pivotRow = ArgMaxInColumn<T>(a, n, k);
            pivots[k] = pivotRow;
            T pivotMagnitude = T.Abs(a[pivotRow * n + k]);
            smallestPivot = T.Min(smallestPivot, pivotMagnitude);
            if (!(pivotMagnitude > tolerance))
            {
                return new LuResult(false, k, sign, Ratio(smallestPivot, scale));
            }

            if (pivotRow != k)
            {
                SmallMatrix.Swap(a.Slice(k * n, n), a.Slice(pivotRow * n, n));
                sign = -sign;
            }

            // For rows below: L[i,k] = M[i,k] / U[k,k]; M[i,k+1:] −= L[i,k]·U[k,k+1:]
            T pivot = a[k * n + k];
            ReadOnlySpan<T> pivotTail = a.Slice(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                T multiplier = a[i * n + k] /= pivot;
                Span<T> tail = a.Slice(i * n + k + 1, n - k - 1);
                TensorPrimitives.MultiplyAdd(pivotTail, -multiplier, tail, tail);
            }
        }

        return new LuResult(true, -1, sign, n == 0 ? 1 : Ratio(smallestPivot, scale));
    }

    internal static int ArgMaxInColumn<T>(ReadOnlySpan<T> a, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = k;
        T bestMagnitude = T.Abs(a[k * n + k]);
        for (int i = k + 1; i < n; i++)
        {
            T magnitude = T.Abs(a[i * n + k]);
            if (magnitude > bestMagnitude)
            {
                (best, bestMagnitude) = (i, magnitude);
            }
        }

        return best;
    }

    private static double Ratio<T>(T pivot, T scale)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        scale == T.Zero ? 0 : double.CreateTruncating(pivot) / double.CreateTruncating(scale);
}
