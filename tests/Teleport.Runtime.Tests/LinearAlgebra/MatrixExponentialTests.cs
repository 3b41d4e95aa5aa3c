using System;
using System.Numerics;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.LinearAlgebra;

public sealed class MatrixExponentialTests
{
    [Fact]
    public void ExponentialOfZeroIsTheIdentity()
    {
        Assert.Equal(MatrixTestData.Identity(3), MatrixExponential.Compute<double>(new double[9], 3));
        Assert.Empty(MatrixExponential.Compute<float>([], 0));
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0.5)]
    [InlineData(3)]
    [InlineData(-40)]
    [InlineData(80)]
    public void ExponentialOfADiagonalIsElementwise(double scale)
    {
        double[] d = [1, -0.5, 0.25, 0.1];
        var a = new double[16];
        var expected = new double[16];
        for (int i = 0; i < 4; i++)
        {
            a[i * 4 + i] = scale * d[i];
            expected[i * 4 + i] = Math.Exp(scale * d[i]);
        }

        MatrixTestData.AssertClose(MatrixExponential.Compute<double>(a, 4), expected, 1e-13 * Math.Max(1, Math.Abs(scale)));
        MatrixTestData.AssertClose<float>(MatrixExponential.Compute<float>(MatrixTestData.Convert<float>(a), 4), expected, 2e-6 * Math.Max(1, Math.Abs(scale)));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(1)]
    [InlineData(25)]
    public void ExponentialOfANilpotentIsAFiniteSeries(double scale)
    {
        // Strictly upper triangular N (4×4): e^N = I + N + N²/2 + N³/6.
        double[] nil = new double[16];
        var random = new Random(11);
        for (int i = 0; i < 4; i++)
        {
            for (int j = i + 1; j < 4; j++)
            {
                nil[i * 4 + j] = scale * (2 * random.NextDouble() - 1);
            }
        }

        double[] n2 = MatrixTestData.Multiply(nil, nil, 4, 4, 4), n3 = MatrixTestData.Multiply(n2, nil, 4, 4, 4);
        double[] expected = MatrixTestData.Identity(4);
        for (int i = 0; i < 16; i++)
        {
            expected[i] += nil[i] + n2[i] / 2 + n3[i] / 6;
        }

        MatrixTestData.AssertClose(MatrixExponential.Compute<double>(nil, 4), expected, 1e-13);
        MatrixTestData.AssertClose<float>(MatrixExponential.Compute<float>(MatrixTestData.Convert<float>(nil), 4), expected, 3e-6);
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.7)]
    [InlineData(3.1)]
    [InlineData(12)]
    [InlineData(100)]
    public void ExponentialOfARotationGeneratorIsARotation(double theta)
    {
        double[] generator = [0, -theta, theta, 0];
        double[] rotation = [Math.Cos(theta), -Math.Sin(theta), Math.Sin(theta), Math.Cos(theta)];
        MatrixTestData.AssertClose(MatrixExponential.Compute<double>(generator, 2), rotation, 1e-14 * Math.Max(1, theta));
        MatrixTestData.AssertClose<float>(MatrixExponential.Compute<float>(MatrixTestData.Convert<float>(generator), 2), rotation, 1e-6 * Math.Max(1, theta));
    }

    [Theory]
    [InlineData(5, 0.005)] // order 3
    [InlineData(5, 0.2)]   // order 5
    [InlineData(8, 0.8)]   // orders 7 / 9
    [InlineData(8, 1.8)]
    [InlineData(12, 4)]    // order 13, no scaling in double
    public void SmallNormsAgreeWithTheTaylorSeries(int n, double oneNorm)
    {
        double[] a = Scaled(MatrixTestData.Random<double>(n, n, n), n, oneNorm);
        double[] expected = Taylor(a, n);
        MatrixTestData.AssertClose(MatrixExponential.Compute<double>(a, n), expected, 1e-13 * Math.Max(1, oneNorm));
        MatrixTestData.AssertClose<float>(MatrixExponential.Compute<float>(MatrixTestData.Convert<float>(a), n), expected, 3e-6 * Math.Max(1, oneNorm));
    }

    [Theory]
    [InlineData(3, 0.1)]
    [InlineData(6, 2)]
    [InlineData(10, 9)]
    [InlineData(16, 30)]
    [InlineData(64, 6)]
    public void ExpOfAThenMinusAIsTheIdentityAndDetIsExpTrace(int n, double oneNorm)
    {
        double[] a = Scaled(MatrixTestData.Random<double>(100 + n, n, n), n, oneNorm);
        double[] minus = Array.ConvertAll(a, v => -v);
        double[] e = MatrixExponential.Compute<double>(a, n), f = MatrixExponential.Compute<double>(minus, n);
        double growth = Math.Exp(2 * oneNorm); // ‖e^A‖·‖e^−A‖ bound on the conditioning of the product
        MatrixTestData.AssertClose(MatrixTestData.Multiply(e, f, n, n, n), MatrixTestData.Identity(n), 1e-14 * n * growth, "e^A·e^−A");

        double trace = SmallMatrix.Trace<double>(a, n);
        double det = LuDecomposition.Determinant<double>(e, n);
        Assert.True(Math.Abs(det / Math.Exp(trace) - 1) < 1e-12 * n * growth, $"det e^A = {det}, e^tr A = {Math.Exp(trace)}");

        float[] ef = MatrixExponential.Compute<float>(MatrixTestData.Convert<float>(a), n);
        MatrixTestData.AssertClose<float>(ef, e, 2e-6 * n * Math.Max(1, oneNorm) * Math.Exp(oneNorm), "float vs double");
    }

    [Fact]
    public void JordanBlockScalesTheShear()
    {
        // exp([[a, b], [0, a]]) = e^a·[[1, b], [0, 1]], with a norm that needs scaling and squaring.
        double[] m = [3, 20, 0, 3];
        double e3 = Math.Exp(3);
        MatrixTestData.AssertClose(MatrixExponential.Compute<double>(m, 2), [e3, 20 * e3, 0, e3], 1e-14);
    }

    [Fact]
    public void DiagonalisableMatrixWithLargeNorm()
    {
        // A = S·D·S⁻¹ ⇒ e^A = S·e^D·S⁻¹, with ‖A‖₁ far above θ₁₃.
        const int n = 6;
        double[] s = MatrixTestData.Random<double>(21, n, n);
        for (int i = 0; i < n; i++)
        {
            s[i * n + i] += 3; // well conditioned
        }

        Assert.True(LuDecomposition.TryInvert<double>(s, n, out double[]? sInverse));
        double[] d = [-6, -2, 0.5, 1, 3, 7];
        var diagonal = new double[n * n];
        var expDiagonal = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            diagonal[i * n + i] = d[i];
            expDiagonal[i * n + i] = Math.Exp(d[i]);
        }

        double[] a = MatrixTestData.Multiply(MatrixTestData.Multiply(s, diagonal, n, n, n), sInverse, n, n, n);
        double[] expected = MatrixTestData.Multiply(MatrixTestData.Multiply(s, expDiagonal, n, n, n), sInverse, n, n, n);
        Assert.True(SmallMatrix.OneNorm<double>(a, n, n) > 5.4);
        MatrixTestData.AssertClose(MatrixExponential.Compute<double>(a, n), expected, 1e-12);
    }

    [Fact]
    public void NonFiniteInputIsRejected()
    {
        Assert.False(MatrixExponential.TryCompute<double>([double.NaN, 0, 0, 0], 2, new double[4], new double[MatrixExponential.WorkspaceLength(2)]));
        Assert.Throws<ArgumentException>(() => MatrixExponential.Compute<float>([0, float.PositiveInfinity, 0, 0], 2));
    }

    /// <summary>A scaled to the given 1-norm.</summary>
    private static double[] Scaled(double[] a, int n, double oneNorm)
    {
        double factor = oneNorm / SmallMatrix.OneNorm<double>(a, n, n);
        return Array.ConvertAll(a, v => v * factor);
    }

    /// <summary>Σ Aᵏ/k! until the terms stop mattering (for ‖A‖ ≲ 5).</summary>
    private static double[] Taylor(double[] a, int n)
    {
        double[] sum = MatrixTestData.Identity(n), term = MatrixTestData.Identity(n);
        for (int k = 1; k < 80; k++)
        {
            term = MatrixTestData.Multiply(term, a, n, n, n);
            for (int i = 0; i < term.Length; i++)
            {
                term[i] /= k;
                sum[i] += term[i];
            }
        }

        return sum;
    }
}
