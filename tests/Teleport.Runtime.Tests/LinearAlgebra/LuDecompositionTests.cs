using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.LinearAlgebra;

public sealed class LuDecompositionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(40)]
    [InlineData(120)]
    public void FactorSolvesAndInverts(int n)
    {
        Check<double>(n, MatrixTestData.Tolerance<double>(200 * n));
        Check<float>(n, MatrixTestData.Tolerance<float>(200 * n));
    }

    private static void Check<T>(int n, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] m = MatrixTestData.Random<T>(n, n, n);
        double[] md = MatrixTestData.ToDouble<T>(m);
        T[] lu = (T[])m.Clone();
        var pivots = new int[n];
        LuResult result = LuDecomposition.Factor<T>(lu, n, pivots);
        Assert.True(result.Succeeded, result.ToString());
        Assert.InRange(result.PivotRatio, 1e-6, 1);

        T[] b = MatrixTestData.Random<T>(n + 7, n, 1);
        T[] x = (T[])b.Clone();
        LuDecomposition.Solve<T>(lu, pivots, n, x);
        MatrixTestData.AssertClose(MatrixTestData.Multiply(md, MatrixTestData.ToDouble<T>(x), n, n, 1), MatrixTestData.ToDouble<T>(b), tolerance, "M·x");

        T[] columns = MatrixTestData.Random<T>(n + 8, n, 4);
        T[] xs = (T[])columns.Clone();
        LuDecomposition.SolveColumns<T>(lu, pivots, n, xs, 4);
        MatrixTestData.AssertClose(MatrixTestData.Multiply(md, MatrixTestData.ToDouble<T>(xs), n, n, 4), MatrixTestData.ToDouble<T>(columns), tolerance, "M·X");
        Assert.True(LuDecomposition.TrySolve<T>(m, n, columns, 4, out T[]? solved));
        MatrixTestData.AssertClose<T>(solved, MatrixTestData.ToDouble<T>(xs), tolerance * 10, "TrySolve");

        var inverse = new T[n * n];
        LuDecomposition.Invert<T>(lu, pivots, n, inverse);
        MatrixTestData.AssertClose(MatrixTestData.Multiply(MatrixTestData.ToDouble<T>(inverse), md, n, n, n), MatrixTestData.Identity(n), tolerance, "M⁻¹·M");
        Assert.True(LuDecomposition.TryInvert<T>(m, n, out T[]? inverse2));
        Assert.Equal(inverse, inverse2);

        // log|det| and sign agree with the determinant (which overflows float for n = 120: log|det| does not).
        double det = double.CreateTruncating(LuDecomposition.Determinant<T>(lu, pivots, n));
        double logAbs = double.CreateTruncating(LuDecomposition.LogAbsDeterminant<T>(lu, pivots, n, out int sign));
        Assert.Equal(Math.Sign(det), sign);
        Assert.True(double.IsFinite(logAbs));
        if (double.IsFinite(det))
        {
            Assert.Equal(Math.Log(Math.Abs(det)), logAbs, 1e-4 * Math.Max(1, Math.Abs(logAbs)));
        }
    }

    [Fact]
    public void DeterminantsOfKnownMatrices()
    {
        Assert.Equal(-2.0, LuDecomposition.Determinant<double>([1, 2, 3, 4], 2), 14);
        Assert.Equal(24.0, LuDecomposition.Determinant<double>([2, 5, 7, 0, 3, 1, 0, 0, 4], 3), 14);
        Assert.Equal(-1.0, LuDecomposition.Determinant<double>([0, 1, 1, 0], 2)); // a swap
        Assert.Equal(1.0, LuDecomposition.Determinant<double>([0, 1, 0, 0, 0, 1, 1, 0, 0], 3)); // a 3-cycle
        Assert.Equal(1.0, LuDecomposition.Determinant<double>([], 0));
        Assert.Equal(0.0, LuDecomposition.Determinant<double>([1, 2, 2, 4], 2));
        Assert.True(double.IsNaN(LuDecomposition.Determinant<double>([1, double.NaN, 2, 4], 2)));
    }

    [Fact]
    public void SingularMatricesAreDetected()
    {
        var pivots = new int[2];
        LuResult r = LuDecomposition.Factor<double>([1, 2, 2, 4], 2, pivots);
        Assert.False(r.Succeeded);
        Assert.Equal(1, r.SingularColumn);
        Assert.Contains("singular", r.ToString(), StringComparison.Ordinal);
        Assert.False(LuDecomposition.Factor<float>(new float[9], 3, new int[3]).Succeeded);

        // A random 12×12 whose last row is the sum of the others: singular up to rounding.
        const int n = 12;
        double[] m = MatrixTestData.Random<double>(3, n, n);
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < n - 1; i++)
            {
                sum += m[i * n + j];
            }

            m[(n - 1) * n + j] = sum;
        }

        Assert.False(LuDecomposition.TryInvert<double>(m, n, out double[]? inverse));
        Assert.Null(inverse);
        Assert.False(LuDecomposition.TrySolveInPlace<double>((double[])m.Clone(), n, new double[n], 1));
        float[] mf = MatrixTestData.Convert<float>(m);
        Assert.False(LuDecomposition.TryInvert<float>(mf, n, out _));
    }

    [Fact]
    public void NonFiniteMatricesFail()
    {
        LuResult r = LuDecomposition.Factor<double>([1, double.PositiveInfinity, 0, 1], 2, new int[2]);
        Assert.False(r.Succeeded);
        Assert.Equal(-1, r.SingularColumn);
        Assert.False(LuDecomposition.TrySolveInPlace<float>([float.NaN, 0, 0, 1], 2, new float[2], 1));
    }

    [Fact]
    public void SolveInPlaceMatchesFactorAndSolve()
    {
        const int n = 25;
        double[] m = MatrixTestData.Random<double>(4, n, n);
        double[] b = MatrixTestData.Random<double>(5, n, 3);
        double[] viaFactor = (double[])b.Clone();
        double[] lu = (double[])m.Clone();
        var pivots = new int[n];
        Assert.True(LuDecomposition.Factor<double>(lu, n, pivots).Succeeded);
        LuDecomposition.SolveColumns<double>(lu, pivots, n, viaFactor, 3);
        double[] inPlace = (double[])b.Clone();
        Assert.True(LuDecomposition.TrySolveInPlace<double>((double[])m.Clone(), n, inPlace, 3));
        MatrixTestData.AssertClose(inPlace, viaFactor, 1e-12);
    }
}
