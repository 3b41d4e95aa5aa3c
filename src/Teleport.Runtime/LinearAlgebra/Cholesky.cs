using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.LinearAlgebra;

/// <summary>
/// Cholesky factorization M + λI = L·Lᵀ of a symmetric positive definite row-major n×n matrix,
/// in place, with an optional ridge λ (<see cref="CholeskyRidge"/>), and solves with it.
/// </summary>
/// <remarks>
/// Only the lower triangle (with the diagonal) of M is read. On success the span holds L: the lower
/// triangle, with the strict upper triangle set to zero. A pivot d with d ≤ ε·max(diag(M + λI))
/// (ε machine epsilon), or NaN, stops the factorization: the result reports the column and the
/// span's contents are then unspecified. Infinite or NaN input always fails; no NaN comes out of a
/// successful factorization.
/// </remarks>
public static partial class Cholesky
{
    /// <summary>Factors the n×n <paramref name="matrix"/> + λI in place into L (see the remarks).</summary>
    public static CholeskyResult Factor<T>(Span<T> matrix, int n, CholeskyRidge ridge = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireSupported<T>();
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        T lambda = ridge.Lambda(SmallMatrix.Trace<T>(matrix, n), n);
        double reported = double.CreateTruncating(lambda);
        T largestDiagonal = T.Zero;
        for (int i = 0; i < n; i++)
        {
            T diagonal = matrix[i * n + i] += lambda;
            if (!(diagonal <= largestDiagonal))
            {
                largestDiagonal = diagonal; // NaN sticks and fails below
            }
        }

        T tolerance = Precision<T>.Epsilon * largestDiagonal;
        if (!T.IsFinite(tolerance))
        {
            return CholeskyResult.Failure(0, reported);
        }

        for (int i = 0; i < n; i++)
        {
            Span<T> row = matrix.Slice(i * n, n);
            for (int j = 0; j < i; j++)
            {
                // L[i,j] = (M[i,j] − Σ_{k<j} L[i,k]·L[j,k]) / L[j,j]
                T dot = TensorPrimitives.Dot<T>(row[..j], matrix.Slice(j * n, j));
                row[j] = (row[j] - dot) / matrix[j * n + j];
            }

            // L[i,i] = √(M[i,i] + λ − Σ_{k<i} L[i,k]²)
            T pivot = row[i] - TensorPrimitives.SumOfSquares<T>(row[..i]);
            if (!(pivot > tolerance))
            {
                return CholeskyResult.Failure(i, reported);
            }

            row[i] = T.Sqrt(pivot);
            row[(i + 1)..].Clear();
        }

        return CholeskyResult.Success(reported);
    }

    /// <summary>Factors a copy of the n×n <paramref name="matrix"/> + λI; <paramref name="factor"/> receives L.</summary>
    public static CholeskyResult Factor<T>(ReadOnlySpan<T> matrix, int n, CholeskyRidge ridge, out T[] factor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        factor = matrix[..(n * n)].ToArray();
        return Factor<T>(factor, n, ridge);
    }

    /// <summary>log det(M + λI) = 2·Σ log L[i,i], from a successful factor.</summary>
    public static T LogDeterminant<T>(ReadOnlySpan<T> factor, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(factor.Length, n, n, nameof(factor));
        T sum = T.Zero;
        for (int i = 0; i < n; i++)
        {
            sum += T.Log(factor[i * n + i]);
        }

        return sum + sum;
    }
}
