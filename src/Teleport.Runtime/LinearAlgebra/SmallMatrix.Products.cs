using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.LinearAlgebra;

public static partial class SmallMatrix
{
    // Plain row-oriented loops over TensorPrimitives (vectorised dot products and axpys). Same shapes
    // and argument order as Teleport.Kernels.MatrixMultiply.NN/NT/TN; the destination must not
    // overlap an input.

    /// <summary>C[m×n] = A[m×k]·B[k×n].</summary>
    public static void MultiplyNN<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckProduct(a, m, k, b, k, n, c, m, n);
        c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * n, n);
            ReadOnlySpan<T> aRow = a.Slice(i * k, k);
            for (int p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aRow[p], row, row);
            }
        }
    }

    /// <summary>C[m×n] = A[m×k]·B[n×k]ᵀ.</summary>
    public static void MultiplyNT<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckProduct(a, m, k, b, n, k, c, m, n);
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> aRow = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                c[i * n + j] = TensorPrimitives.Dot(aRow, b.Slice(j * k, k));
            }
        }
    }

    /// <summary>C[m×n] = A[k×m]ᵀ·B[k×n].</summary>
    public static void MultiplyTN<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckProduct(a, k, m, b, k, n, c, m, n);
        c[..(m * n)].Clear();
        for (int p = 0; p < k; p++)
        {
            ReadOnlySpan<T> aRow = a.Slice(p * m, m);
            ReadOnlySpan<T> bRow = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                Span<T> row = c.Slice(i * n, n);
                TensorPrimitives.MultiplyAdd(bRow, aRow[i], row, row);
            }
        }
    }

    /// <summary>A new m×n array A[m×k]·B[k×n].</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative size, or m·n more than an array holds (named <paramref name="n"/>).</exception>
    public static T[] Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int k, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        MatrixArguments.RequireLength(a.Length, m, k, nameof(a));
        MatrixArguments.RequireLength(b.Length, k, n, nameof(b));
        var c = new T[MatrixArguments.ElementCount((long)m * n, nameof(n), n, "The product m·n")];
        MultiplyNN(a, b, c, m, k, n);
        return c;
    }

    private static void CheckProduct<T>(ReadOnlySpan<T> a, int aRows, int aCols, ReadOnlySpan<T> b, int bRows, int bCols, Span<T> c, int cRows, int cCols)
    {
        MatrixArguments.RequireLength(a.Length, aRows, aCols, nameof(a));
        MatrixArguments.RequireLength(b.Length, bRows, bCols, nameof(b));
        MatrixArguments.RequireLength(c.Length, cRows, cCols, nameof(c));
        MatrixArguments.RequireDisjoint(a, c, nameof(a), nameof(c));
        MatrixArguments.RequireDisjoint(b, c, nameof(b), nameof(c));
    }
}
