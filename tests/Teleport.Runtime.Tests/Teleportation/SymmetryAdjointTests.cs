using System;
using Teleport.Kernels;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>
/// Each adjoint equals the central finite difference of f along the orbit, (f(e^{εE}·θ) − f(e^{−εE}·θ))/2ε,
/// for a linear f (G = C), an elementwise nonlinear f and the loss of a two-layer block on other data.
/// </summary>
public sealed class SymmetryAdjointTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData("linear", true)]
    [InlineData("sine", true)]
    [InlineData("loss", true)]
    [InlineData("loss", false)]
    public void GeneralLinearAdjointMatchesFiniteDifferences(string kind, bool hasBias)
    {
        Block block = Block.Random(1, 6, 3, 4, 2, hasBias);
        IBlockFunction f = Function<Identity, IdentityDerivative>(kind, block);
        var (gradV, gradB, gradU) = f.Gradient(block);
        var result = new double[9];
        SymmetryKernels.GeneralLinearAdjoint<double>(block.Gradients(gradV, gradB, gradU), result);
        double[] expected = Orbit.CentralDifferences(block, f, (g, b) => SymmetryKernels.GeneralLinearAction<double>(g, b.Layer()) == GroupActionResult.Applied, diagonal: false);
        Orbit.AssertClose(expected, result, Tolerance, $"S1 {kind}");
    }

    [Theory]
    [InlineData("linear", true)]
    [InlineData("sine", true)]
    [InlineData("loss", true)]
    [InlineData("loss", false)]
    public void DiagonalAdjointMatchesFiniteDifferences(string kind, bool hasBias)
    {
        Block block = Block.Random(2, 6, 4, 5, 3, hasBias);
        IBlockFunction f = Function<LeakyRelu, LeakyReluDerivative>(kind, block);
        var (gradV, gradB, gradU) = f.Gradient(block);
        var result = new double[4];
        SymmetryKernels.DiagonalAdjoint<double>(block.Gradients(gradV, gradB, gradU), result);
        double[] expected = Orbit.CentralDifferences(block, f, (g, b) => SymmetryKernels.DiagonalAction<double>(g, b.Layer()) == GroupActionResult.Applied, diagonal: true);
        Orbit.AssertClose(expected, result, Tolerance, $"S2 {kind}");
    }

    [Theory]
    [InlineData("linear", true)]
    [InlineData("sine", true)]
    [InlineData("loss", true)]
    [InlineData("linear", false)]
    [InlineData("loss", false)]
    public void DataDependentAdjointMatchesFiniteDifferences(string kind, bool hasBias)
    {
        CheckDataDependent<LeakyRelu, LeakyReluDerivative, LeakyReluInverse>(kind, hasBias, 3);
        CheckDataDependent<Tanh, TanhDerivative, Atanh>(kind, hasBias, 4);
        CheckDataDependent<Softplus, SoftplusDerivative, SoftplusInverse>(kind, hasBias, 5);
    }

    [Theory]
    [InlineData("linear", 7)]
    [InlineData("sine", 7)]
    [InlineData("loss", 7)]
    [InlineData("linear", 3)]
    [InlineData("loss", 2)]
    [InlineData("sine", 2)]
    public void LeastSquaresAdjointMatchesFiniteDifferences(string kind, int n)
    {
        CheckLeastSquares<LeakyRelu, LeakyReluDerivative>(kind, n, true, 6);
        CheckLeastSquares<Tanh, TanhDerivative>(kind, n, true, 7);
        CheckLeastSquares<Softplus, SoftplusDerivative>(kind, n, false, 8);
    }

    [Fact]
    public void GeneralLinearAdjointOfAnInvariantLossIsZero()
    {
        // On an identity layer the block loss without weight decay is invariant under S1, on any data.
        Block block = Block.Random(9, 5, 3, 4, 2);
        var f = (BlockLoss<Identity, IdentityDerivative>)LossOn<Identity, IdentityDerivative>(block, 10, decay: 0);
        var (gradV, gradB, gradU) = f.Gradient(block);
        var result = new double[9];
        SymmetryKernels.GeneralLinearAdjoint<double>(block.Gradients(gradV, gradB, gradU), result);
        double scale = Math.Max(MaxAbs(gradV), MaxAbs(gradU));
        Assert.True(scale > 1e-2);
        Assert.True(MaxAbs(result) <= 1e-13 * scale, $"adjoint of an invariant function: {MaxAbs(result):G3}");
    }

    private static void CheckDataDependent<TActivation, TDerivative, TInverse>(string kind, bool hasBias, int seed)
        where TActivation : IUnaryOperator<double>
        where TDerivative : IUnaryOperator<double>
        where TInverse : IUnaryOperator<double>
    {
        // n = 5 ≤ d (+ 1): the action is exact on the batch
        const int n = 5, k = 3, d = 6, m = 2;
        Block block = Block.Random(seed, n, k, d, m, hasBias, weightScale: 0.4);
        IBlockFunction f = Function<TActivation, TDerivative>(kind, block);
        var (gradV, gradB, gradU) = f.Gradient(block);
        double[] z = block.PreActivation();
        double[] a = Array.ConvertAll(z, TActivation.Invoke);
        var result = new double[k * k];
        Assert.True(SymmetryKernels.DataDependentAdjoint<double, TDerivative>(block.Gradients(gradV, gradB, gradU, z, a), result));
        double[] expected = Orbit.CentralDifferences(block, f,
            (g, b) => SymmetryKernels.DataDependentAction<double, TActivation, TInverse>(g, b.Layer()) == GroupActionResult.Applied, diagonal: false);
        Orbit.AssertClose(expected, result, Tolerance, $"S3 {typeof(TActivation).Name} {kind} bias={hasBias}");
    }

    private static void CheckLeastSquares<TActivation, TDerivative>(string kind, int n, bool hasBias, int seed)
        where TActivation : IUnaryOperator<double>
        where TDerivative : IUnaryOperator<double>
    {
        const int k = 3, d = 4, m = 2;
        Block block = Block.Random(seed, n, k, d, m, hasBias);
        IBlockFunction f = Function<TActivation, TDerivative>(kind, block);
        var (gradV, gradB, gradU) = f.Gradient(block);
        double[] z = block.PreActivation();
        double[] a = Array.ConvertAll(z, TActivation.Invoke);
        var result = new double[k * k];
        Assert.True(SymmetryKernels.LeastSquaresAdjoint<double, TDerivative>(block.Gradients(gradV, gradB, gradU, z, a), result));
        double[] expected = Orbit.CentralDifferences(block, f,
            (g, b) => SymmetryKernels.LeastSquaresAction<double, TActivation>(g, b.Layer()) == GroupActionResult.Applied, diagonal: false);
        Orbit.AssertClose(expected, result, Tolerance, $"S4 {typeof(TActivation).Name} {kind} n={n}");
    }

    internal static IBlockFunction Function<TActivation, TDerivative>(string kind, Block block)
        where TActivation : IUnaryOperator<double>
        where TDerivative : IUnaryOperator<double> => kind switch
        {
            "linear" => new LinearFunction(block, 11),
            "sine" => new SineFunction(block, 12),
            _ => LossOn<TActivation, TDerivative>(block, 13, decay: 0.3),
        };

    /// <summary>The block loss on 9 other samples with random targets.</summary>
    internal static IBlockFunction LossOn<TActivation, TDerivative>(Block block, int seed, double decay)
        where TActivation : IUnaryOperator<double>
        where TDerivative : IUnaryOperator<double>
    {
        const int samples = 9;
        Block other = Block.Random(seed, samples, 1, block.D, block.M);
        return new BlockLoss<TActivation, TDerivative>(other.H, Block.Random(seed + 1, samples, 1, block.M, 1).H, samples, decay);
    }

    private static double MaxAbs(double[] values)
    {
        double largest = 0;
        foreach (double value in values)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }

        return largest;
    }
}
