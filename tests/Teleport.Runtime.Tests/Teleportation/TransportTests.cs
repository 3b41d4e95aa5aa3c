using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// Covector transport: a covector transported by g paired with a vector pushed by g keeps its
/// pairing, and the gradient of an invariant loss at g·θ is the transported gradient at θ.
/// </summary>
public sealed class TransportTests
{
    private const int K = 4, D = 5, M = 3;

    [Fact]
    public void GeneralLinearTransportKeepsThePairing()
    {
        Block covector = Block.Random(71, 1, K, D, M, weightScale: 1);
        Block vector = Block.Random(72, 1, K, D, M, weightScale: 1);
        double before = Pairing(covector, vector);
        double[] g = ExactActionTests.NearIdentity(73, K, 0.5);
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.GeneralLinearAction<double>(g, vector.Layer()));
        Assert.True(SymmetryKernels.GeneralLinearTransport<double>(g, covector.Layer(), squared: false));
        Assert.True(Math.Abs(Pairing(covector, vector) - before) <= 1e-13 * Math.Max(1, Math.Abs(before)), "pairing changed");
    }

    [Fact]
    public void DiagonalTransportKeepsThePairing()
    {
        Block covector = Block.Random(74, 1, K, D, M, weightScale: 1);
        Block vector = Block.Random(75, 1, K, D, M, weightScale: 1);
        double before = Pairing(covector, vector);
        double[] g = ExactActionTests.PositiveFactors(76, K);
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DiagonalAction<double>(g, vector.Layer()));
        Assert.True(SymmetryKernels.DiagonalTransport<double>(g, covector.Layer(), squared: false));
        Assert.True(Math.Abs(Pairing(covector, vector) - before) <= 1e-13 * Math.Max(1, Math.Abs(before)), "pairing changed");
    }

    [Fact]
    public void TransportedGradientIsTheGradientAtTheMovedPoint()
    {
        // S1 on an identity layer and S2 on leaky ReLU leave the block loss invariant on any data.
        Block block = Block.Random(77, 1, K, D, M);
        IBlockFunction identityLoss = SymmetryAdjointTests.LossOn<Identity, IdentityDerivative>(block, 78, decay: 0);
        var (gradV, gradB, gradU) = identityLoss.Gradient(block);
        double[] g = ExactActionTests.NearIdentity(79, K, 0.4);
        Assert.True(SymmetryKernels.GeneralLinearTransport<double>(g, block.Layer(gradV, gradB, gradU, block.H), squared: false));
        Block moved = block.Clone();
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.GeneralLinearAction<double>(g, moved.Layer()));
        var (expectedV, expectedB, expectedU) = identityLoss.Gradient(moved);
        Orbit.AssertClose(expectedV, gradV, 1e-12, "S1 G_V");
        Orbit.AssertClose(expectedB, gradB, 1e-12, "S1 G_b");
        Orbit.AssertClose(expectedU, gradU, 1e-12, "S1 G_U");

        IBlockFunction leakyLoss = SymmetryAdjointTests.LossOn<LeakyRelu, LeakyReluDerivative>(block, 80, decay: 0);
        (gradV, gradB, gradU) = leakyLoss.Gradient(block);
        double[] factors = ExactActionTests.PositiveFactors(81, K);
        Assert.True(SymmetryKernels.DiagonalTransport<double>(factors, block.Layer(gradV, gradB, gradU, block.H), squared: false));
        moved = block.Clone();
        Assert.Equal(GroupActionResult.Applied, SymmetryKernels.DiagonalAction<double>(factors, moved.Layer()));
        (expectedV, expectedB, expectedU) = leakyLoss.Gradient(moved);
        Orbit.AssertClose(expectedV, gradV, 1e-12, "S2 G_V");
        Orbit.AssertClose(expectedB, gradB, 1e-12, "S2 G_b");
        Orbit.AssertClose(expectedU, gradU, 1e-12, "S2 G_U");
    }

    [Fact]
    public void DiagonalSecondMomentsTransportExactly()
    {
        Block gradient = Block.Random(82, 1, K, D, M, weightScale: 1);
        Block squares = Square(gradient);
        double[] g = ExactActionTests.PositiveFactors(83, K);
        Assert.True(SymmetryKernels.DiagonalTransport<double>(g, gradient.Layer(), squared: false));
        Assert.True(SymmetryKernels.DiagonalTransport<double>(g, squares.Layer(), squared: true));
        Block expected = Square(gradient);
        Orbit.AssertClose(expected.V, squares.V, 1e-14, "v_V");
        Orbit.AssertClose(expected.B, squares.B, 1e-14, "v_b");
        Orbit.AssertClose(expected.U, squares.U, 1e-14, "v_U");
    }

    [Fact]
    public void GeneralLinearSecondMomentsUseTheSquaredMatrices()
    {
        Block moments = Square(Block.Random(84, 1, K, D, M, weightScale: 1));
        Block original = moments.Clone();
        double[] g = ExactActionTests.NearIdentity(85, K, 0.5);
        Assert.True(SymmetryKernels.GeneralLinearTransport<double>(g, moments.Layer(), squared: true));

        // v_V′ = (g⁻ᵀ)∘²·v_V, v_b′ = (g⁻ᵀ)∘²·v_b, v_U′ = v_U·(gᵀ)∘²
        Assert.True(Teleport.LinearAlgebra.LuDecomposition.TryInvert<double>(g, K, out double[]? inverse));
        double[] inverseTransposeSquared = Squared(Teleport.LinearAlgebra.SmallMatrix.Transpose<double>(inverse, K, K));
        double[] transposeSquared = Squared(Teleport.LinearAlgebra.SmallMatrix.Transpose<double>(g, K, K));
        Orbit.AssertClose(Teleport.LinearAlgebra.SmallMatrix.Multiply<double>(inverseTransposeSquared, original.V, K, K, D), moments.V, 1e-13, "v_V");
        Orbit.AssertClose(Teleport.LinearAlgebra.SmallMatrix.Multiply<double>(inverseTransposeSquared, original.B, K, K, 1), moments.B, 1e-13, "v_b");
        Orbit.AssertClose(Teleport.LinearAlgebra.SmallMatrix.Multiply<double>(original.U, transposeSquared, M, K, K), moments.U, 1e-13, "v_U");
        foreach (double value in moments.V)
        {
            Assert.True(value >= 0);
        }
    }

    private static double Pairing(Block x, Block y) =>
        LinearFunction.Dot(x.V, y.V) + LinearFunction.Dot(x.B, y.B) + LinearFunction.Dot(x.U, y.U);

    private static double[] Squared(double[] values) => Array.ConvertAll(values, x => x * x);

    private static Block Square(Block block) => new(block.N, block.K, block.D, block.M, block.HasBias, Squared(block.V), Squared(block.B), Squared(block.U), block.H);
}
