using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.LinearAlgebra;

public sealed class CayleyTests
{
    [Theory]
    [InlineData(2, 0.1)]
    [InlineData(5, 1)]
    [InlineData(12, 10)]
    [InlineData(40, 3)]
    public void CayleyOfSkewSymmetricIsARotation(int n, double scale)
    {
        Check<double>(n, scale, 1e-12);
        Check<float>(n, scale, 2e-5);
    }

    private static void Check<T>(int n, double scale, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] r = MatrixTestData.Random<double>(n, n, n, scale);
        double[] skew = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                skew[i * n + j] = r[i * n + j] - r[j * n + i];
            }
        }

        Assert.True(Cayley.TryCompute<T>(MatrixTestData.Convert<T>(skew), n, out T[]? q));
        double[] qd = MatrixTestData.ToDouble<T>(q);
        MatrixTestData.AssertClose(MatrixTestData.Multiply(MatrixTestData.Transpose(qd, n, n), qd, n, n, n), MatrixTestData.Identity(n), tolerance, "QᵀQ");
        Assert.Equal(1.0, LuDecomposition.Determinant<double>(qd, n), 1e3 * tolerance);

        // C(−A) = C(A)⁻¹.
        double[] minus = Array.ConvertAll(skew, v => -v);
        Assert.True(Cayley.TryCompute<T>(MatrixTestData.Convert<T>(minus), n, out T[]? inverse));
        MatrixTestData.AssertClose(MatrixTestData.Multiply(qd, MatrixTestData.ToDouble<T>(inverse), n, n, n), MatrixTestData.Identity(n), tolerance, "C(A)·C(−A)");
    }

    [Fact]
    public void CayleyAgreesWithTheExponentialToSecondOrder()
    {
        const int n = 5;
        double[] a = MatrixTestData.Random<double>(9, n, n, 1e-3);
        Assert.True(Cayley.TryCompute<double>(a, n, out double[]? c));
        double[] e = MatrixExponential.Compute<double>(a, n);
        // C(A) − e^A = A³/12 + O(‖A‖⁴) ≈ 1e-10 here.
        double error = MatrixTestData.RelativeError(c, e);
        Assert.InRange(error, 1e-13, 1e-9);
    }

    [Fact]
    public void SingularDenominatorIsDetected()
    {
        // I − A/2 = 0 for A = 2I.
        Assert.False(Cayley.TryCompute<double>([2, 0, 0, 2], 2, out double[]? result));
        Assert.Null(result);
        Assert.False(Cayley.TryCompute<float>([2, 0, 0, 2], 2, new float[4], new float[Cayley.WorkspaceLength(2)]));
        Assert.False(Cayley.TryCompute<double>([double.NaN, 0, 0, 0], 2, out _));
    }

    [Fact]
    public void KnownTwoByTwo()
    {
        // Skew [[0, −t], [t, 0]]: C = [[1 − t²/4, −t], [t, 1 − t²/4]] / (1 + t²/4).
        const double t = 0.8;
        double d = 1 + t * t / 4;
        Assert.True(Cayley.TryCompute<double>([0, -t, t, 0], 2, out double[]? c));
        MatrixTestData.AssertClose(c, [(1 - t * t / 4) / d, -t / d, t / d, (1 - t * t / 4) / d], 1e-15);
    }
}
