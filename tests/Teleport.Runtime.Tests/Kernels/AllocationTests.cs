using System;
using Teleport.Kernels;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>After a warm-up call, no kernel allocates.</summary>
[Collection(nameof(GlobalKernelSettings))]
public class AllocationTests
{
    private static long AllocatedBy(Action action, int repeats = 20)
    {
        action();
        return Allocations.SteadyState(() =>
        {
            for (int i = 0; i < repeats; i++) action();
        });
    }

    [Theory]
    [InlineData(20, 784, 16)]
    [InlineData(16, 20, 784)]
    [InlineData(20, 10, 10)]
    [InlineData(128, 784, 512)]
    [InlineData(512, 128, 784)]
    public void MatrixProductsDoNotAllocate(int m, int k, int n)
    {
        var a = new float[Math.Max(m, k) * Math.Max(k, n)];
        var b = new float[Math.Max(k, n) * Math.Max(m, k)];
        var c = new float[m * n];
        var ad = new double[a.Length];
        var bd = new double[b.Length];
        var cd = new double[c.Length];
        Assert.Equal(0, AllocatedBy(() =>
        {
            MatrixMultiply.NN(a, b, c, m, k, n);
            MatrixMultiply.NT(a, b, c, m, k, n, accumulate: true);
            MatrixMultiply.TN(a, b, c, m, k, n);
            MatrixMultiply.NN(ad, bd, cd, m, k, n);
            MatrixMultiply.NT(ad, bd, cd, m, k, n);
            MatrixMultiply.TN(ad, bd, cd, m, k, n, accumulate: true);
        }, repeats: 3));
    }

    [Fact]
    public void ElementwiseRowVectorLossesAndReductionsDoNotAllocate()
    {
        const int batch = 20, classes = 10;
        var x = TestData.Floats(batch * classes, 1);
        var y = TestData.Floats(batch * classes, 2);
        var d = new float[batch * classes];
        var row = TestData.Floats(classes, 3);
        var labels = new int[batch];
        var p = new float[batch * classes];
        var indices = new int[batch];
        Assert.Equal(0, AllocatedBy(() =>
        {
            Elementwise.Map<float, AffineOperator<float>>(x, d);
            Elementwise.Map<float, ProductMinusOperator<float>>(x, y, d);
            Elementwise.Map<float, MultiplyAddOneOperator<float>>(x, y, d, d);
            Elementwise.Map<float, DifferenceScaleAddOperator<float>>(x, y, x, d, d);
            Elementwise.MultiplyAdd<float>(x, 0.5f, y, d);
            RowVector.AddToRows<float>(d, row, batch, classes);
            RowVector.ColumnSums<float>(d, row, batch, classes);
            SoftmaxCrossEntropy.Forward<float>(x, labels, p, batch, classes);
            SoftmaxCrossEntropy.Loss<float>(x, labels, batch, classes);
            SoftmaxCrossEntropy.Gradient<float>(p, labels, d, batch, classes);
            SoftmaxCrossEntropy.Tangent<float>(p, y, d, batch, classes);
            MeanSquaredError.Forward<float>(x, y);
            MeanSquaredError.Gradient<float>(x, y, d);
            MeanSquaredError.Tangent<float>(y, d);
            Reductions.Dot<float>(x, y);
            Reductions.SumOfSquares<float>(x);
            Reductions.RowArgMax<float>(x, indices, batch, classes);
        }));
    }
}
