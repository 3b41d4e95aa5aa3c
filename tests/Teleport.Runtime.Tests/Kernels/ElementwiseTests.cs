using System;
using System.Collections.Generic;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

public class ElementwiseTests
{
    public static IEnumerable<object[]> Widths()
    {
        foreach (var width in KernelScope.AllWidths) yield return [(int)width];
    }

    private static void Near(double expected, double actual, string what)
    {
        double tolerance = 1e-6 * Math.Max(1, Math.Abs(expected));
        if (!(Math.Abs(expected - actual) <= tolerance)) Assert.Fail($"{what}: expected {expected}, got {actual}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void UnaryEveryLengthAndInPlace(int width)
    {
        using var scope = new KernelScope((SimdWidth)width);
        for (int n = 0; n <= 256; n++)
        {
            var x = TestData.Floats(n, n);
            var d = new float[n + 3];
            d.AsSpan(n).Fill(-7);
            Elementwise.Map<float, AffineOperator<float>>(x, d);
            for (int i = 0; i < n; i++) Near(2 * x[i] + 1, d[i], $"n={n} i={i}");
            for (int i = n; i < d.Length; i++) Assert.Equal(-7f, d[i]);

            var inPlace = (float[])x.Clone();
            Elementwise.Map<float, AffineOperator<float>>(inPlace, inPlace);
            for (int i = 0; i < n; i++) Near(2 * x[i] + 1, inPlace[i], $"in place n={n} i={i}");

            var xd = TestData.Doubles(n, n + 1);
            var dd = (double[])xd.Clone();
            Elementwise.Map<double, AffineOperator<double>>(dd, dd);
            for (int i = 0; i < n; i++) Near(2 * xd[i] + 1, dd[i], $"double in place n={n} i={i}");
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void BinaryEveryLengthAndInPlaceOnEitherInput(int width)
    {
        using var scope = new KernelScope((SimdWidth)width);
        for (int n = 0; n <= 256; n++)
        {
            var x = TestData.Floats(n, 10 * n);
            var y = TestData.Floats(n, 10 * n + 1);
            var d = new float[n];
            Elementwise.Map<float, ProductMinusOperator<float>>(x, y, d);
            for (int i = 0; i < n; i++) Near(x[i] * y[i] - x[i], d[i], $"n={n} i={i}");

            var overX = (float[])x.Clone();
            Elementwise.Map<float, ProductMinusOperator<float>>(overX, y, overX);
            var overY = (float[])y.Clone();
            Elementwise.Map<float, ProductMinusOperator<float>>(x, overY, overY);
            for (int i = 0; i < n; i++)
            {
                Near(x[i] * y[i] - x[i], overX[i], $"over x n={n} i={i}");
                Near(x[i] * y[i] - x[i], overY[i], $"over y n={n} i={i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void TernaryAndQuaternaryEveryLengthAndInPlace(int width)
    {
        using var scope = new KernelScope((SimdWidth)width);
        for (int n = 0; n <= 256; n++)
        {
            var x = TestData.Doubles(n, 100 * n);
            var y = TestData.Doubles(n, 100 * n + 1);
            var z = TestData.Doubles(n, 100 * n + 2);
            var w = TestData.Doubles(n, 100 * n + 3);
            var d3 = (double[])z.Clone();
            Elementwise.Map<double, MultiplyAddOneOperator<double>>(x, y, d3, d3);
            var d4 = (double[])w.Clone();
            Elementwise.Map<double, DifferenceScaleAddOperator<double>>(x, y, z, d4, d4);
            var f4 = new float[n];
            Elementwise.Map<float, DifferenceScaleAddOperator<float>>(
                Array.ConvertAll(x, v => (float)v), Array.ConvertAll(y, v => (float)v), Array.ConvertAll(z, v => (float)v), Array.ConvertAll(w, v => (float)v), f4);
            for (int i = 0; i < n; i++)
            {
                Near(x[i] * y[i] + z[i] + 1, d3[i], $"ternary n={n} i={i}");
                Near((x[i] - y[i]) * z[i] + w[i], d4[i], $"quaternary n={n} i={i}");
                Near((float)(((float)x[i] - (float)y[i]) * (float)z[i] + (float)w[i]), f4[i], $"quaternary float n={n} i={i}");
            }
        }
    }

    [Fact]
    public void RejectsLengthMismatchAndPartialOverlap()
    {
        var a = new float[10];
        var b = new float[9];
        Assert.Throws<ArgumentException>("y", () => Elementwise.Map<float, ProductMinusOperator<float>>(a, b, new float[10]));
        Assert.Throws<ArgumentException>("destination", () => Elementwise.Map<float, AffineOperator<float>>(a, new float[9]));
        Assert.Throws<ArgumentException>("destination", () => Elementwise.Map<float, AffineOperator<float>>(a.AsSpan(0, 8), a.AsSpan(1, 8)));
    }

    [Fact]
    public void AMatrixMapNeedsWholeRows()
    {
        var a = new float[10];
        var error = Assert.Throws<ArgumentException>("columns", () => Elementwise.Map<float, AffineOperator<float>>(a, new float[10], columns: 4));
        Assert.Contains("10 elements, not a whole number of rows of 4 columns", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>("columns", () => Elementwise.Map<float, AffineOperator<float>>(a, new float[10], columns: 0));
        Assert.Throws<ArgumentOutOfRangeException>("columns", () => Elementwise.Map<float, ProductMinusOperator<float>>(a, a, new float[10], columns: -5));
        // An empty matrix of any width is fine, as is the flat map of nothing.
        Elementwise.Map<float, AffineOperator<float>>([], [], columns: 7);
        Elementwise.Map<float, AffineOperator<float>>([], []);
    }

    [Fact]
    public void HelpersComputeWhatTheySay()
    {
        var x = new[] { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f };
        var y = new[] { 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, -1f };
        var d = new float[11];
        Elementwise.Scale<float>(x, 3f, d);
        Assert.Equal(33f, d[10]);
        Elementwise.Add<float>(x, y, d);
        Assert.Equal(10f, d[10]);
        Elementwise.Subtract<float>(x, y, d);
        Assert.Equal(12f, d[10]);
        Elementwise.MultiplyAdd<float>(x, 2f, y, d);
        Assert.Equal(21f, d[10]);
        Assert.Equal(6f, d[1]);
        Elementwise.Copy<float>(x, d);
        Assert.Equal(x, d);
        Elementwise.Fill<float>(d, 0.5f);
        Assert.All(d, v => Assert.Equal(0.5f, v));
    }
}
