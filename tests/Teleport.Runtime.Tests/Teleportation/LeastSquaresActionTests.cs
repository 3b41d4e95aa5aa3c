using System;
using Teleport.Kernels;
using Teleport.LinearAlgebra;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// S4 keeps the block output when n ≤ k; for n &gt; k its output change is measured and matches the
/// first-order drift U·(σ′(Z) ⊙ (T·Z))·(I − A⁺A) of DESIGN.md.
/// </summary>
public sealed class LeastSquaresActionTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void PreservesTheOutputWhenTheBatchIsAtMostTheWidth(int n)
    {
        CheckPreserved<LeakyRelu>(n, 61);
        CheckPreserved<Tanh>(n, 62);
        CheckPreserved<Softplus>(n, 63);
    }

    [Fact]
    public void OutputChangeForLargeBatchesIsTheFirstOrderDrift()
    {
        const int n = 9, k = 4, d = 5, m = 3;
        const double epsilon = 1e-4;
        Block block = Block.Random(64, n, k, d, m);
        double[] t = Block.Random(65, 1, k, k, 1, weightScale: 1).V;
        double[] before = block.Output<Tanh>();
        double[] predicted = FirstOrderDrift<Tanh, TanhDerivative>(block, t);
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.LeastSquaresAction<double, Tanh>(Exp(t, epsilon, k), block.Layer()));
        double[] after = block.Output<Tanh>();
        var change = new double[before.Length];
        for (int i = 0; i < change.Length; i++)
        {
            change[i] = (after[i] - before[i]) / epsilon;
        }

        Orbit.AssertClose(predicted, change, 1e-3, "S4 drift vs first order");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    public void IdentityLeavesTheParametersUnchanged(int n)
    {
        Block block = Block.Random(66, n, 4, 5, 3);
        Block original = block.Clone();
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.LeastSquaresAction<double, LeakyRelu>(SmallMatrix.Identity<double>(4), block.Layer()));
        Orbit.AssertClose(original.U, block.U, 1e-13, "U after g = I");
        Assert.Equal(original.V, block.V);
    }

    [Fact]
    public void RejectsANonFiniteElementAndChangesNothing()
    {
        Block block = Block.Random(67, 6, 3, 4, 2);
        Block original = block.Clone();
        Assert.Equal(GroupActionResult.Undefined, SymmetryKernels.LeastSquaresAction<double, LeakyRelu>([1, 0, 0, 0, double.NaN, 0, 0, 0, 1], block.Layer()));
        ExactActionTests.AssertUnchanged(original, block);
    }

    private static void CheckPreserved<TActivation>(int n, int seed)
        where TActivation : IUnaryOperator<double>
    {
        Block block = Block.Random(seed, n, 4, 5, 3);
        double[] before = block.Output<TActivation>();
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.LeastSquaresAction<double, TActivation>(ExactActionTests.NearIdentity(seed + 100, 4, 0.3), block.Layer()));
        Orbit.AssertClose(before, block.Output<TActivation>(), 1e-11, $"S4 output {typeof(TActivation).Name} n={n}");
    }

    private static double[] Exp(double[] t, double epsilon, int k) => MatrixExponential.Compute<double>(Array.ConvertAll(t, x => epsilon * x), k);

    /// <summary>
    /// DESIGN.md's first-order output change U·(σ′(Z) ⊙ (T·Z))·(I − A⁺A) (paper notation), in code layout
    /// (I − P)·M·Uᵀ [n×m] with M = σ′(Z) ⊙ (Z·Tᵀ) and P = A(AᵀA)⁻¹Aᵀ the projection on A's columns.
    /// </summary>
    private static double[] FirstOrderDrift<TActivation, TDerivative>(Block block, double[] t)
        where TActivation : IUnaryOperator<double>
        where TDerivative : IUnaryOperator<double>
    {
        int n = block.N, k = block.K, m = block.M;
        double[] z = block.PreActivation();
        double[] a = Array.ConvertAll(z, TActivation.Invoke);
        double[] moved = SmallMatrix.Multiply<double>(z, SmallMatrix.Transpose<double>(t, k, k), n, k, k);
        for (int i = 0; i < moved.Length; i++)
        {
            moved[i] *= TDerivative.Invoke(z[i]);
        }

        double[] at = SmallMatrix.Transpose<double>(a, n, k);
        Assert.True(LuDecomposition.TryInvert<double>(SmallMatrix.Multiply<double>(at, a, k, n, k), k, out double[]? gramInverse));
        double[] projection = SmallMatrix.Multiply<double>(SmallMatrix.Multiply<double>(a, gramInverse, n, k, k), at, n, k, n);
        double[] projected = SmallMatrix.Multiply<double>(projection, moved, n, n, k);
        for (int i = 0; i < moved.Length; i++)
        {
            moved[i] -= projected[i];
        }

        return SmallMatrix.Multiply<double>(moved, SmallMatrix.Transpose<double>(block.U, m, k), n, k, m);
    }
}
