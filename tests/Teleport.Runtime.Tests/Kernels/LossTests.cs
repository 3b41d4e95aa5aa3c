using System;
using Teleport.Kernels;

namespace Teleport.Runtime.Tests.Kernels;

public class LossTests
{
    private const int Batch = 7, Classes = 10;

    private static int[] Labels(int batch, int classes, int seed)
    {
        var random = new Random(seed);
        var labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = random.Next(classes);
        return labels;
    }

    /// <summary>Straightforward reference: per row log Σ exp(z) in double, shifted by the max.</summary>
    private static (double Loss, double[] P) Reference(double[] z, int[] labels, int batch, int classes)
    {
        double loss = 0;
        var p = new double[batch * classes];
        for (int i = 0; i < batch; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < classes; j++) max = Math.Max(max, z[i * classes + j]);
            double sum = 0;
            for (int j = 0; j < classes; j++) sum += Math.Exp(z[i * classes + j] - max);
            loss += max + Math.Log(sum) - z[i * classes + labels[i]];
            for (int j = 0; j < classes; j++) p[i * classes + j] = Math.Exp(z[i * classes + j] - max) / sum;
        }
        return (loss / batch, p);
    }

    private static void Near(double expected, double actual, double relative, string what)
    {
        if (!(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)))) Assert.Fail($"{what}: expected {expected}, got {actual}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 10)]
    [InlineData(20, 10)]
    [InlineData(3, 300)]
    [InlineData(128, 10)]
    public void SoftmaxCrossEntropyForwardAndLossMatchTheReference(int batch, int classes)
    {
        var z = TestData.Floats(batch * classes, batch + classes, -8, 8);
        var labels = Labels(batch, classes, batch);
        var (loss, p) = Reference(TestData.Widen(z), labels, batch, classes);
        var probabilities = new float[batch * classes];
        float forward = SoftmaxCrossEntropy.Forward<float>(z, labels, probabilities, batch, classes);
        Near(loss, forward, 1e-6, "forward loss");
        Near(loss, SoftmaxCrossEntropy.Loss<float>(z, labels, batch, classes), 1e-6, "loss");
        for (int e = 0; e < p.Length; e++) Near(p[e], probabilities[e], 1e-6, $"p[{e}]");

        var zd = TestData.Widen(z);
        var pd = new double[batch * classes];
        Near(loss, SoftmaxCrossEntropy.Forward<double>(zd, labels, pd, batch, classes), 1e-13, "double forward");
        for (int e = 0; e < p.Length; e++) Near(p[e], pd[e], 1e-14, $"double p[{e}]");
    }

    [Fact]
    public void SoftmaxCrossEntropyIsStableForHugeLogitsAndWorksInPlace()
    {
        float[] z = [1000f, -1000f, 999f, 50f, 88f, 89f];
        int[] labels = [1, 0];
        float loss = SoftmaxCrossEntropy.Loss<float>(z, labels, 2, 3);
        // Row 0: lse ≈ 1000 + log(1 + e^-1); loss = lse + 1000. Row 1: lse = 89 + log(1 + e^-1 + e^-39); loss = lse − 50.
        double expected = ((1000 + Math.Log(1 + Math.Exp(-1)) + 1000) + (89 + Math.Log(1 + Math.Exp(-1) + Math.Exp(-39)) - 50)) / 2;
        Near(expected, loss, 1e-6, "huge logits");
        var inPlace = (float[])z.Clone();
        Near(expected, SoftmaxCrossEntropy.Forward<float>(inPlace, labels, inPlace, 2, 3), 1e-6, "in place");
        Assert.All(inPlace, v => Assert.True(float.IsFinite(v)));
        Near(1 / (1 + Math.Exp(-1)), inPlace[0], 1e-6, "p00");
    }

    [Theory]
    [InlineData(1e15f)]
    [InlineData(1e20f)]
    [InlineData(1e30f)]
    public void EqualLogitsGiveLogOfTheClassCountHoweverLargeTheyAre(float logit)
    {
        // Equal logits: every class is as likely, so the loss is log 10 for any value (max − z_y is 0). Adding log Σ to the
        // max before subtracting z_y lost it to rounding: 2.2972 at 10¹⁵, 0 from 10²⁰ on.
        var z = new float[3 * 10];
        Array.Fill(z, logit);
        int[] labels = [0, 4, 9];
        float loss = SoftmaxCrossEntropy.Loss<float>(z, labels, 3, 10);
        Assert.Equal((float)Math.Log(10), loss);
        var p = new float[z.Length];
        Assert.Equal(loss, SoftmaxCrossEntropy.Forward<float>(z, labels, p, 3, 10));
    }

    [Fact]
    public void LabelsOutOfRangeNameTheSampleAndTheLabel()
    {
        var z = new float[3 * 4];
        var ex = Assert.Throws<ArgumentOutOfRangeException>("labels", () => SoftmaxCrossEntropy.Loss<float>(z, [0, 3, 4], 3, 4));
        Assert.Contains("Sample 2", ex.Message);
        Assert.Contains("label 4", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>("labels", () => SoftmaxCrossEntropy.Forward<float>(z, [-1, 0, 0], new float[12], 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>("labels", () => SoftmaxCrossEntropy.Gradient<float>(z, [0, 0, 9], new float[12], 3, 4));
    }

    [Fact]
    public void GradientIsTheFiniteDifferenceOfTheLoss()
    {
        var z = TestData.Doubles(Batch * Classes, 3, -3, 3);
        var labels = Labels(Batch, Classes, 3);
        var p = new double[z.Length];
        SoftmaxCrossEntropy.Forward<double>(z, labels, p, Batch, Classes);
        var g = new double[z.Length];
        SoftmaxCrossEntropy.Gradient<double>(p, labels, g, Batch, Classes);
        const double h = 1e-6;
        for (int e = 0; e < z.Length; e++)
        {
            var plus = (double[])z.Clone();
            var minus = (double[])z.Clone();
            plus[e] += h;
            minus[e] -= h;
            double fd = (SoftmaxCrossEntropy.Loss<double>(plus, labels, Batch, Classes) - SoftmaxCrossEntropy.Loss<double>(minus, labels, Batch, Classes)) / (2 * h);
            Near(fd, g[e], 1e-8, $"dL/dz[{e}]");
        }
        // Written over the probabilities, too.
        SoftmaxCrossEntropy.Gradient<double>(p, labels, p, Batch, Classes);
        Assert.Equal(g, p);
    }

    [Fact]
    public void TangentIsTheFiniteDifferenceOfTheGradient()
    {
        var z = TestData.Doubles(Batch * Classes, 4, -3, 3);
        var r = TestData.Doubles(Batch * Classes, 5);
        var labels = Labels(Batch, Classes, 4);
        double[] GradientAt(double[] logits)
        {
            var p = new double[logits.Length];
            SoftmaxCrossEntropy.Forward<double>(logits, labels, p, Batch, Classes);
            var g = new double[logits.Length];
            SoftmaxCrossEntropy.Gradient<double>(p, labels, g, Batch, Classes);
            return g;
        }
        var probabilities = new double[z.Length];
        SoftmaxCrossEntropy.Forward<double>(z, labels, probabilities, Batch, Classes);
        var tangent = new double[z.Length];
        SoftmaxCrossEntropy.Tangent<double>(probabilities, r, tangent, Batch, Classes);

        const double h = 1e-5;
        var plus = (double[])z.Clone();
        var minus = (double[])z.Clone();
        for (int e = 0; e < z.Length; e++)
        {
            plus[e] += h * r[e];
            minus[e] -= h * r[e];
        }
        var gp = GradientAt(plus);
        var gm = GradientAt(minus);
        for (int e = 0; e < z.Length; e++) Near((gp[e] - gm[e]) / (2 * h), tangent[e], 1e-9, $"R{{dL/dz}}[{e}]");

        // In place over r; float agrees with double.
        var rInPlace = (double[])r.Clone();
        SoftmaxCrossEntropy.Tangent<double>(probabilities, rInPlace, rInPlace, Batch, Classes);
        Assert.Equal(tangent, rInPlace);
        var tf = new float[z.Length];
        SoftmaxCrossEntropy.Tangent<float>(Array.ConvertAll(probabilities, v => (float)v), Array.ConvertAll(r, v => (float)v), tf, Batch, Classes);
        for (int e = 0; e < z.Length; e++) Near(tangent[e], tf[e], 1e-6, $"float tangent[{e}]");
        Assert.Throws<ArgumentException>("rDLogits", () => SoftmaxCrossEntropy.Tangent<double>(probabilities, r, probabilities, Batch, Classes));
    }

    [Fact]
    public void MeanSquaredErrorMatchesTheReferenceAndItsDerivatives()
    {
        const int n = 37;
        var y = TestData.Doubles(n, 6);
        var t = TestData.Doubles(n, 7);
        var r = TestData.Doubles(n, 8);
        double expected = 0;
        for (int i = 0; i < n; i++) expected += (y[i] - t[i]) * (y[i] - t[i]);
        expected /= n;
        Near(expected, MeanSquaredError.Forward<double>(y, t), 1e-15, "mse");
        Near(expected, MeanSquaredError.Forward<float>(Array.ConvertAll(y, v => (float)v), Array.ConvertAll(t, v => (float)v)), 1e-6, "float mse");

        var g = new double[n];
        MeanSquaredError.Gradient<double>(y, t, g);
        var rd = new double[n];
        MeanSquaredError.Tangent<double>(r, rd);
        const double h = 1e-6;
        for (int i = 0; i < n; i++)
        {
            Near(2 * (y[i] - t[i]) / n, g[i], 1e-15, $"dL/dy[{i}]");
            var plus = (double[])y.Clone();
            var minus = (double[])y.Clone();
            plus[i] += h;
            minus[i] -= h;
            Near((MeanSquaredError.Forward<double>(plus, t) - MeanSquaredError.Forward<double>(minus, t)) / (2 * h), g[i], 1e-8, $"fd dL/dy[{i}]");
            Near(2 * r[i] / n, rd[i], 1e-15, $"R{{dL/dy}}[{i}]");
        }
        Assert.True(double.IsNaN(MeanSquaredError.Forward<double>([], [])));
        Assert.Throws<ArgumentException>("targets", () => MeanSquaredError.Forward<float>(new float[3], new float[2]));
    }
}
