using System;
using System.Numerics;

namespace Teleport.Runtime.Tests.LinearAlgebra;

/// <summary>Seeded matrices and reference arithmetic in double for the linear-algebra tests.</summary>
internal static class MatrixTestData
{
    public static T[] Random<T>(int seed, int rows, int cols, double scale = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[rows * cols];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating(scale * (2 * random.NextDouble() - 1));
        }

        return values;
    }

    /// <summary>B·Bᵀ + shift·I for a random n×n B: symmetric positive definite.</summary>
    public static T[] RandomSpd<T>(int seed, int n, double shift = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] b = Random<double>(seed, n, n);
        double[] m = MultiplyNT(b, b, n, n, n);
        for (int i = 0; i < n; i++)
        {
            m[i * n + i] += shift;
        }

        return Convert<T>(m);
    }

    public static T[] Convert<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T> => Array.ConvertAll(values, T.CreateTruncating);

    public static double[] ToDouble<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = double.CreateTruncating(values[i]);
        }

        return result;
    }

    /// <summary>C = A[m×k]·B[k×n] by the textbook triple loop in double.</summary>
    public static double[] Multiply(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * b[p * n + j];
                }

                c[i * n + j] = sum;
            }
        }

        return c;
    }

    public static double[] Transpose(double[] a, int rows, int cols)
    {
        var t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[j * rows + i] = a[i * cols + j];
            }
        }

        return t;
    }

    /// <summary>C = A[m×k]·B[n×k]ᵀ.</summary>
    public static double[] MultiplyNT(double[] a, double[] b, int m, int k, int n) => Multiply(a, Transpose(b, n, k), m, k, n);

    public static double[] Identity(int n)
    {
        var identity = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            identity[i * n + i] = 1;
        }

        return identity;
    }

    /// <summary>max |a − b| / max(1, max |b|).</summary>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 1, error = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            double difference = Math.Abs(actual[i] - expected[i]);
            error = double.IsNaN(difference) ? double.PositiveInfinity : Math.Max(error, difference);
        }

        return error / scale;
    }

    public static void AssertClose(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double tolerance, string what = "")
    {
        double error = RelativeError(actual, expected);
        Assert.True(error <= tolerance, $"{what} relative error {error:G3} > {tolerance:G3}");
    }

    public static void AssertClose<T>(ReadOnlySpan<T> actual, ReadOnlySpan<double> expected, double tolerance, string what = "")
        where T : unmanaged, IFloatingPointIeee754<T> => AssertClose(ToDouble(actual), expected, tolerance, what);

    /// <summary>Test tolerance scaled to the precision: <paramref name="ulps"/> machine epsilons.</summary>
    public static double Tolerance<T>(double ulps)
        where T : unmanaged, IFloatingPointIeee754<T> => ulps * (typeof(T) == typeof(float) ? 1.1920929e-7 : 2.220446049250313e-16);
}
