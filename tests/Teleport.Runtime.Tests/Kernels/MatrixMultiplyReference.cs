using System;
using System.Numerics;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

public enum ProductKind { NN, NT, TN }

/// <summary>Naive references for the three products, and the call into the kernel under test.</summary>
internal static class MatrixMultiplyReference
{
    public static void Call(ProductKind kind, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate)
    {
        switch (kind)
        {
            case ProductKind.NN: MatrixMultiply.NN(a, b, c, m, k, n, accumulate); break;
            case ProductKind.NT: MatrixMultiply.NT(a, b, c, m, k, n, accumulate); break;
            default: MatrixMultiply.TN(a, b, c, m, k, n, accumulate); break;
        }
    }

    public static void Call(ProductKind kind, double[] a, double[] b, double[] c, int m, int k, int n, bool accumulate)
    {
        switch (kind)
        {
            case ProductKind.NN: MatrixMultiply.NN(a, b, c, m, k, n, accumulate); break;
            case ProductKind.NT: MatrixMultiply.NT(a, b, c, m, k, n, accumulate); break;
            default: MatrixMultiply.TN(a, b, c, m, k, n, accumulate); break;
        }
    }

    /// <summary>op(A)(i, p) in the row-major storage of <paramref name="kind"/>.</summary>
    public static int IndexA(ProductKind kind, int i, int p, int m, int k) => kind == ProductKind.TN ? p * m + i : i * k + p;

    /// <summary>op(B)(p, j) in the row-major storage of <paramref name="kind"/>.</summary>
    public static int IndexB(ProductKind kind, int p, int j, int k, int n) => kind == ProductKind.NT ? j * k + p : p * n + j;

    /// <summary>The product in double, and per element Σ_p |A(i,p)·B(p,j)| + |C₀| for error bounds.</summary>
    public static (double[] Value, double[] Magnitude) InDouble<T>(
        ProductKind kind, T[] a, T[] b, T[] c0, int m, int k, int n, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        var value = new double[m * n];
        var magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = accumulate ? double.CreateChecked(c0[i * n + j]) : 0;
                double mag = Math.Abs(s);
                for (int p = 0; p < k; p++)
                {
                    double term = double.CreateChecked(a[IndexA(kind, i, p, m, k)]) * double.CreateChecked(b[IndexB(kind, p, j, k, n)]);
                    s += term;
                    mag += Math.Abs(term);
                }
                value[i * n + j] = s;
                magnitude[i * n + j] = mag;
            }
        }
        return (value, magnitude);
    }

    /// <summary>
    /// The exact bits the outer-product paths promise: per element the chain c ← fma(A(i,p), B(p,j), c)
    /// in increasing p, in precision T, from C₀ or 0.
    /// </summary>
    public static T[] FusedChain<T>(ProductKind kind, T[] a, T[] b, T[] c0, int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T s = accumulate ? c0[i * n + j] : T.Zero;
                for (int p = 0; p < k; p++)
                    s = SimdScalar<T>.MultiplyAdd(a[IndexA(kind, i, p, m, k)], b[IndexB(kind, p, j, k, n)], s);
                result[i * n + j] = s;
            }
        }
        return result;
    }
}
