using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.LinearAlgebra;

/// <summary>
/// Helpers for small dense row-major matrices (k ≲ 512): identity, transpose, trace, norms and
/// plain products. The fast GEMM for network-sized products lives in <c>Teleport.Kernels</c>.
/// </summary>
public static partial class SmallMatrix
{
    /// <summary>Writes the n×n identity into <paramref name="destination"/>.</summary>
    public static void Identity<T>(Span<T> destination, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(destination.Length, n, n, nameof(destination));
        destination[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
        {
            destination[i * n + i] = T.One;
        }
    }

    /// <summary>A new n×n identity.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative, or n² is more than an array holds.</exception>
    public static T[] Identity<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireDimension(n, nameof(n));
        var result = new T[MatrixArguments.ElementCount((long)n * n, nameof(n), n, "The identity n²")];
        Identity<T>(result, n);
        return result;
    }

    /// <summary>Writes the transpose of the rows×cols <paramref name="matrix"/> (cols×rows) into <paramref name="destination"/>, which must not overlap it.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> matrix, int rows, int cols, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, rows, cols, nameof(matrix));
        MatrixArguments.RequireLength(destination.Length, cols, rows, nameof(destination));
        MatrixArguments.RequireDisjoint(matrix, destination, nameof(matrix), nameof(destination));
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                destination[j * rows + i] = matrix[i * cols + j];
            }
        }
    }

    /// <summary>The transpose of the rows×cols <paramref name="matrix"/>, as a new cols×rows array.</summary>
    public static T[] Transpose<T>(ReadOnlySpan<T> matrix, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, rows, cols, nameof(matrix));
        var result = new T[rows * cols];
        Transpose(matrix, rows, cols, result);
        return result;
    }

    /// <summary>Sum of the diagonal of the n×n <paramref name="matrix"/>.</summary>
    public static T Trace<T>(ReadOnlySpan<T> matrix, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        T sum = T.Zero;
        for (int i = 0; i < n; i++)
        {
            sum += matrix[i * n + i];
        }

        return sum;
    }

    /// <summary>Adds <paramref name="value"/> to every diagonal element of the n×n <paramref name="matrix"/>.</summary>
    public static void AddToDiagonal<T>(Span<T> matrix, int n, T value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, n, n, nameof(matrix));
        for (int i = 0; i < n; i++)
        {
            matrix[i * n + i] += value;
        }
    }

    /// <summary>Whether every element is finite (no NaN or infinity).</summary>
    public static bool IsFinite<T>(ReadOnlySpan<T> matrix)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return Teleport.Kernels.LongVectors.AllFinite(matrix);
    }

    /// <summary><c>destination ← destination + scale·source</c>, elementwise.</summary>
    internal static void AddScaled<T>(Span<T> destination, ReadOnlySpan<T> source, T scale)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.MultiplyAdd(source, scale, destination, destination);

    /// <summary>Exchanges the contents of two equally long, non-overlapping spans.</summary>
    internal static void Swap<T>(Span<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            (x[i], y[i]) = (y[i], x[i]);
        }
    }
}
