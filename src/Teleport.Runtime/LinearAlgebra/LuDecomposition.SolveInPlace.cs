using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.LinearAlgebra;

public static partial class LuDecomposition
{
    /// <summary>
    /// Solves M·X = B without a pivot array: Gaussian elimination with partial pivoting applied to
    /// [M | B] at once. <paramref name="matrix"/> (n×n) is destroyed and <paramref name="rhs"/>
    /// (n×<paramref name="columns"/>) becomes X. Returns false, with both spans unspecified, when M is
    /// numerically singular or not finite (the same test as <see cref="Factor{T}"/>). Allocates nothing.
    /// </summary>
    public static bool TrySolveInPlace<T>(Span<T> matrix, int n, Span<T> rhs, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireSupported<T>();
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        MatrixArguments.RequireLength(rhs.Length, n, columns, nameof(rhs));
        MatrixArguments.RequireDisjoint(matrix, rhs, nameof(matrix), nameof(rhs));
        Span<T> a = matrix[..(n * n)];
        T scale = SmallMatrix.MaxAbs<T>(a);
        if (!T.IsFinite(scale))
        {
            return false;
        }

        T tolerance = T.CreateTruncating(SingularityTolerance<T>(n)) * scale;
        for (int k = 0; k < n; k++)
        {
            int pivotRow = ArgMaxInColumn<T>(a, n, k);
            if (!(T.Abs(a[pivotRow * n + k]) > tolerance))
            {
                return false;
            }

            if (pivotRow != k)
            {
                SmallMatrix.Swap(a.Slice(k * n, n), a.Slice(pivotRow * n, n));
                SmallMatrix.Swap(rhs.Slice(k * columns, columns), rhs.Slice(pivotRow * columns, columns));
            }

            // Eliminate below the pivot in M and apply the same row operations to B.
            T pivot = a[k * n + k];
            ReadOnlySpan<T> pivotTail = a.Slice(k * n + k + 1, n - k - 1);
            ReadOnlySpan<T> pivotRhs = rhs.Slice(k * columns, columns);
            for (int i = k + 1; i < n; i++)
            {
                T multiplier = -(a[i * n + k] / pivot);
                Span<T> tail = a.Slice(i * n + k + 1, n - k - 1);
                TensorPrimitives.MultiplyAdd(pivotTail, multiplier, tail, tail);
                Span<T> row = rhs.Slice(i * columns, columns);
                TensorPrimitives.MultiplyAdd(pivotRhs, multiplier, row, row);
            }
        }

        BackSubstitute<T>(a, n, rhs, columns);
        return SmallMatrix.IsFinite<T>(rhs[..(n * columns)]);
    }
}
