using System;
using System.Numerics;
using Teleport.Kernels;
using Teleport.Optimizers;
using Teleport.Optimizers.Lanes;
using Teleport.Runtime.Tests.Kernels;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>
/// <see cref="Optimizer{T}.StepAndSumSquares"/>: the step of <see cref="Optimizer{T}.Step"/> and Σ g² with the bits of
/// the reduction alone, at every register width and length (whole blocks of 32, their rest, and the long vectors that
/// are summed in a pass of their own).
/// </summary>
public sealed class OptimizerSquaresTests
{
    private static readonly SimdWidth[] Widths = [.. KernelScope.AllWidths, SimdWidth.Auto];

    /// <summary>Under a block, whole blocks, blocks and a rest, the paper network's 12 804 parameters.</summary>
    private static readonly int[] Lengths = [0, 1, 7, 31, 32, 33, 64, 95, 100, 517, 12_804];

    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void TheStepAndTheSumAreThoseOfTheStepAndTheReductionApart(OptimizerKind kind)
    {
        foreach (int length in Lengths)
        {
            foreach (SimdWidth width in Widths)
            {
                Check<float>(kind, length, width);
                Check<double>(kind, length, width);
            }
        }
    }

    [Theory]
    [InlineData(OptimizerKind.AdaGrad)]
    [InlineData(OptimizerKind.Adam)]
    public void ALongVectorIsSummedInAPassOfItsOwnWithTheSameBits(OptimizerKind kind)
    {
        int length = (int)DeterministicReduction.RangedLength + 45;
        Assert.False(UpdateDriver.SumsSquaresInPass(length));
        Check<float>(kind, length, SimdWidth.Auto);
    }

    [Theory]
    [InlineData(OptimizerKind.AdaGrad, true)]
    [InlineData(OptimizerKind.Adam, true)]
    [InlineData(OptimizerKind.AdamW, true)]
    [InlineData(OptimizerKind.RmsProp, true)]
    [InlineData(OptimizerKind.Sgd, false)]
    [InlineData(OptimizerKind.Momentum, false)]
    public void OnlyUpdatesThatWaitOnDivisionSumInTheirPass(OptimizerKind kind, bool adaptive)
    {
        var settings = OptimizerTestData.FullSettings(kind);
        using (new KernelScope(SimdWidth.Vector256))
        {
            Assert.Equal(adaptive, OptimizerFactory.Create<float>(kind, settings, 12_804).SumsSquaresInItsPass);
            Assert.False(OptimizerFactory.Create<float>(kind, settings, (int)DeterministicReduction.RangedLength).SumsSquaresInItsPass);
        }
        using (new KernelScope(SimdWidth.Vector128))
        {
            Assert.False(OptimizerFactory.Create<float>(kind, settings, 12_804).SumsSquaresInItsPass);
        }
    }

    [Fact]
    public void TheSquaresAreOfTheGradientAsGivenBeforeMaximizeAndWeightDecay()
    {
        var settings = new OptimizerSettings { LearningRate = 0.1, WeightDecay = 0.5, Maximize = true };
        var gradient = OptimizerTestData.Random<float>(3, 100, 2);
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, settings, 100);
        double expected = 0;
        foreach (float g in gradient) expected += (double)g * g;
        double actual = optimizer.StepAndSumSquares(OptimizerTestData.Random<float>(4, 100), gradient);
        Assert.Equal(expected, actual, 1e-12 * expected);
    }

    private static void Check<T>(OptimizerKind kind, int length, SimdWidth width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = new KernelScope(width);
        var settings = OptimizerTestData.FullSettings(kind);
        Optimizer<T> apart = OptimizerFactory.Create<T>(kind, settings, length);
        Optimizer<T> together = OptimizerFactory.Create<T>(kind, settings, length);
        T[] p = OptimizerTestData.Random<T>(length + 1, length);
        T[] q = (T[])p.Clone();
        for (int step = 0; step < 3; step++)
        {
            T[] gradient = OptimizerTestData.Random<T>(7 * length + step, length, 3);
            double expected = Reductions.Reduce<T, SquareTerm>(gradient, gradient);
            apart.Step(p, gradient);
            double actual = together.StepAndSumSquares(q, gradient);
            string where = $"{kind} {typeof(T).Name} {width} length {length} step {step}";
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{where}: Σ g² {actual} vs {expected} apart");
            for (int i = 0; i < length; i++)
            {
                Assert.True(p[i] == q[i], $"{where} element {i}: {q[i]} vs {p[i]} apart");
            }
            for (int b = 0; b < apart.Buffers.Count; b++)
            {
                Assert.True(apart.Buffers[b].Values.SequenceEqual(together.Buffers[b].Values), $"{where}: buffer {apart.Buffers[b].Name}");
            }
        }
        Assert.Equal(apart.StepCount, together.StepCount);
    }
}
