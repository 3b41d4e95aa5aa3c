using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;

namespace Teleport.LinearAlgebra;

public static partial class SmallMatrix
{
    /// <summary>‖M‖_F = √(Σ m²) over all elements of <paramref name="matrix"/>.</summary>
    public static T FrobeniusNorm<T>(ReadOnlySpan<T> matrix)
        where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Norm(matrix);

    /// <summary>‖M‖₁: the largest column sum of |m|, for a rows×cols matrix.</summary>
    public static T OneNorm<T>(ReadOnlySpan<T> matrix, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, rows, cols, nameof(matrix));
        T largest = T.Zero;
        for (int j = 0; j < cols; j++)
        {
            T sum = T.Zero;
            for (int i = 0; i < rows; i++)
            {
                sum += T.Abs(matrix[i * cols + j]);
            }

            if (!(sum <= largest))
            {
                largest = sum; // also carries NaN through
            }
        }

        return largest;
    }

    /// <summary>‖M‖∞: the largest row sum of |m|, for a rows×cols matrix.</summary>
    public static T InfinityNorm<T>(ReadOnlySpan<T> matrix, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(matrix.Length, rows, cols, nameof(matrix));
        T largest = T.Zero;
        for (int i = 0; i < rows; i++)
        {
            T sum = TensorPrimitives.SumOfMagnitudes(matrix.Slice(i * cols, cols));
            if (!(sum <= largest))
            {
                largest = sum;
            }
        }

        return largest;
    }

    /// <summary>max |m| over all elements (0 for an empty matrix; NaN if any element is NaN): <see cref="Reductions.LargestMagnitude{T}"/>.</summary>
    public static T MaxAbs<T>(ReadOnlySpan<T> matrix)
        where T : unmanaged, IFloatingPointIeee754<T> => Reductions.LargestMagnitude(matrix);
}
