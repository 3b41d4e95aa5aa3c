using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Teleport.LinearAlgebra;

/// <summary>
/// The Cayley transform C(A) = (I − A/2)⁻¹(I + A/2) of a row-major n×n matrix: a cheap rational map
/// from a Lie algebra to its group that agrees with e^A to second order (C(A) = I + A + A²/2 + O(‖A‖³)).
/// </summary>
/// <remarks>
/// For skew-symmetric A, C(A) is orthogonal with determinant +1; C(−A) = C(A)⁻¹. The transform
/// needs I − A/2 to be invertible: when it is numerically singular (the test of
/// <see cref="LuDecomposition.Factor{T}"/>) or A is not finite, the methods return false.
/// </remarks>
public static class Cayley
{
    /// <summary>Workspace elements <see cref="TryCompute{T}(ReadOnlySpan{T}, int, Span{T}, Span{T})"/> needs: n².</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative, or n² is more than an array holds.</exception>
    public static int WorkspaceLength(int n)
    {
        MatrixArguments.RequireDimension(n, nameof(n));
        return MatrixArguments.ElementCount((long)n * n, nameof(n), n, "The workspace n²");
    }

    /// <summary>
    /// Writes C(A) into <paramref name="result"/> (n×n, not overlapping <paramref name="a"/> or the
    /// workspace). Returns false, with <paramref name="result"/> unspecified, when I − A/2 is
    /// numerically singular or A is not finite. Allocates nothing.
    /// </summary>
    public static bool TryCompute<T>(ReadOnlySpan<T> a, int n, Span<T> result, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireSquareFunction<T>(a, n, result, workspace, WorkspaceLength(n));
        int size = n * n;
        Span<T> denominator = workspace[..size];
        Span<T> numerator = result[..size];
        T half = T.CreateTruncating(0.5);
        for (int i = 0; i < size; i++)
        {
            // I − A/2 and I + A/2 (the identity is added below)
            T scaled = a[i] * half;
            (denominator[i], numerator[i]) = (-scaled, scaled);
        }

        SmallMatrix.AddToDiagonal(denominator, n, T.One);
        SmallMatrix.AddToDiagonal(numerator, n, T.One);
        return LuDecomposition.TrySolveInPlace<T>(denominator, n, numerator, n);
    }

    /// <summary>C(A) as a new array, or false (and null) when I − A/2 is numerically singular or A is not finite.</summary>
    public static bool TryCompute<T>(ReadOnlySpan<T> a, int n, [NotNullWhen(true)] out T[]? result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(a.Length, n, n, nameof(a));
        result = new T[n * n];
        if (!TryCompute(a, n, result, new T[WorkspaceLength(n)]))
        {
            result = null;
            return false;
        }

        return true;
    }
}
