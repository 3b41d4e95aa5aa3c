using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.LinearAlgebra;

public sealed class NormalEquationsTests
{
    [Theory]
    [InlineData(3, 8, 2)]  // wide: full row rank, Aᵀ(AAᵀ)⁻¹
    [InlineData(8, 3, 2)]  // tall: full column rank, (AᵀA)⁻¹Aᵀ
    [InlineData(5, 5, 4)]
    [InlineData(16, 40, 7)]
    public void MoorePenroseConditionsHold(int m, int n, int p)
    {
        Check<double>(m, n, p, 1e-10);
        Check<float>(m, n, p, 2e-4);
    }

    private static void Check<T>(int m, int n, int p, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] a = MatrixTestData.Random<T>(10 * m + n, m, n);
        double[] ad = MatrixTestData.ToDouble<T>(a);

        // A⁺ itself: A⁺·I (n×m), then A·A⁺·A = A and A⁺·A·A⁺ = A⁺.
        T[] identity = MatrixTestData.Convert<T>(MatrixTestData.Identity(m));
        Assert.True(NormalEquations.PseudoInverseTimes<T>(a, m, n, identity, m, CholeskyRidge.None, out T[] pinv).Succeeded);
        double[] pd = MatrixTestData.ToDouble<T>(pinv);
        double[] apa = MatrixTestData.Multiply(MatrixTestData.Multiply(ad, pd, m, n, m), ad, m, m, n);
        MatrixTestData.AssertClose(apa, ad, tolerance, "A·A⁺·A");
        double[] pap = MatrixTestData.Multiply(MatrixTestData.Multiply(pd, ad, n, m, n), pd, n, n, m);
        MatrixTestData.AssertClose(pap, pd, tolerance, "A⁺·A·A⁺");

        // A⁺·B with the workspace version equals (A⁺)·B.
        T[] b = MatrixTestData.Random<T>(p, m, p);
        var x = new T[n * p];
        var workspace = new T[NormalEquations.PseudoInverseTimesWorkspaceLength(m, n, p)];
        Assert.True(NormalEquations.PseudoInverseTimes<T>(a, m, n, b, p, x, workspace, CholeskyRidge.None).Succeeded);
        MatrixTestData.AssertClose<T>(x, MatrixTestData.Multiply(pd, MatrixTestData.ToDouble<T>(b), n, m, p), tolerance, "A⁺·B");

        // B·A⁺ (B p×n) equals B·(A⁺).
        T[] c = MatrixTestData.Random<T>(p + 50, p, n);
        var y = new T[p * m];
        var workspace2 = new T[NormalEquations.TimesPseudoInverseWorkspaceLength(m, n, p)];
        Assert.True(NormalEquations.TimesPseudoInverse<T>(a, m, n, c, p, y, workspace2, CholeskyRidge.None).Succeeded);
        MatrixTestData.AssertClose<T>(y, MatrixTestData.Multiply(MatrixTestData.ToDouble<T>(c), pd, p, n, m), tolerance, "B·A⁺");
        Assert.True(NormalEquations.TimesPseudoInverse<T>(a, m, n, c, p, CholeskyRidge.None, out T[] y2).Succeeded);
        Assert.Equal(y, y2);
    }

    [Fact]
    public void RidgeGivesTheTikhonovPseudoInverseInEveryBranch()
    {
        // Expected: A⁺_λ = Aᵀ(AAᵀ + λI)⁻¹ for a wide A (m < n); the tall Aᵀ must give its transpose.
        const int m = 4, n = 9;
        const double lambda = 0.3;
        double[] a = MatrixTestData.Random<double>(7, m, n);
        double[] at = MatrixTestData.Transpose(a, m, n);
        double squares = 0;
        foreach (double v in a)
        {
            squares += v * v;
        }

        // λ = relative · trace(G)/size(G); the Gram is m×m with trace ‖A‖²_F in every branch here.
        var ridge = new CholeskyRidge(lambda * m / squares);
        double[] gram = MatrixTestData.MultiplyNT(a, a, m, n, m);
        for (int i = 0; i < m; i++)
        {
            gram[i * m + i] += lambda;
        }

        Assert.True(Teleport.LinearAlgebra.LuDecomposition.TryInvert<double>(gram, m, out double[]? inverse));
        double[] expected = MatrixTestData.Multiply(at, inverse, n, m, m); // n×m
        double[] expectedT = MatrixTestData.Transpose(expected, n, m);     // m×n

        CholeskyResult r = NormalEquations.PseudoInverseTimes<double>(a, m, n, MatrixTestData.Identity(m), m, ridge, out double[] wideLeft);
        Assert.Equal(lambda, r.Ridge, 12);
        MatrixTestData.AssertClose(wideLeft, expected, 1e-12, "A⁺·I (wide)");
        Assert.True(NormalEquations.TimesPseudoInverse<double>(a, m, n, MatrixTestData.Identity(n), n, ridge, out double[] wideRight).Succeeded);
        MatrixTestData.AssertClose(wideRight, expected, 1e-12, "I·A⁺ (wide)");
        Assert.True(NormalEquations.PseudoInverseTimes<double>(at, n, m, MatrixTestData.Identity(n), n, ridge, out double[] tallLeft).Succeeded);
        MatrixTestData.AssertClose(tallLeft, expectedT, 1e-12, "(Aᵀ)⁺·I (tall)");
        Assert.True(NormalEquations.TimesPseudoInverse<double>(at, n, m, MatrixTestData.Identity(m), m, ridge, out double[] tallRight).Succeeded);
        MatrixTestData.AssertClose(tallRight, expectedT, 1e-12, "I·(Aᵀ)⁺ (tall)");
    }

    [Fact]
    public void RankDeficientFailsWithoutRidge()
    {
        // Two equal rows: A·Aᵀ is singular.
        double[] a = [1, 2, 3, 1, 2, 3];
        CholeskyResult result = NormalEquations.PseudoInverseTimes<double>(a, 2, 3, [1, 0, 0, 1], 2, CholeskyRidge.None, out double[] x);
        Assert.False(result.Succeeded);
        Assert.Empty(x);
        Assert.True(NormalEquations.PseudoInverseTimes<double>(a, 2, 3, [1, 0, 0, 1], 2, CholeskyRidge.Recommended<double>(), out x).Succeeded);

        // The regularised pseudo-inverse of a rank-one matrix tends to A⁺ = vuᵀ/(‖u‖²‖v‖²) for A = u vᵀ.
        double[] expected = [1 / 28.0, 1 / 28.0, 2 / 28.0, 2 / 28.0, 3 / 28.0, 3 / 28.0];
        MatrixTestData.AssertClose(x, expected, 1e-6, "rank one");
    }

    [Fact]
    public void WorkspaceTooSmallIsRejected()
    {
        double[] a = MatrixTestData.Random<double>(1, 2, 3);
        Assert.Throws<ArgumentException>(() =>
            NormalEquations.PseudoInverseTimes<double>(a, 2, 3, new double[4], 2, new double[6], new double[3], CholeskyRidge.None));
    }
}
