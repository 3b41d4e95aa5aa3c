using System;
using System.Numerics;
using System.Numerics.Tensors;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

/// <summary>The short-row path of <see cref="SoftmaxCrossEntropy"/> against its general per-row path, bit for bit.</summary>
public class SoftmaxShortRowTests
{
    public static TheoryData<int, int> Shapes() => new() { { 1, 1 }, { 3, 2 }, { 20, 10 }, { 7, 7 }, { 9, 8 }, { 200, 10 }, { 65, 16 }, { 130, 13 }, { 5, 3 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ShortRowsGiveThePerRowBits(int batch, int classes)
    {
        Check<float>(batch, classes);
        Check<double>(batch, classes);
    }

    /// <summary>The general path (one library call per row and step), forced on this thread for each call.</summary>
    private static class SoftmaxCrossEntropyPerRow
    {
        internal static T Forward<T>(ReadOnlySpan<T> z, ReadOnlySpan<int> labels, Span<T> p, int batch, int classes)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            using var _ = new PerRowScope();
            return SoftmaxCrossEntropy.Forward(z, labels, p, batch, classes);
        }

        internal static T Loss<T>(ReadOnlySpan<T> z, ReadOnlySpan<int> labels, int batch, int classes)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            using var _ = new PerRowScope();
            return SoftmaxCrossEntropy.Loss(z, labels, batch, classes);
        }

        internal static void Gradient<T>(ReadOnlySpan<T> p, ReadOnlySpan<int> labels, Span<T> d, int batch, int classes)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            using var _ = new PerRowScope();
            SoftmaxCrossEntropy.Gradient(p, labels, d, batch, classes);
        }

        internal static void Tangent<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> r, Span<T> d, int batch, int classes)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            using var _ = new PerRowScope();
            SoftmaxCrossEntropy.Tangent(p, r, d, batch, classes);
        }

        private readonly struct PerRowScope : IDisposable
        {
            public PerRowScope() => SoftmaxCrossEntropy.PerRowOnly = true;

            public void Dispose() => SoftmaxCrossEntropy.PerRowOnly = false;
        }
    }

    private static void Check<T>(int batch, int classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(batch * 31 + classes);
        var z = new T[batch * classes];
        var r = new T[batch * classes];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = T.CreateTruncating(16 * random.NextDouble() - 8);
            r[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        }
        var labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = random.Next(classes);

        var p0 = new T[z.Length];
        var p1 = new T[z.Length];
        Assert.Equal(SoftmaxCrossEntropyPerRow.Forward<T>(z, labels, p0, batch, classes), SoftmaxCrossEntropy.Forward<T>(z, labels, p1, batch, classes));
        Assert.Equal(p0, p1);
        Assert.Equal(SoftmaxCrossEntropyPerRow.Loss<T>(z, labels, batch, classes), SoftmaxCrossEntropy.Loss<T>(z, labels, batch, classes));

        // In place, as the generated code may call it.
        var inPlace = (T[])z.Clone();
        Assert.Equal(SoftmaxCrossEntropyPerRow.Forward<T>(z, labels, p0, batch, classes), SoftmaxCrossEntropy.Forward<T>(inPlace, labels, inPlace, batch, classes));
        Assert.Equal(p0, inPlace);

        var d0 = new T[z.Length];
        var d1 = new T[z.Length];
        SoftmaxCrossEntropyPerRow.Gradient<T>(p0, labels, d0, batch, classes);
        SoftmaxCrossEntropy.Gradient<T>(p0, labels, d1, batch, classes);
        Assert.Equal(d0, d1);
        var gradientInPlace = (T[])p0.Clone();
        SoftmaxCrossEntropy.Gradient<T>(gradientInPlace, labels, gradientInPlace, batch, classes);
        Assert.Equal(d0, gradientInPlace);

        SoftmaxCrossEntropyPerRow.Tangent<T>(p0, r, d0, batch, classes);
        SoftmaxCrossEntropy.Tangent<T>(p0, r, d1, batch, classes);
        Assert.Equal(d0, d1);
        var tangentInPlace = (T[])r.Clone();
        SoftmaxCrossEntropy.Tangent<T>(p0, tangentInPlace, tangentInPlace, batch, classes);
        Assert.Equal(d0, tangentInPlace);
    }
}
