using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.LinearAlgebra;

public sealed class CholeskyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(100)]
    public void FactorReproducesTheMatrixAndSolves(int n)
    {
        Check<double>(n, MatrixTestData.Tolerance<double>(50 * n));
        Check<float>(n, MatrixTestData.Tolerance<float>(50 * n));
    }

    private static void Check<T>(int n, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] m = MatrixTestData.RandomSpd<T>(n, n);
        double[] md = MatrixTestData.ToDouble<T>(m);
        CholeskyResult result = Cholesky.Factor<T>(m, n, CholeskyRidge.None, out T[] l);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal((-1, 0.0), (result.FailedColumn, result.Ridge));

        // L is lower triangular with a positive diagonal and L·Lᵀ = M.
        double[] ld = MatrixTestData.ToDouble<T>(l);
        for (int i = 0; i < n; i++)
        {
            Assert.True(ld[i * n + i] > 0);
            for (int j = i + 1; j < n; j++)
            {
                Assert.Equal(0, ld[i * n + j]);
            }
        }

        MatrixTestData.AssertClose(MatrixTestData.MultiplyNT(ld, ld, n, n, n), md, tolerance, "L·Lᵀ");

        // One right-hand side: M·x = b.
        T[] b = MatrixTestData.Random<T>(n + 1, n, 1);
        T[] x = (T[])b.Clone();
        Cholesky.Solve<T>(l, n, x);
        MatrixTestData.AssertClose(MatrixTestData.Multiply(md, MatrixTestData.ToDouble<T>(x), n, n, 1), MatrixTestData.ToDouble<T>(b), tolerance, "M·x");

        // Columns: M·X = B (n×3), and rows: X·M = B (3×n).
        T[] columns = MatrixTestData.Random<T>(n + 2, n, 3);
        T[] xColumns = (T[])columns.Clone();
        Cholesky.SolveColumns<T>(l, n, xColumns, 3);
        MatrixTestData.AssertClose(MatrixTestData.Multiply(md, MatrixTestData.ToDouble<T>(xColumns), n, n, 3), MatrixTestData.ToDouble<T>(columns), tolerance, "M·X");
        T[] rows = MatrixTestData.Random<T>(n + 3, 3, n);
        T[] xRows = (T[])rows.Clone();
        Cholesky.SolveRows<T>(l, n, xRows, 3);
        MatrixTestData.AssertClose(MatrixTestData.Multiply(MatrixTestData.ToDouble<T>(xRows), md, 3, n, n), MatrixTestData.ToDouble<T>(rows), tolerance, "X·M");

        // The allocating solve agrees.
        Assert.True(Cholesky.Solve<T>(MatrixTestData.Convert<T>(md), n, columns, 3, CholeskyRidge.None, out T[] solved).Succeeded);
        MatrixTestData.AssertClose<T>(solved, MatrixTestData.ToDouble<T>(xColumns), tolerance, "Solve");
    }

    [Fact]
    public void LogDeterminantOfADiagonalMatrix()
    {
        double[] m = [4, 0, 0, 0, 9, 0, 0, 0, 0.25];
        Assert.True(Cholesky.Factor<double>(m, 3).Succeeded);
        Assert.Equal(Math.Log(9), Cholesky.LogDeterminant<double>(m, 3), 12);
    }

    [Fact]
    public void OnlyTheLowerTriangleIsRead()
    {
        double[] m = [4, 999, 2, 3]; // the 999 should be 2
        Assert.True(Cholesky.Factor<double>(m, 2).Succeeded);
        Assert.Equal([2.0, 0, 1, Math.Sqrt(2)], m);
    }

    [Fact]
    public void SemidefiniteFailsWithoutARidgeAndSucceedsWithOne()
    {
        // v·vᵀ has rank one: the second pivot is exactly zero.
        double[] v = [1, 2, 3];
        double[] m = MatrixTestData.MultiplyNT(v, v, 3, 1, 3);
        CholeskyResult plain = Cholesky.Factor<double>((double[])m.Clone(), 3);
        Assert.False(plain.Succeeded);
        Assert.Equal(1, plain.FailedColumn);
        Assert.Contains("not positive definite", plain.ToString(), StringComparison.Ordinal);

        var ridge = new CholeskyRidge(1e-6, 1e-12);
        CholeskyResult ridged = Cholesky.Factor<double>((double[])m.Clone(), 3, ridge);
        Assert.True(ridged.Succeeded);
        Assert.Equal(1e-6 * 14 / 3 + 1e-12, ridged.Ridge, 1e-18); // relative × mean diagonal + floor
    }

    [Fact]
    public void IndefiniteFailsEvenWithTheRidge()
    {
        float[] m = [1, 0, 0, -1];
        CholeskyResult result = Cholesky.Factor<float>(m, 2, CholeskyRidge.Recommended<float>());
        Assert.False(result.Succeeded);
        Assert.Equal(1, result.FailedColumn);
    }

    [Fact]
    public void ZeroMatrixFactorsWithTheAbsoluteFloor()
    {
        CholeskyResult result = Cholesky.Factor<double>(new double[9], 3, CholeskyRidge.Recommended<double>());
        Assert.True(result.Succeeded);
        Assert.Equal(Math.Pow(2, -104), result.Ridge);
        Assert.False(Cholesky.Factor<double>(new double[9], 3).Succeeded);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteInputFails(double bad)
    {
        double[] m = MatrixTestData.RandomSpd<double>(5, 4);
        m[2 * 4 + 1] = bad;
        Assert.False(Cholesky.Factor<double>((double[])m.Clone(), 4).Succeeded);
        m = MatrixTestData.RandomSpd<double>(5, 4);
        m[3 * 4 + 3] = bad;
        Assert.False(Cholesky.Factor<double>(m, 4).Succeeded);
    }

    [Fact]
    public void RecommendedRidgeScalesWithPrecision()
    {
        Assert.Equal(Math.Sqrt(Math.Pow(2, -23)), CholeskyRidge.Recommended<float>().Relative, 15);
        Assert.Equal(Math.Sqrt(Math.Pow(2, -52)), CholeskyRidge.Recommended<double>().Relative, 1e-20);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CholeskyRidge(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CholeskyRidge(0, double.NaN));
    }
}
