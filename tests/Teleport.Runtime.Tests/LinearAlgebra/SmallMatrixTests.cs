using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.LinearAlgebra;

public sealed class SmallMatrixTests
{
    /// <summary>Every length through the vector widths' tails, a NaN or an infinity at every position, and the empty span (all finite).</summary>
    [Fact]
    public void IsFiniteFindsEveryNonFiniteValueAndAcceptsAnEmptySpan()
    {
        Assert.True(SmallMatrix.IsFinite<float>([]));
        Assert.True(SmallMatrix.IsFinite<double>([]));
        foreach (int length in new[] { 1, 2, 7, 15, 16, 17, 31, 33, 64, 100 })
        {
            var values = new double[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = i - 0.5 * length;
            }

            Assert.True(SmallMatrix.IsFinite<double>(values));
            Assert.True(SmallMatrix.IsFinite<float>(Array.ConvertAll(values, v => (float)v)));
            foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            {
                for (int i = 0; i < length; i++)
                {
                    double saved = values[i];
                    values[i] = bad;
                    Assert.False(SmallMatrix.IsFinite<double>(values), $"{bad} at {i} of {length}");
                    Assert.False(SmallMatrix.IsFinite<float>(Array.ConvertAll(values, v => (float)v)), $"{bad} at {i} of {length} (float)");
                    values[i] = saved;
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 7)]
    [InlineData(17, 9, 33)]
    [InlineData(64, 64, 64)]
    [InlineData(0, 4, 3)]
    [InlineData(2, 0, 3)]
    public void ProductsMatchTheTextbookLoop(int m, int k, int n)
    {
        Check<float>(m, k, n, MatrixTestData.Tolerance<float>(8 * Math.Max(k, 1)));
        Check<double>(m, k, n, MatrixTestData.Tolerance<double>(8 * Math.Max(k, 1)));
    }

    private static void Check<T>(int m, int k, int n, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = MatrixTestData.Random<T>(1, m, k), b = MatrixTestData.Random<T>(2, k, n);
        double[] expected = MatrixTestData.Multiply(MatrixTestData.ToDouble<T>(a), MatrixTestData.ToDouble<T>(b), m, k, n);

        var c = new T[m * n];
        SmallMatrix.MultiplyNN<T>(a, b, c, m, k, n);
        MatrixTestData.AssertClose<T>(c, expected, tolerance, "NN");
        MatrixTestData.AssertClose<T>(SmallMatrix.Multiply<T>(a, b, m, k, n), expected, tolerance, "Multiply");

        T[] bt = SmallMatrix.Transpose<T>(b, k, n);
        SmallMatrix.MultiplyNT<T>(a, bt, c, m, k, n);
        MatrixTestData.AssertClose<T>(c, expected, tolerance, "NT");

        T[] at = SmallMatrix.Transpose<T>(a, m, k);
        SmallMatrix.MultiplyTN<T>(at, b, c, m, k, n);
        MatrixTestData.AssertClose<T>(c, expected, tolerance, "TN");
    }

    [Fact]
    public void ProductRejectsAnOverlappingDestination()
    {
        double[] a = MatrixTestData.Random<double>(3, 4, 4);
        Assert.Throws<ArgumentException>(() => SmallMatrix.MultiplyNN<double>(a, a, a, 4, 4, 4));
        Assert.Throws<ArgumentException>(() => SmallMatrix.MultiplyNN<double>(a, a, new double[15], 4, 4, 4));
    }

    [Fact]
    public void IdentityTransposeTraceAndNorms()
    {
        Assert.Equal([1.0, 0, 0, 1], SmallMatrix.Identity<double>(2));
        double[] m = [1, -2, 3, 4, 5, -6]; // 2×3
        Assert.Equal([1.0, 4, -2, 5, 3, -6], SmallMatrix.Transpose<double>(m, 2, 3));
        Assert.Equal(5.0, SmallMatrix.Trace<double>([1, 2, 3, 4], 2));
        Assert.Equal(Math.Sqrt(91), SmallMatrix.FrobeniusNorm<double>(m), 12);
        Assert.Equal(9.0, SmallMatrix.OneNorm<double>(m, 2, 3));       // column sums 5, 7, 9
        Assert.Equal(15.0, SmallMatrix.InfinityNorm<double>(m, 2, 3)); // row sums 6, 15
        Assert.Equal(6.0, SmallMatrix.MaxAbs<double>(m));
        Assert.True(double.IsNaN(SmallMatrix.OneNorm<double>([1, double.NaN], 1, 2)));
        Assert.False(SmallMatrix.IsFinite<float>([1, float.PositiveInfinity]));
        float[] d = [1, 2, 3, 4];
        SmallMatrix.AddToDiagonal<float>(d, 2, 10);
        Assert.Equal([11f, 2, 3, 14], d);
    }
}
