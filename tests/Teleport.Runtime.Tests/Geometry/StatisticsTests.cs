using System;
using Teleport.Geometry.Statistics;

namespace Teleport.Runtime.Tests.Geometry;

/// <summary>
/// The correlation statistics against known values: closed forms of I_x(a, b), and SciPy 1.10.1
/// (Debian python3-scipy; <c>scipy.special.betainc</c>, <c>2*scipy.stats.t.sf</c>, <c>pearsonr</c>, <c>spearmanr</c>)
/// for the rest — the command that printed them is in each test's comment.
/// </summary>
public sealed class StatisticsTests
{
    [Theory]
    // python3 -c "from scipy import special; print(repr(special.betainc(a, b, x)))"
    [InlineData(0.5, 0.5, 0.3, 0.3690101195655454)]
    [InlineData(2, 3, 0.4, 0.5247999999999999)]
    [InlineData(10, 0.5, 0.9, 0.15164090963470997)]
    [InlineData(49, 0.5, 0.95, 0.02532870360319762)]
    [InlineData(0.1, 10, 0.01, 0.8244896709066979)]
    [InlineData(100, 100, 0.51, 0.6112266919332487)]
    [InlineData(5, 2.5, 0.999, 0.9999992602172572)]
    [InlineData(0.001, 0.001, 0.5, 0.49999999999999983)]
    [InlineData(30, 0.5, 0.2, 1.226521971415884e-22)]
    public void IncompleteBetaMatchesScipy(double a, double b, double x, double expected)
    {
        var actual = IncompleteBeta.Regularized(a, b, x);
        Assert.True(Math.Abs(actual - expected) <= 1e-13 * expected + 1e-300, $"I_{x}({a}, {b}) = {actual:R}, SciPy {expected:R}");
    }

    [Fact]
    public void IncompleteBetaMatchesClosedForms()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var x = random.NextDouble();
            var a = 0.2 + 8 * random.NextDouble();
            var b = 0.2 + 8 * random.NextDouble();
            Assert.Equal(Math.Pow(x, a), IncompleteBeta.Regularized(a, 1, x), 1e-13);
            Assert.Equal(1 - Math.Pow(1 - x, b), IncompleteBeta.Regularized(1, b, x), 1e-13);
            Assert.Equal(2 / Math.PI * Math.Asin(Math.Sqrt(x)), IncompleteBeta.Regularized(0.5, 0.5, x), 1e-13);
            // Symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
            Assert.Equal(1 - IncompleteBeta.Regularized(b, a, 1 - x), IncompleteBeta.Regularized(a, b, x), 1e-13);
        }
        Assert.Equal(0.5, IncompleteBeta.Regularized(3.7, 3.7, 0.5), 1e-15);
        Assert.Equal(0, IncompleteBeta.Regularized(2, 3, 0));
        Assert.Equal(1, IncompleteBeta.Regularized(2, 3, 1));
        Assert.True(double.IsNaN(IncompleteBeta.Regularized(-1, 3, 0.5)));
        Assert.True(double.IsNaN(IncompleteBeta.Regularized(2, 3, 1.5)));
    }

    [Fact]
    public void LogGammaMatchesFactorialsAndHalfIntegers()
    {
        double factorial = 1;
        for (var n = 1; n <= 30; n++)
        {
            Assert.Equal(Math.Log(factorial), LogGamma.Of(n), 1e-12 * Math.Max(1, Math.Log(factorial)));
            factorial *= n;
        }
        Assert.Equal(0.5 * Math.Log(Math.PI), LogGamma.Of(0.5), 1e-14);
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI) / 2), LogGamma.Of(1.5), 1e-14);
        Assert.Equal(Math.Log(Math.PI / Math.Sin(Math.PI * 0.25)) - LogGamma.Of(0.75), LogGamma.Of(0.25), 1e-14); // reflection
        Assert.True(double.IsNaN(LogGamma.Of(-0.5))); // outside the domain
    }

    [Theory]
    // python3 -c "from scipy import stats; print(repr(2*stats.t.sf(t, df)))"
    [InlineData(2.0, 10, 0.07338803477074039)]
    [InlineData(0.5, 3, 0.651447964848151)]
    [InlineData(5.0, 98, 2.513577983238048e-06)]
    [InlineData(1.0, 1, 0.49999999999999956)]
    [InlineData(12.0, 18, 5.046511102563651e-10)]
    [InlineData(0.01, 50, 0.9920610813671429)]
    [InlineData(3.2, 4, 0.03290081060093896)]
    public void StudentTTwoSidedPValueMatchesScipy(double t, double df, double expected)
    {
        var p = StudentT.TwoSidedPValue(t, df);
        Assert.True(Math.Abs(p - expected) <= 1e-12 * expected, $"t {t}, df {df}: {p:R} vs {expected:R}");
        Assert.Equal(p, StudentT.TwoSidedPValue(-t, df));
    }

    [Theory]
    [InlineData(1020)] // (x − x̄)² overflowed: r was NaN
    [InlineData(-1070)] // (x − x̄)² underflowed to 0: r was NaN
    [InlineData(0)]
    public void PearsonRDoesNotDependOnAPowerOfTwoScale(int exponent)
    {
        // The bad-input sweep: a merged correlate part with a test loss of 1e308 printed r = NaN.
        double[] a = [3, 1, 2, 5], y = [1, 4, 2, 3];
        var x = Array.ConvertAll(a, v => Math.ScaleB(v, exponent));
        var expected = Correlation.PearsonR(a, y);
        Assert.InRange(expected, -1, 1);
        Assert.Equal(expected, Correlation.PearsonR(x, y));
        Assert.Equal(-expected, Correlation.PearsonR(y, Array.ConvertAll(x, v => -v)));
    }

    [Fact]
    public void PearsonRWithAHugeValueIsFiniteAndAnInfiniteOneIsNaN()
    {
        double[] y = [0.72, 0.64, 0.63];
        Assert.Equal(Correlation.PearsonR([1, 0, 0], y), Correlation.PearsonR([1e308, 0.66, 0.65], y), 12); // 0.66 and 0.65 vanish beside 1e308
        Assert.True(double.IsNaN(Correlation.PearsonR([double.PositiveInfinity, 0.66, 0.65], y)));
    }

    [Fact]
    public void CauchyIsStudentTWithOneDegreeOfFreedom()
    {
        foreach (var t in new[] { 0.1, 1, 3, 30 })
            Assert.Equal(1 - 2 / Math.PI * Math.Atan(t), StudentT.TwoSidedPValue(t, 1), 1e-14);
    }

    // python3 -c "from scipy import stats; import numpy as np; x=np.array([1.0,2,3,4,5,6,7,8,9,10.5]);
    //   y=np.array([2.1,3.9,6.2,8.1,9.7,12.5,13.1,16.8,18.2,20.0]); y2=np.array([5,3,8,1,9,2,7,4,6,6.0]);
    //   print(stats.pearsonr(x,y), stats.spearmanr(x,y), stats.pearsonr(x,y2), stats.spearmanr(x,y2))"
    private static readonly double[] X = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10.5];
    private static readonly double[] Y = [2.1, 3.9, 6.2, 8.1, 9.7, 12.5, 13.1, 16.8, 18.2, 20.0];
    private static readonly double[] Y2 = [5, 3, 8, 1, 9, 2, 7, 4, 6, 6.0];

    [Fact]
    public void PearsonAndSpearmanMatchScipy()
    {
        var p = Correlation.Pearson(X, Y);
        Assert.Equal(0.9959688236599264, p.R, 1e-14);
        Assert.True(Math.Abs(p.PValue - 1.149748436626956e-09) <= 1e-10 * 1.149748436626956e-09, $"{p.PValue:R}");
        Assert.Equal(10, p.Count);
        var s = Correlation.Spearman(X, Y);
        Assert.Equal(1, s.R, 1e-15);
        Assert.Equal(0, s.PValue);
        var p2 = Correlation.Pearson(X, Y2);
        Assert.Equal(0.15023979550702532, p2.R, 1e-14);
        Assert.Equal(0.6786687965222097, p2.PValue, 1e-12);
        // Ties (the two 6s) share rank 6.5.
        var s2 = Correlation.Spearman(X, Y2);
        Assert.Equal(0.1580554413568168, s2.R, 1e-14);
        Assert.Equal(0.6627622972444478, s2.PValue, 1e-12);
    }

    [Fact]
    public void RanksAverageTies()
    {
        var ranks = new double[6];
        Ranks.Average([3.0, 1, 3, 2, 3, -1], ranks, new int[6]);
        Assert.Equal([5, 2, 5, 3, 5, 1], ranks);
    }

    [Fact]
    public void DegenerateInputsGiveNaNNotErrors()
    {
        Assert.True(double.IsNaN(Correlation.Pearson([1.0, 1, 1], [1.0, 2, 3]).R));
        Assert.True(double.IsNaN(Correlation.Pearson([1.0, 1, 1], [1.0, 2, 3]).PValue));
        Assert.True(double.IsNaN(Correlation.Pearson([1.0, 2], [1.0, 2]).PValue)); // n = 2: no degrees of freedom
        Assert.Throws<ArgumentException>(() => Correlation.Pearson([1.0, 2], [1.0]));
        Assert.Throws<ArgumentException>(() => Correlation.Spearman([1.0, double.NaN, 3], [1.0, 2, 3]));
    }

    [Fact]
    public void BootstrapIntervalIsSeededAndCoversTheEstimate()
    {
        var a = BootstrapInterval.Compute(X, Y2, CorrelationKind.Pearson, 4000, seed: 3);
        Assert.Equal(a, BootstrapInterval.Compute(X, Y2, CorrelationKind.Pearson, 4000, seed: 3));
        Assert.NotEqual(a, BootstrapInterval.Compute(X, Y2, CorrelationKind.Pearson, 4000, seed: 4));
        Assert.True(a.Low < 0.150 && 0.150 < a.High, a.ToString());
        Assert.True(a.Low > -1 && a.High < 1);
        Assert.Equal(0.95, a.Level);
        Assert.True(a.Valid >= 3990 && a.Valid <= 4000, a.ToString()); // resamples of one repeated pair have no r
        var strong = BootstrapInterval.Compute(X, Y, CorrelationKind.Spearman, 2000, seed: 3);
        Assert.True(strong.Low > 0.9, strong.ToString());
    }

    [Fact]
    public void QuantilesInterpolateLikeNumpy()
    {
        // /usr/bin/python3 -c "import numpy; print(numpy.quantile([1,2,4,8],0.25), numpy.quantile([1,2,4,8],0.975))" → 1.75 7.699999999999999
        Assert.Equal(1.75, BootstrapInterval.Quantile([1.0, 2, 4, 8], 0.25), 1e-15);
        Assert.Equal(7.699999999999999, BootstrapInterval.Quantile([1.0, 2, 4, 8], 0.975), 1e-14);
    }
}
