using System;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>
/// The convolution kernels against a scalar reference of PyTorch's nn.Conv2d (cross-correlation, zero padding),
/// their adjoint identities ⟨G, X ⋆ W⟩ = ⟨G ⋆ᵀ W, X⟩ = ⟨Σ_s G_s ⋆ᵀ X_s, W⟩, accumulation, shape checks and allocations.
/// </summary>
public sealed class ConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int, int> Shapes() => new()
    {
        { 1, 5, 5, 2, 3, 1, 0 },
        { 2, 6, 7, 3, 3, 1, 1 },
        { 3, 7, 7, 4, 3, 2, 1 },
        { 2, 8, 6, 3, 2, 2, 0 },
        { 4, 5, 5, 3, 1, 1, 0 }, // pointwise: the image is its own im2col matrix
        { 2, 9, 9, 2, 5, 3, 2 },
        { 1, 4, 4, 5, 1, 2, 1 },
    };

    /// <summary>y[s, o, i, j] = Σ_{c, a, b} w[o, c, a, b]·x[s, c, i·stride + a − p, j·stride + b − p] (zero outside).</summary>
    private static double[] Reference(double[] x, double[] w, int n, ConvolutionShape g)
    {
        var y = new double[n * g.OutputSize];
        for (int s = 0; s < n; s++)
            for (int o = 0; o < g.OutChannels; o++)
                for (int i = 0; i < g.OutHeight; i++)
                    for (int j = 0; j < g.OutWidth; j++)
                    {
                        double sum = 0;
                        for (int c = 0; c < g.InChannels; c++)
                            for (int a = 0; a < g.Kernel; a++)
                                for (int b = 0; b < g.Kernel; b++)
                                {
                                    int r = i * g.Stride + a - g.Padding, q = j * g.Stride + b - g.Padding;
                                    if (r < 0 || r >= g.Height || q < 0 || q >= g.Width) continue;
                                    sum += w[((o * g.InChannels + c) * g.Kernel + a) * g.Kernel + b] * x[s * g.InputSize + (c * g.Height + r) * g.Width + q];
                                }
                        y[s * g.OutputSize + (o * g.OutHeight + i) * g.OutWidth + j] = sum;
                    }
        return y;
    }

    private static double[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var v = new double[length];
        for (int i = 0; i < length; i++) v[i] = 2 * random.NextDouble() - 1;
        return v;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ForwardMatchesTheReferenceInDoubleAndFloat(int c, int h, int w, int o, int k, int stride, int padding)
    {
        var g = new ConvolutionShape(c, h, w, o, k, stride, padding);
        const int n = 3;
        double[] x = Random(n * g.InputSize, 1), weight = Random(g.WeightSize, 2);
        var expected = Reference(x, weight, n, g);
        var y = new double[expected.Length];
        Convolution2d.Forward<double>(x, weight, y, n, g);
        for (int i = 0; i < y.Length; i++) Assert.Equal(expected[i], y[i], 12);

        var yf = new float[expected.Length];
        Convolution2d.Forward<float>(Array.ConvertAll(x, v => (float)v), Array.ConvertAll(weight, v => (float)v), yf, n, g);
        for (int i = 0; i < yf.Length; i++) Assert.True(Math.Abs(yf[i] - expected[i]) <= 1e-5 * (1 + Math.Abs(expected[i])), $"float {i}: {yf[i]} vs {expected[i]}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AdjointsSatisfyTheirIdentities(int c, int h, int w, int o, int k, int stride, int padding)
    {
        var g = new ConvolutionShape(c, h, w, o, k, stride, padding);
        const int n = 4;
        double[] x = Random(n * g.InputSize, 3), weight = Random(g.WeightSize, 4), gy = Random(n * g.OutputSize, 5);
        var y = new double[gy.Length];
        var gx = new double[x.Length];
        var gw = new double[weight.Length];
        Convolution2d.Forward<double>(x, weight, y, n, g);
        Convolution2d.InputAdjoint<double>(gy, weight, gx, n, g);
        Convolution2d.WeightAdjoint<double>(gy, x, gw, n, g);
        double forward = Dot(gy, y);
        Assert.True(Math.Abs(Dot(gx, x) - forward) <= 1e-12 * (1 + Math.Abs(forward)), $"⟨G ⋆ᵀ W, X⟩ = {Dot(gx, x)}, ⟨G, X ⋆ W⟩ = {forward}");
        Assert.True(Math.Abs(Dot(gw, weight) - forward) <= 1e-12 * (1 + Math.Abs(forward)), $"⟨Σ G ⋆ᵀ X, W⟩ = {Dot(gw, weight)}, ⟨G, X ⋆ W⟩ = {forward}");
    }

    [Fact]
    public void AccumulateAddsToTheDestination()
    {
        var g = new ConvolutionShape(2, 6, 6, 3, 3, 1, 1);
        const int n = 2;
        double[] x = Random(n * g.InputSize, 6), weight = Random(g.WeightSize, 7), gy = Random(n * g.OutputSize, 8);
        double[] y0 = Random(n * g.OutputSize, 9), gx0 = Random(x.Length, 10), gw0 = Random(weight.Length, 11);
        double[] y = (double[])y0.Clone(), gx = (double[])gx0.Clone(), gw = (double[])gw0.Clone();
        Convolution2d.Forward<double>(x, weight, y, n, g, accumulate: true);
        Convolution2d.InputAdjoint<double>(gy, weight, gx, n, g, accumulate: true);
        Convolution2d.WeightAdjoint<double>(gy, x, gw, n, g, accumulate: true);
        double[] fy = new double[y.Length], fgx = new double[gx.Length], fgw = new double[gw.Length];
        Convolution2d.Forward<double>(x, weight, fy, n, g);
        Convolution2d.InputAdjoint<double>(gy, weight, fgx, n, g);
        Convolution2d.WeightAdjoint<double>(gy, x, fgw, n, g);
        for (int i = 0; i < y.Length; i++) Assert.Equal(y0[i] + fy[i], y[i], 12);
        for (int i = 0; i < gx.Length; i++) Assert.Equal(gx0[i] + fgx[i], gx[i], 12);
        for (int i = 0; i < gw.Length; i++) Assert.Equal(gw0[i] + fgw[i], gw[i], 12);
    }

    [Fact]
    public void BadShapesAndBuffersAreRejectedWithTheirName()
    {
        var big = Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionShape(1, 4, 4, 2, 7, 1, 1));
        Assert.Contains("does not fit the padded 6×6 input", big.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionShape(1, 4, 4, 2, 3, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionShape(1, 4, 4, 2, 3, 0, 0));
        var g = new ConvolutionShape(1, 4, 4, 2, 3, 1, 0);
        var e = Assert.Throws<ArgumentException>(() => Convolution2d.Forward<double>(new double[15], new double[g.WeightSize], new double[g.OutputSize], 1, g));
        Assert.Equal("input", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => Convolution2d.Forward<double>(new double[16], new double[g.WeightSize - 1], new double[g.OutputSize], 1, g));
        Assert.Equal("weight", e.ParamName);
        Assert.Throws<ArgumentException>(() => Convolution2d.Forward<double>(new double[16], new double[g.WeightSize], new double[g.OutputSize], 1, default));
    }

    [Fact]
    public void KernelsAllocateNothingAfterTheFirstCall()
    {
        var g = new ConvolutionShape(3, 8, 8, 4, 3, 1, 1);
        var p = new PoolShape(4, 8, 8, 2);
        const int n = 5;
        float[] x = Array.ConvertAll(Random(n * g.InputSize, 12), v => (float)v), weight = Array.ConvertAll(Random(g.WeightSize, 13), v => (float)v);
        float[] y = new float[n * g.OutputSize], gx = new float[x.Length], gw = new float[weight.Length], pooled = new float[n * p.OutputSize];
        float[] bias = new float[4], sums = new float[4], scattered = new float[y.Length];

        void Run()
        {
            Convolution2d.Forward<float>(x, weight, y, n, g);
            RowVector.AddToChannels<float>(y, bias, n, 4, 64);
            Pooling.MaxGather<float>(y, y, pooled, n, p);
            Pooling.Average<float>(y, pooled, n, p);
            Pooling.MaxScatter<float>(pooled, y, scattered, n, p);
            Pooling.AverageAdjoint<float>(pooled, scattered, n, p, accumulate: true);
            RowVector.ChannelSums<float>(y, sums, n, 4, 64);
            Convolution2d.InputAdjoint<float>(y, weight, gx, n, g);
            Convolution2d.WeightAdjoint<float>(y, x, gw, n, g);
        }

        Run();
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (int i = 0; i < 5; i++) Run();
        }));
    }
}
