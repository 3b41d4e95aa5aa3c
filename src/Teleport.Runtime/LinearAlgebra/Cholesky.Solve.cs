using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.LinearAlgebra;

public static partial class Cholesky
{
    // Solves with a factor L from Factor: L·y = b forward, then Lᵀ·x = y backward. Every loop walks
    // rows of L (contiguous), so both sweeps are vectorised dot products or axpys.

    /// <summary>Solves (L·Lᵀ)·x = b for one right-hand side; <paramref name="rhs"/> (n values) becomes x.</summary>
    public static void Solve<T>(ReadOnlySpan<T> factor, int n, Span<T> rhs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(factor.Length, n, n, nameof(factor));
        MatrixArguments.RequireLength(rhs.Length, n, 1, nameof(rhs));
        SolveVector(factor, n, rhs);
    }

    /// <summary>
    /// Solves (L·Lᵀ)·X = B where B is n×<paramref name="columns"/> (each column a right-hand side);
    /// <paramref name="rhs"/> becomes X = M⁻¹B.
    /// </summary>
    public static void SolveColumns<T>(ReadOnlySpan<T> factor, int n, Span<T> rhs, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(factor.Length, n, n, nameof(factor));
        MatrixArguments.RequireLength(rhs.Length, n, columns, nameof(rhs));
        for (int i = 0; i < n; i++)
        {
            // Y[i,:] = (B[i,:] − Σ_{k<i} L[i,k]·Y[k,:]) / L[i,i]
            Span<T> row = rhs.Slice(i * columns, columns);
            for (int k = 0; k < i; k++)
            {
                TensorPrimitives.MultiplyAdd(rhs.Slice(k * columns, columns), -factor[i * n + k], row, row);
            }

            TensorPrimitives.Divide(row, factor[i * n + i], row);
        }

        for (int i = n - 1; i >= 0; i--)
        {
            // X[i,:] = Y[i,:] / L[i,i], then Y[k,:] −= L[i,k]·X[i,:] for k < i
            Span<T> row = rhs.Slice(i * columns, columns);
            TensorPrimitives.Divide(row, factor[i * n + i], row);
            for (int k = 0; k < i; k++)
            {
                Span<T> target = rhs.Slice(k * columns, columns);
                TensorPrimitives.MultiplyAdd(row, -factor[i * n + k], target, target);
            }
        }
    }

    /// <summary>
    /// Solves X·(L·Lᵀ) = B where B is <paramref name="rows"/>×n (each row a right-hand side);
    /// <paramref name="rhs"/> becomes X = B·M⁻¹ (M is symmetric).
    /// </summary>
    public static void SolveRows<T>(ReadOnlySpan<T> factor, int n, Span<T> rhs, int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(factor.Length, n, n, nameof(factor));
        MatrixArguments.RequireLength(rhs.Length, rows, n, nameof(rhs));
        for (int r = 0; r < rows; r++)
        {
            SolveVector(factor, n, rhs.Slice(r * n, n));
        }
    }

    /// <summary>
    /// Factors a copy of <paramref name="matrix"/> + λI and solves for the n×<paramref name="columns"/>
    /// right-hand sides <paramref name="rhs"/>; <paramref name="solution"/> is empty on failure.
    /// </summary>
    public static CholeskyResult Solve<T>(ReadOnlySpan<T> matrix, int n, ReadOnlySpan<T> rhs, int columns, CholeskyRidge ridge, out T[] solution)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(rhs.Length, n, columns, nameof(rhs));
        CholeskyResult result = Factor(matrix, n, ridge, out T[] factor);
        if (!result.Succeeded)
        {
            solution = [];
            return result;
        }

        solution = rhs[..(n * columns)].ToArray();
        SolveColumns<T>(factor, n, solution, columns);
        return result;
    }

    private static void SolveVector<T>(ReadOnlySpan<T> factor, int n, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            // y[i] = (b[i] − L[i,:i]·y[:i]) / L[i,i]
            x[i] = (x[i] - TensorPrimitives.Dot(factor.Slice(i * n, i), x[..i])) / factor[i * n + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            // x[i] = y[i] / L[i,i], then y[:i] −= x[i]·L[i,:i]
            T xi = x[i] /= factor[i * n + i];
            Span<T> head = x[..i];
            TensorPrimitives.MultiplyAdd(factor.Slice(i * n, i), -xi, head, head);
        }
    }
}
