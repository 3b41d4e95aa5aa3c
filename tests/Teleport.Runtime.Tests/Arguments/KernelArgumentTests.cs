using System;
using Teleport.Kernels;
using Teleport.LinearAlgebra;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>Public kernels, model-argument helpers and linear-algebra sizes called with lengths or sizes that do not fit.</summary>
public sealed class KernelArgumentTests
{
    [Fact]
    public void ElementwiseInputsOfUnequalLengthsNameY()
    {
        // TensorPrimitives's own error named no argument.
        Assert.Throws<ArgumentException>("y", () => Elementwise.Add<float>(new float[4], new float[3], new float[4]));
        Assert.Throws<ArgumentException>("y", () => Elementwise.Subtract<double>(new double[2], new double[3], new double[3]));
        Assert.Throws<ArgumentException>("y", () => Elementwise.MultiplyAdd<float>(new float[4], 2f, new float[5], new float[5]));
    }

    [Fact]
    public void ElementwiseHelpersStillComputeInPlace()
    {
        float[] x = [1, 2, 3], y = [10, 20, 30];
        Elementwise.MultiplyAdd<float>(x, 2f, y, x);
        Assert.Equal([12f, 24f, 36f], x);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void AnInputSizeBelowOneIsNamed(int inputSize)
    {
        // 0 divided by zero; a negative size passed.
        Assert.Throws<ArgumentOutOfRangeException>("inputSize", () => ModelArguments.BatchSize(8, inputSize));
        Assert.Throws<ArgumentOutOfRangeException>("inputSize", () => SequenceArguments.BatchSize(8, inputSize, 2));
    }

    [Fact]
    public void TargetsAreCheckedAgainstTheBatchWhateverTheirKind()
    {
        Assert.Equal(2, ModelArguments.BatchSize(8, 4, new Targets<float>(new int[2]), outputSize: 3));
        Assert.Equal(2, ModelArguments.BatchSize(8, 4, new Targets<float>(new float[6]), outputSize: 3));
        Assert.Throws<ArgumentException>("targets", () => ModelArguments.BatchSize(8, 4, new Targets<float>(new int[3]), outputSize: 3));
        Assert.Throws<ArgumentException>("targets", () => ModelArguments.BatchSize(8, 4, new Targets<float>(new float[5]), outputSize: 3));
    }

    [Fact]
    public void ATargetRangeOutsideTheTargetsIsNamed()
    {
        // It was a span's "Specified argument was out of the range of valid values", naming nothing.
        var error = Assert.Throws<ArgumentOutOfRangeException>("firstSample", () => new Targets<float>(new int[4]).Slice(-1, 2, 3));
        Assert.Contains("4 samples", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>("firstSample", () => new Targets<float>(new int[4]).Slice(3, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>("firstSample", () => new Targets<float>(new float[6]).Slice(1, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>("outputSize", () => new Targets<float>(new float[6]).Slice(0, 1, 0));
        Assert.Equal(3, new Targets<float>(new float[6]).Slice(1, 1, 3).Length);
    }

    [Fact]
    public void ASoftmaxOutputShiftedOverItsInputIsRefused()
    {
        // The class documents "in place, but not partially overlapping"; a shifted output was not checked: each row's
        // probabilities overwrote the next row's first logit before it was read, and the loss came out silently wrong.
        const int batch = 3, classes = 4, total = batch * classes;
        var memory = new float[total + 1];
        for (int i = 0; i < memory.Length; i++) memory[i] = i % 5 * 0.5f;
        int[] labels = [0, 1, 2];
        Assert.Throws<ArgumentException>("probabilities",
            () => SoftmaxCrossEntropy.Forward<float>(memory.AsSpan(0, total), labels, memory.AsSpan(1, total), batch, classes));
        Assert.Throws<ArgumentException>("dLogits",
            () => SoftmaxCrossEntropy.Gradient<float>(memory.AsSpan(1, total), labels, memory.AsSpan(0, total), batch, classes));
        var p = new float[total];
        Assert.Throws<ArgumentException>("rDLogits",
            () => SoftmaxCrossEntropy.Tangent<float>(p, memory.AsSpan(0, total), memory.AsSpan(1, total), batch, classes));

        // Exactly in place stays allowed, and equals the out-of-place result.
        var separate = new float[total];
        float loss = SoftmaxCrossEntropy.Forward<float>(memory.AsSpan(0, total), labels, separate, batch, classes);
        Assert.Equal(loss, SoftmaxCrossEntropy.Forward<float>(memory.AsSpan(0, total), labels, memory.AsSpan(0, total), batch, classes));
        Assert.Equal(separate, memory.AsSpan(0, total).ToArray());
    }

    [Fact]
    public void CountingCorrectRowsNeedsAColumn()
    {
        // A negative column count passed the length check (rows·cols < 0) and failed in a slice, naming nothing.
        Assert.Throws<ArgumentOutOfRangeException>("cols", () => Reductions.CountCorrect<float>(new float[6], new int[2], 2, -3));
        Assert.Throws<ArgumentOutOfRangeException>("cols", () => Reductions.CountCorrect<float>(new float[6], new int[2], 2, 0));
        Assert.Equal(0, Reductions.CountCorrect<float>(ReadOnlySpan<float>.Empty, ReadOnlySpan<int>.Empty, 0, 0));
    }

    [Fact]
    public void ANullTensorListForTheRowHalvesIsNamed()
    {
        // The list constructor's ArgumentNullException named its own parameter, 'collection'.
        Assert.Throws<ArgumentNullException>("tensors", () => RowHalves.Create(10, null!));
    }

    [Fact]
    public void ANegativeNormalEquationsSizeIsNamed()
    {
        // The allocating overload failed with an OverflowException (a negative workspace length).
        Assert.Throws<ArgumentOutOfRangeException>("m", () => NormalEquations.PseudoInverseTimes<double>(new double[6], -1, 3, new double[4], 2, CholeskyRidge.None, out _));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => NormalEquations.TimesPseudoInverse<double>(new double[6], 2, -3, new double[4], 2, CholeskyRidge.None, out _));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => NormalEquations.PseudoInverseTimesWorkspaceLength(2, 3, -1));
        Assert.Throws<ArgumentOutOfRangeException>("m", () => NormalEquations.TimesPseudoInverseWorkspaceLength(-2, 3, 1));
    }
}
