using System;
using Teleport.Kernels;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>S3 preserves the block output on the batch when [H 1] has full row rank and rejects values outside σ's range.</summary>
public sealed class DataDependentActionTests
{
    [Theory]
    [InlineData(7, true)]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public void PreservesTheOutputOnTheBatchWhenExact(int n, bool hasBias)
    {
        CheckPreserved<LeakyRelu, LeakyReluInverse>(n, hasBias, 41);
        CheckPreserved<Tanh, Atanh>(n, hasBias, 42);
        CheckPreserved<Softplus, SoftplusInverse>(n, hasBias, 43);
    }

    [Fact]
    public void ChangesTheOutputWhenTheBatchIsTooLarge()
    {
        // n = 12 > d + 1 = 7: the least-squares refit of [V b] cannot reproduce Z′ on every sample.
        Block block = Block.Random(44, 12, 3, 6, 2, weightScale: 0.4);
        double[] before = block.Output<LeakyRelu>();
        Assert.Equal(GroupActionResult.Applied, Act<LeakyRelu, LeakyReluInverse>(ExactActionTests.NearIdentity(45, 3, 0.3), block));
        Assert.True(MaxDifference(before, block.Output<LeakyRelu>()) > 1e-3);
    }

    [Fact]
    public void IdentityLeavesTheParametersUnchangedAndElementsCompose()
    {
        Block block = Block.Random(46, 5, 3, 6, 2, weightScale: 0.3);
        Block original = block.Clone();
        Assert.Equal(GroupActionResult.Applied, Act<Tanh, Atanh>(ExactActionTests.NearIdentity(0, 3, 0), block));
        Orbit.AssertClose(original.V, block.V, 1e-14, "V after g = I");
        Orbit.AssertClose(original.U, block.U, 1e-14, "U after g = I");

        // g₂·(g₁·θ) = (g₂g₁)·θ: the increment form composes on the batch, parameters included
        double[] g1 = ExactActionTests.NearIdentity(47, 3, 0.2), g2 = ExactActionTests.NearIdentity(48, 3, 0.2);
        Block twice = original.Clone(), once = original.Clone();
        Assert.Equal(GroupActionResult.Applied, Act<Tanh, Atanh>(g1, twice));
        Assert.Equal(GroupActionResult.Applied, Act<Tanh, Atanh>(g2, twice));
        Assert.Equal(GroupActionResult.Applied, Act<Tanh, Atanh>(Teleport.LinearAlgebra.SmallMatrix.Multiply<double>(g2, g1, 3, 3, 3), once));
        Orbit.AssertClose(once.V, twice.V, 1e-10, "V composed");
        Orbit.AssertClose(once.B, twice.B, 1e-10, "b composed");
        Orbit.AssertClose(once.U, twice.U, 1e-10, "U composed");
    }

    [Fact]
    public void RejectsValuesOutsideTheRangeAndChangesNothing()
    {
        // tanh: σ(Z)·gᵀ with g = 3I leaves (−1, 1) wherever |tanh z| > 1/3
        Block block = Block.Random(49, 5, 3, 6, 2, weightScale: 1.5);
        Assert.Contains(block.Activation<Tanh>(), x => Math.Abs(x) > 0.34);
        Block original = block.Clone();
        Assert.Equal(GroupActionResult.OutsideActivationRange, Act<Tanh, Atanh>([3, 0, 0, 0, 3, 0, 0, 0, 3], block));
        ExactActionTests.AssertUnchanged(original, block);

        // softplus: a negative scale leaves (0, ∞)
        Assert.Equal(GroupActionResult.OutsideActivationRange, Act<Softplus, SoftplusInverse>([-1, 0, 0, 0, 1, 0, 0, 0, 1], block));
        ExactActionTests.AssertUnchanged(original, block);

        // a singular element
        Assert.Equal(GroupActionResult.Undefined, Act<LeakyRelu, LeakyReluInverse>([1, 2, 3, 2, 4, 6, 0, 0, 1], block));
        ExactActionTests.AssertUnchanged(original, block);
    }

    [Fact]
    public void FloatPreservesTheOutputOnTheBatch()
    {
        Block block = Block.Random(50, 5, 3, 6, 2, weightScale: 0.4);
        double[] before = block.Output<Tanh>();
        var (v, b, u, h) = block.As<float>();
        float[] g = Array.ConvertAll(ExactActionTests.NearIdentity(51, 3, 0.2), x => (float)x);
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DataDependentAction<float, Op<float, TanhF<float>>, Op<float, AtanhF<float>>>(g, block.Layer(v, b, u, h)));
        var moved = new Block(5, 3, 6, 2, true, ExactActionTests.ToDouble(v), ExactActionTests.ToDouble(b), ExactActionTests.ToDouble(u), block.H);
        Orbit.AssertClose(before, moved.Output<Tanh>(), 1e-4, "S3 output (float)");
    }

    private static void CheckPreserved<TActivation, TInverse>(int n, bool hasBias, int seed)
        where TActivation : IUnaryOperator<double>
        where TInverse : IUnaryOperator<double>
    {
        Block block = Block.Random(seed, n, 3, 6, 2, hasBias, weightScale: 0.4);
        double[] before = block.Output<TActivation>();
        Block original = block.Clone();
        Assert.Equal(GroupActionResult.Applied, Act<TActivation, TInverse>(ExactActionTests.NearIdentity(seed + 100, 3, 0.25), block));
        Orbit.AssertClose(before, block.Output<TActivation>(), 1e-11, $"S3 output {typeof(TActivation).Name} n={n}");
        Assert.True(MaxDifference(original.V, block.V) > 1e-3, "the action did not move V");
    }

    private static GroupActionResult Act<TActivation, TInverse>(double[] g, Block block)
        where TActivation : IUnaryOperator<double>
        where TInverse : IUnaryOperator<double> =>
        SymmetryKernels.DataDependentAction<double, TActivation, TInverse>(g, block.Layer());

    internal static double MaxDifference(double[] x, double[] y)
    {
        double largest = 0;
        for (int i = 0; i < x.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(x[i] - y[i]));
        }

        return largest;
    }
}
