using System;
using System.Collections.Generic;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

public class ReductionsTests
{
    [Fact]
    public void FloatReductionsAreCorrectlyRoundedDoubleSumsAndWidthIndependent()
    {
        for (int n = 0; n <= 300; n++)
        {
            var x = TestData.Floats(n, n);
            var y = TestData.Floats(n, n + 1000);
            double dot = 0, squares = 0, sum = 0;
            for (int i = 0; i < n; i++)
            {
                dot += (double)x[i] * y[i];
                squares += (double)x[i] * x[i];
                sum += x[i];
            }
            var results = new List<(float Dot, float Squares, float Sum)>();
            foreach (var width in KernelScope.AllWidths)
            {
                using var scope = new KernelScope(width);
                results.Add((Reductions.Dot<float>(x, y), Reductions.SumOfSquares<float>(x), Reductions.Sum<float>(x)));
            }
            // A double sum of ≤ 300 terms is off by far less than half a float ulp: the float result is the rounded exact value
            // except in a near-tie, which the 1-ulp allowance covers.
            Assert.True(Math.Abs(results[0].Dot - dot) <= Math.Max(Math.Abs(dot), 1e-30) * 1.2e-7, $"dot n={n}: {results[0].Dot} vs {dot}");
            Assert.True(Math.Abs(results[0].Squares - squares) <= Math.Max(squares, 1e-30) * 1.2e-7, $"squares n={n}");
            Assert.True(Math.Abs(results[0].Sum - sum) <= Math.Max(Math.Abs(sum), 1e-30) * 1.2e-7, $"sum n={n}");
            foreach (var r in results) Assert.Equal(results[0], r);
        }
    }

    [Fact]
    public void DoubleReductionsMatchACompensatedSum()
    {
        for (int n = 0; n <= 300; n += 7)
        {
            var x = TestData.Doubles(n, n);
            var y = TestData.Doubles(n, n + 1);
            decimal exact = 0;
            double magnitude = 0;
            for (int i = 0; i < n; i++)
            {
                exact += (decimal)x[i] * (decimal)y[i];
                magnitude += Math.Abs(x[i] * y[i]);
            }
            double bits = 0;
            bool first = true;
            foreach (var width in KernelScope.AllWidths)
            {
                using var scope = new KernelScope(width);
                double dot = Reductions.Dot<double>(x, y);
                Assert.True(Math.Abs(dot - (double)exact) <= 1e-15 * Math.Max(magnitude, 1e-300), $"n={n}: {dot} vs {exact}");
                if (first) bits = dot;
                Assert.Equal(bits, dot);
                first = false;
            }
        }
    }

    [Fact]
    public void ReductionsFollowTheDocumentedOrderBitForBit()
    {
        // The order is the contract (bit-identical across widths and machines): element i into partial i mod 32 in
        // increasing i, then p[j] += p[j + h] for h = 16, 8, 4, 2, 1. Lengths cover the blocks, the groups of 4 after
        // them and the scalar tail; values span 12 binades so that any other order rounds differently somewhere.
        foreach (var n in new[] { 0, 1, 3, 4, 5, 15, 16, 17, 31, 32, 33, 36, 63, 64, 67, 100, 259, 1000, 12804 })
        {
            var x = Spread(n, 1);
            var y = Spread(n, 2);
            var xf = Array.ConvertAll(x, v => (float)v);
            var yf = Array.ConvertAll(y, v => (float)v);
            var expectedDot = Ordered(n, i => (double)xf[i], i => (double)yf[i], product: true);
            var expectedSum = Ordered(n, i => (double)xf[i], _ => 0, product: false);
            var expectedDoubleDot = Ordered(n, i => x[i], i => y[i], product: true);
            foreach (var width in KernelScope.AllWidths)
            {
                using var scope = new KernelScope(width);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDot), BitConverter.DoubleToInt64Bits(Reductions.DotAsDouble<float>(xf, yf)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(expectedDoubleDot), BitConverter.DoubleToInt64Bits(Reductions.DotAsDouble<double>(x, y)));
                Assert.Equal((float)expectedSum, Reductions.Sum<float>(xf));
            }
        }

        static double Ordered(int n, Func<int, double> x, Func<int, double> y, bool product)
        {
            var partial = new double[32];
            for (var i = 0; i < n; i++)
                partial[i % 32] = product ? SimdScalar<double>.MultiplyAdd(x(i), y(i), partial[i % 32]) : partial[i % 32] + x(i);
            for (var half = 16; half >= 1; half /= 2)
                for (var j = 0; j < half; j++) partial[j] += partial[j + half];
            return partial[0];
        }

        static double[] Spread(int n, int seed)
        {
            var random = new Random(seed);
            var values = new double[n];
            for (var i = 0; i < n; i++) values[i] = (random.NextDouble() - 0.3) * Math.Pow(2, random.Next(-6, 6));
            return values;
        }
    }

    [Fact]
    public void DotRejectsLengthMismatch() =>
        Assert.Throws<ArgumentException>("y", () => Reductions.Dot<float>(new float[3], new float[4]));

    [Fact]
    public void RowArgMaxTakesTheFirstMaximumAndNaN()
    {
        float[] m =
        [
            1, 3, 3, 0,
            -5, -4, -6, -4,
            0, float.NaN, 9, 1,
            2, 2, 2, 2,
        ];
        var indices = new int[4];
        Reductions.RowArgMax<float>(m, indices, 4, 4);
        Assert.Equal(new[] { 1, 1, 1, 0 }, indices);
        Assert.Equal(2, Reductions.CountCorrect<float>(m, [1, 3, 2, 0], 4, 4));
    }
}
