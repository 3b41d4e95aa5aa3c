using System;
using Teleport.Teleportation;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Teleportation;

/// <summary>After warm-up the kernels and a whole teleport allocate nothing.</summary>
public sealed class TeleportAllocationTests
{
    [Fact]
    public void KernelsAllocateNothing()
    {
        const int n = 9, k = 4, d = 6, m = 3;
        Block block = Block.Random(131, n, k, d, m);
        Block small = Block.Random(132, 3, k, d, m);
        double[] z = block.PreActivation(), a = block.Activation<Tanh>();
        double[] zSmall = small.PreActivation(), aSmall = small.Activation<Tanh>();
        double[] g = ExactActionTests.NearIdentity(133, k, 0.1), factors = ExactActionTests.PositiveFactors(134, k);
        double[] gInverseish = ExactActionTests.NearIdentity(135, k, 0.1);
        var result = new double[k * k];
        var diagonal = new double[k];
        Block work = block.Clone();
        // the same parameters, on the first 3 samples (the small-batch data-dependent regime)
        Block workSmall = work.WithData(work.H[..(3 * d)], 3);

        void RunAll()
        {
            SymmetryKernels.GeneralLinearAdjoint<double>(block.Gradients(block.V, block.B, block.U), result);
            SymmetryKernels.DiagonalAdjoint<double>(block.Gradients(block.V, block.B, block.U), diagonal);
            Assert.True(SymmetryKernels.DataDependentAdjoint<double, TanhDerivative>(small.Gradients(small.V, small.B, small.U, zSmall, aSmall), result));
            Assert.True(SymmetryKernels.LeastSquaresAdjoint<double, TanhDerivative>(block.Gradients(block.V, block.B, block.U, z, a), result));
            Assert.True(SymmetryKernels.LeastSquaresAdjoint<double, TanhDerivative>(small.Gradients(small.V, small.B, small.U, zSmall, aSmall), result));
            Assert.True(SymmetryKernels.GeneralLinearAction<double>(g, work.Layer()) == GroupActionResult.Applied);
            Assert.True(SymmetryKernels.GeneralLinearTransport<double>(g, work.Layer(), squared: true));
            Assert.True(SymmetryKernels.DiagonalAction<double>(factors, work.Layer()) == GroupActionResult.Applied);
            Assert.True(SymmetryKernels.DiagonalTransport<double>(factors, work.Layer(), squared: true));
            Assert.True(SymmetryKernels.DataDependentAction<double, LeakyRelu, LeakyReluInverse>(gInverseish, workSmall.Layer()) == GroupActionResult.Applied);
            Assert.True(SymmetryKernels.LeastSquaresAction<double, Tanh>(gInverseish, work.Layer()) == GroupActionResult.Applied);
            Assert.True(SymmetryKernels.LeastSquaresAction<double, Tanh>(gInverseish, workSmall.Layer()) == GroupActionResult.Applied);
            block.V.CopyTo(work.V, 0);
            block.B.CopyTo(work.B, 0);
            block.U.CopyTo(work.U, 0);
        }

        AssertNoAllocation(RunAll);
    }

    [Fact]
    public void TeleportsAllocateNothing()
    {
        // (the test models grow their buffers per batch size, so each batch size gets its own model)
        var (inputs, targets) = MlpData.Batch(136, 6);
        var (large, largeTargets) = MlpData.Batch(137, 12);
        var leaky = new Teleporter<double>(new LeakyMlp(MlpData.D, MlpData.K, MlpData.M, 138, "S2", "S3", "S4"));
        var linear = new Teleporter<double>(new LinearMlp(MlpData.D, MlpData.K, MlpData.M, 139, "S1"));
        var tanh = new Teleporter<double>(new TanhMlp(MlpData.D, MlpData.K, MlpData.M, 140, "S3", "S4"));
        var tanhLarge = new Teleporter<double>(new TanhMlp(MlpData.D, MlpData.K, MlpData.M, 140, "S3", "S4"));
        var booth = new Teleporter<double>(new BoothModel(3, 0));
        var exact = new TeleportOptions { LearningRate = 0.5, GradientNormSquaredCap = 1e6 };
        var all = new TeleportOptions { LearningRate = 0.5, Symmetries = SymmetrySet.All, Map = GroupElementMap.Cayley, LossTolerance = 1e-3 };
        var firstOrder = new TeleportOptions { Map = GroupElementMap.FirstOrder, LearningRate = 1e-4 };
        double[] covector = new double[leaky.Model.Info.ParameterCount];
        var single = new Teleporter<float>(new TinyMlp<float, Op<float, LeakyReluF<float>>, Op<float, LeakyReluDerivativeF<float>>, Op<float, ZeroF<float>>, Op<float, LeakyReluInverseF<float>>>(
            MlpData.D, MlpData.K, MlpData.M, 141, "S2", "S4"));
        float[] singleInputs = Array.ConvertAll(inputs, v => (float)v), singleTargets = Array.ConvertAll(targets, v => (float)v);
        float[] singleStart = single.Model.Parameters.ToArray();
        Teleporter<double>[] teleporters = [leaky, linear, tanh, tanhLarge, booth];
        double[][] starts = Array.ConvertAll(teleporters, t => t.Model.Parameters.ToArray());

        void RunAll()
        {
            for (int i = 0; i < teleporters.Length; i++)
            {
                starts[i].CopyTo(teleporters[i].Model.Parameters);
            }

            Assert.True(leaky.Teleport(inputs, targets, exact).StepsTaken > 0);
            Assert.True(leaky.TransportCovector(covector, squared: true));
            Assert.True(linear.Teleport(inputs, targets, exact).StepsTaken > 0);
            Assert.True(tanh.Teleport(inputs, targets, all).StepsTaken > 0);
            Assert.True(tanhLarge.Teleport(large, largeTargets, all).StepsTaken > 0);
            Assert.True(booth.Teleport([0.0], default, firstOrder).StepsTaken > 0);
            singleStart.CopyTo(single.Model.Parameters);
            Assert.True(single.Teleport(singleInputs, singleTargets, exact).StepsTaken > 0);
            singleStart.CopyTo(single.Model.Parameters);
            Assert.True(single.Teleport(singleInputs, singleTargets, all).StepsTaken > 0);
        }

        AssertNoAllocation(RunAll);
    }

    private static void AssertNoAllocation(Action run)
    {
        for (int i = 0; i < 20; i++)
        {
            run();
        }

        Assert.Equal(0, Allocations.SteadyState(run));
    }
}
