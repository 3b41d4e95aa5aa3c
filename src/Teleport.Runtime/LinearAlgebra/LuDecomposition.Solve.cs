using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.LinearAlgebra;

public static partial class LuDecomposition
{
    // Solves, inverse and determinant from a successful Factor (lu and pivots as it left them).

    /// <summary>Solves M·x = b for one right-hand side; <paramref name="rhs"/> (n values) becomes x.</summary>
    public static void Solve<T>(ReadOnlySpan<T> lu, ReadOnlySpan<int> pivots, int n, Span<T> rhs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFactors(lu, pivots, n);
        MatrixArguments.RequireLength(rhs.Length, n, 1, nameof(rhs));
        for (int k = 0; k < n; k++)
        {
            (rhs[k], rhs[pivots[k]]) = (rhs[pivots[k]], rhs[k]);
        }

        for (int i = 0; i < n; i++)
        {
            // y[i] = b[i] − L[i,:i]·y[:i]   (unit diagonal)
            rhs[i] -= TensorPrimitives.Dot(lu.Slice(i * n, i), rhs[..i]);
        }

        for (int i = n - 1; i >= 0; i--)
        {
            // x[i] = (y[i] − U[i,i+1:]·x[i+1:]) / U[i,i]
            int tail = n - i - 1;
            rhs[i] = (rhs[i] - TensorPrimitives.Dot(lu.Slice(i * n + i + 1, tail), rhs.Slice(i + 1, tail))) / lu[i * n + i];
        }
    }

    /// <summary>Solves M·X = B for B n×<paramref name="columns"/>; <paramref name="rhs"/> becomes X = M⁻¹B.</summary>
    public static void SolveColumns<T>(ReadOnlySpan<T> lu, ReadOnlySpan<int> pivots, int n, Span<T> rhs, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFactors(lu, pivots, n);
        MatrixArguments.RequireLength(rhs.Length, n, columns, nameof(rhs));
        for (int k = 0; k < n; k++)
        {
            if (pivots[k] != k)
            {
                SmallMatrix.Swap(rhs.Slice(k * columns, columns), rhs.Slice(pivots[k] * columns, columns));
            }
        }

        SubstituteColumns(lu, n, rhs, columns);
    }

    /// <summary>Writes M⁻¹ into <paramref name="inverse"/> (n×n, not overlapping <paramref name="lu"/>).</summary>
    public static void Invert<T>(ReadOnlySpan<T> lu, ReadOnlySpan<int> pivots, int n, Span<T> inverse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireDisjoint(lu, inverse, nameof(lu), nameof(inverse));
        SmallMatrix.Identity(inverse, n);
        SolveColumns(lu, pivots, n, inverse, n);
    }

    /// <summary>det M = sign·Π U[k,k]. May overflow for large n; see <see cref="LogAbsDeterminant{T}"/>.</summary>
    public static T Determinant<T>(ReadOnlySpan<T> lu, ReadOnlySpan<int> pivots, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFactors(lu, pivots, n);
        T product = T.One;
        for (int k = 0; k < n; k++)
        {
            product *= lu[k * n + k];
            if (pivots[k] != k)
            {
                product = -product;
            }
        }

        return product;
    }

    /// <summary>log |det M| = Σ log |U[k,k]|, with the determinant's sign in <paramref name="sign"/>.</summary>
    public static T LogAbsDeterminant<T>(ReadOnlySpan<T> lu, ReadOnlySpan<int> pivots, int n, out int sign)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFactors(lu, pivots, n);
        T sum = T.Zero;
        sign = 1;
        for (int k = 0; k < n; k++)
        {
            T u = lu[k * n + k];
            sum += T.Log(T.Abs(u));
            if (T.IsNegative(u) ^ (pivots[k] != k))
            {
                sign = -sign;
            }
        }

        return sum;
    }

    /// <summary>M⁻¹ as a new array, or false (and null) when M is numerically singular or not finite.</summary>
    public static bool TryInvert<T>(ReadOnlySpan<T> matrix, int n, [NotNullWhen(true)] out T[]? inverse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        T[] lu = matrix[..(n * n)].ToArray();
        var pivots = new int[n];
        inverse = null;
        if (!Factor<T>(lu, n, pivots).Succeeded)
        {
            return false;
        }

        inverse = new T[n * n];
        Invert<T>(lu, pivots, n, inverse);
        return true;
    }

    /// <summary>M⁻¹B for B n×<paramref name="columns"/> as a new array, or false (and null) when M is numerically singular.</summary>
    public static bool TrySolve<T>(ReadOnlySpan<T> matrix, int n, ReadOnlySpan<T> rhs, int columns, [NotNullWhen(true)] out T[]? solution)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        MatrixArguments.RequireLength(rhs.Length, n, columns, nameof(rhs));
        T[] lu = matrix[..(n * n)].ToArray();
        solution = rhs[..(n * columns)].ToArray();
        if (!TrySolveInPlace<T>(lu, n, solution, columns))
        {
            solution = null;
            return false;
        }

        return true;
    }

    /// <summary>det M of a copy of <paramref name="matrix"/>; 0 when M is numerically singular, NaN when it is not finite.</summary>
    public static T Determinant<T>(ReadOnlySpan<T> matrix, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        T[] lu = matrix[..(n * n)].ToArray();
        var pivots = new int[n];
        LuResult result = Factor<T>(lu, n, pivots);
        if (!result.Succeeded)
        {
            return result.SingularColumn < 0 ? T.NaN : T.Zero;
        }

        return Determinant<T>(lu, pivots, n);
    }

    /// <summary>Forward substitution with unit L, then back substitution with U, on rows of B.</summary>
    internal static void SubstituteColumns<T>(ReadOnlySpan<T> lu, int n, Span<T> rhs, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            // Y[i,:] = B[i,:] − Σ_{k<i} L[i,k]·Y[k,:]
            Span<T> row = rhs.Slice(i * columns, columns);
            for (int k = 0; k < i; k++)
            {
                TensorPrimitives.MultiplyAdd(rhs.Slice(k * columns, columns), -lu[i * n + k], row, row);
            }
        }

        BackSubstitute(lu, n, rhs, columns);
    }

    /// <summary>X[i,:] = (Y[i,:] − Σ_{k&gt;i} U[i,k]·X[k,:]) / U[i,i], bottom row first.</summary>
    internal static void BackSubstitute<T>(ReadOnlySpan<T> u, int n, Span<T> rhs, int columns)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = n - 1; i >= 0; i--)
        {
            Span<T> row = rhs.Slice(i * columns, columns);
            for (int k = i + 1; k < n; k++)
            {
                TensorPrimitives.MultiplyAdd(rhs.Slice(k * columns, columns), -u[i * n + k], row, row);
            }

            TensorPrimitives.Divide(row, u[i * n + i], row);
        }
    }

    private static void CheckFactors<T>(ReadOnlySpan<T> lu, ReadOnlySpan<int> pivots, int n)
    {
        MatrixArguments.RequireLength(lu.Length, n, n, nameof(lu));
        MatrixArguments.RequireLength(pivots.Length, n, 1, nameof(pivots));
    }
}
