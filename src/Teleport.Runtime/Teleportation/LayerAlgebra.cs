using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Teleportation;

/// <summary>
/// The dense building blocks the symmetry kernels share: the three product shapes, the layer's
/// pre-activation, outer products, inverses and finiteness checks, all on row-major spans.
/// </summary>
/// <remarks>
/// Products go through the register-tiled <see cref="MatrixMultiply"/> for float and double (the
/// type test is a JIT-time constant per instantiation); <see cref="SmallMatrix"/> is the fallback for
/// other types. Destinations never overlap inputs.
/// </remarks>
internal static class LayerAlgebra
{
    /// <summary>C[m×n] = A[m×k]·B[k×n].</summary>
    public static void NN<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            MatrixMultiply.NN(As<T, double>(a), As<T, double>(b), MemoryMarshal.Cast<T, double>(c), m, k, n);
        }
        else if (typeof(T) == typeof(float))
        {
            MatrixMultiply.NN(As<T, float>(a), As<T, float>(b), MemoryMarshal.Cast<T, float>(c), m, k, n);
        }
        else
        {
            SmallMatrix.MultiplyNN(a, b, c, m, k, n);
        }
    }

    /// <summary>C[m×n] = A[m×k]·B[n×k]ᵀ.</summary>
    public static void NT<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            MatrixMultiply.NT(As<T, double>(a), As<T, double>(b), MemoryMarshal.Cast<T, double>(c), m, k, n);
        }
        else if (typeof(T) == typeof(float))
        {
            MatrixMultiply.NT(As<T, float>(a), As<T, float>(b), MemoryMarshal.Cast<T, float>(c), m, k, n);
        }
        else
        {
            SmallMatrix.MultiplyNT(a, b, c, m, k, n);
        }
    }

    /// <summary>C[m×n] = A[k×m]ᵀ·B[k×n].</summary>
    public static void TN<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            MatrixMultiply.TN(As<T, double>(a), As<T, double>(b), MemoryMarshal.Cast<T, double>(c), m, k, n);
        }
        else if (typeof(T) == typeof(float))
        {
            MatrixMultiply.TN(As<T, float>(a), As<T, float>(b), MemoryMarshal.Cast<T, float>(c), m, k, n);
        }
        else
        {
            SmallMatrix.MultiplyTN(a, b, c, m, k, n);
        }
    }

    /// <summary>destination [cols×rows] = source [rows×cols]ᵀ.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> source, int rows, int cols, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => SmallMatrix.Transpose(source, rows, cols, destination);

    /// <summary>Z[n×k] = H[n×d]·V[k×d]ᵀ + 1·bᵀ (no bias term when <paramref name="b"/> is empty).</summary>
    public static void PreActivation<T>(ReadOnlySpan<T> h, ReadOnlySpan<T> v, ReadOnlySpan<T> b, Span<T> z, int n, int k, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        NT(h, v, z, n, d, k);
        if (!b.IsEmpty)
        {
            for (int s = 0; s < n; s++)
            {
                Span<T> row = z.Slice(s * k, k);
                TensorPrimitives.Add(row, b, row);
            }
        }
    }

    /// <summary>result[k×k] += x·yᵀ for two k-vectors; nothing when they are empty (no bias).</summary>
    public static void AddOuter<T>(Span<T> result, ReadOnlySpan<T> x, ReadOnlySpan<T> y, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
        {
            return;
        }

        for (int j = 0; j < k; j++)
        {
            Span<T> row = result.Slice(j * k, k);
            TensorPrimitives.MultiplyAdd(y, x[j], row, row);
        }
    }

    /// <summary>result[k×k] −= U[m×k]ᵀ·G_U[m×k], one axpy per (row of U, column of the result).</summary>
    public static void SubtractTransposeProduct<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> gradU, Span<T> result, int k, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> uRow = u.Slice(i * k, k);
            ReadOnlySpan<T> gRow = gradU.Slice(i * k, k);
            for (int j = 0; j < k; j++)
            {
                Span<T> row = result.Slice(j * k, k);
                TensorPrimitives.MultiplyAdd(gRow, -uRow[j], row, row);
            }
        }
    }

    /// <summary>destination = σ(source) elementwise with the operator struct <typeparamref name="TOperator"/> (vectorised; may be in place).</summary>
    public static void Map<T, TOperator>(ReadOnlySpan<T> source, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOperator : IUnaryOperator<T> => Elementwise.Map<T, TOperator>(source, destination);

    /// <summary>
    /// Writes g⁻¹ into <paramref name="inverse"/> (k×k); false when g is not finite or numerically
    /// singular (the pivot test of <see cref="LuDecomposition.Factor{T}"/>).
    /// </summary>
    public static bool TryInvert<T>(ReadOnlySpan<T> g, int k, Span<T> lu, Span<T> inverse, Span<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g[..(k * k)].CopyTo(lu);
        if (!LuDecomposition.Factor(lu, k, pivots).Succeeded)
        {
            return false;
        }

        LuDecomposition.Invert<T>(lu, pivots, k, inverse);
        return AllFinite<T>(inverse);
    }

    /// <summary>Reinterprets a span whose element type is known (by the caller's type test) to be <typeparamref name="TTo"/>.</summary>
    private static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> span)
        where TFrom : struct
        where TTo : struct => MemoryMarshal.Cast<TFrom, TTo>(span);

    /// <summary>Whether every value is finite.</summary>
    public static bool AllFinite<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> => SmallMatrix.IsFinite(values);

    /// <summary>destination = source + destination, elementwise.</summary>
    public static void AddTo<T>(ReadOnlySpan<T> source, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Add(destination, source, destination);
}
