using System;
using System.Numerics;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>S1 and S2 preserve the block output for any data; invalid elements leave the parameters unchanged.</summary>
public sealed class ExactActionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GeneralLinearPreservesTheOutputInDouble(bool hasBias)
    {
        Block block = Block.Random(21, 9, 5, 7, 3, hasBias);
        double[] before = block.Output<Identity>();
        double[] g = NearIdentity(22, 5, 0.4);
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.GeneralLinearAction<double>(g, block.Layer()));
        Orbit.AssertClose(before, block.Output<Identity>(), 1e-12, "S1 output");
        Assert.NotEqual(Block.Random(21, 9, 5, 7, 3, hasBias).V, block.V);
    }

    [Fact]
    public void GeneralLinearPreservesTheOutputInFloat()
    {
        Block block = Block.Random(23, 9, 5, 7, 3);
        var (v, b, u, h) = block.As<float>();
        float[] g = Array.ConvertAll(NearIdentity(24, 5, 0.4), x => (float)x);
        double[] before = block.Output<Identity>();
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.GeneralLinearAction<float>(g, block.Layer(v, b, u, h)));
        var moved = new Block(9, 5, 7, 3, true, ToDouble(v), ToDouble(b), ToDouble(u), block.H);
        Orbit.AssertClose(before, moved.Output<Identity>(), 1e-5, "S1 output (float)");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DiagonalPreservesTheOutputInDouble(bool hasBias)
    {
        Block block = Block.Random(25, 9, 5, 7, 3, hasBias);
        double[] before = block.Output<LeakyRelu>();
        double[] g = PositiveFactors(26, 5);
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DiagonalAction<double>(g, block.Layer()));
        Orbit.AssertClose(before, block.Output<LeakyRelu>(), 1e-12, "S2 output");
    }

    [Fact]
    public void DiagonalPreservesTheOutputInFloat()
    {
        Block block = Block.Random(27, 9, 5, 7, 3);
        var (v, b, u, h) = block.As<float>();
        float[] g = Array.ConvertAll(PositiveFactors(28, 5), x => (float)x);
        double[] before = block.Output<LeakyRelu>();
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DiagonalAction<float>(g, block.Layer(v, b, u, h)));
        var moved = new Block(9, 5, 7, 3, true, ToDouble(v), ToDouble(b), ToDouble(u), block.H);
        Orbit.AssertClose(before, moved.Output<LeakyRelu>(), 1e-5, "S2 output (float)");
    }

    [Theory]
    [InlineData("singular")]
    [InlineData("nan")]
    [InlineData("infinite")]
    public void GeneralLinearRejectsInvalidElements(string kind)
    {
        Block block = Block.Random(29, 4, 3, 4, 2);
        Block original = block.Clone();
        double[] g = NearIdentity(30, 3, 0.3);
        switch (kind)
        {
            case "singular":
                g[3] = 2 * g[0];
                g[4] = 2 * g[1];
                g[5] = 2 * g[2];
                break;
            case "nan":
                g[4] = double.NaN;
                break;
            default:
                g[4] = double.PositiveInfinity;
                break;
        }

        Assert.Equal(GroupActionResult.Undefined, SymmetryKernels.GeneralLinearAction<double>(g, block.Layer()));
        AssertUnchanged(original, block);
        var covV = (double[])block.V.Clone();
        Assert.False(SymmetryKernels.GeneralLinearTransport<double>(g, block.Layer(covV, block.B, block.U, block.H), squared: false));
        Assert.Equal(block.V, covV);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void DiagonalRejectsInvalidFactors(double bad)
    {
        Block block = Block.Random(31, 4, 3, 4, 2);
        Block original = block.Clone();
        double[] g = [1.5, bad, 0.7];
        Assert.Equal(GroupActionResult.Undefined, SymmetryKernels.DiagonalAction<double>(g, block.Layer()));
        AssertUnchanged(original, block);
        Assert.False(SymmetryKernels.DiagonalTransport<double>(g, block.Layer(), squared: true));
        AssertUnchanged(original, block);
    }

    [Fact]
    public void DiagonalRejectsAnOverflowAndChangesNothing()
    {
        Block block = Block.Random(32, 4, 3, 4, 2);
        block.V[5] = 1e300;
        Block original = block.Clone();
        Assert.Equal(GroupActionResult.Undefined, SymmetryKernels.DiagonalAction<double>([1.0, 1e10, 1.0], block.Layer()));
        AssertUnchanged(original, block);
    }

    [Fact]
    public void WrongShapesAreRejectedWithTheSpanName()
    {
        Block block = Block.Random(33, 4, 3, 4, 2);
        var result = new double[9];
        var error = Assert.Throws<ArgumentException>(() => SymmetryKernels.GeneralLinearAdjoint<double>(
            new HiddenLayerBlock<double> { Width = 3, InputSize = 4, NextWidth = 2, HasBias = true, V = block.V, B = block.B, U = block.U.AsSpan(1), GradV = block.V, GradB = block.B, GradU = block.U }, result));
        Assert.Equal("U", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => SymmetryKernels.DiagonalAction<double>(new double[3], block.Layer(block.V, new double[2], block.U, block.H)));
        Assert.Equal("B", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetryKernels.DiagonalAction<double>(new double[3], new HiddenLayerBlock<double> { Width = 3, InputSize = 4, NextWidth = 0, HasBias = true, V = block.V, B = block.B, U = block.U }));
    }

    internal static double[] NearIdentity(int seed, int k, double scale)
    {
        Block noise = Block.Random(seed, 1, k, k, 1, weightScale: scale);
        double[] g = noise.V;
        for (int i = 0; i < k; i++)
        {
            g[i * k + i] += 1;
        }

        return g;
    }

    internal static double[] PositiveFactors(int seed, int k)
    {
        var random = new Random(seed);
        var g = new double[k];
        for (int j = 0; j < k; j++)
        {
            g[j] = Math.Exp(2 * random.NextDouble() - 1);
        }

        return g;
    }

    internal static void AssertUnchanged(Block original, Block block)
    {
        Assert.Equal(original.V, block.V);
        Assert.Equal(original.B, block.B);
        Assert.Equal(original.U, block.U);
    }

    internal static double[] ToDouble<T>(T[] values)
        where T : unmanaged, IFloatingPointIeee754<T> => Array.ConvertAll(values, double.CreateTruncating);
}
