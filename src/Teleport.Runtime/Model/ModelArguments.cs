using System;
using System.Numerics;

namespace Teleport;

/// <summary>
/// Argument checks shared by every generated network: each failure names the argument and the
/// sizes involved, so a wrong call fails at the boundary instead of deep inside a kernel.
/// </summary>
public static class ModelArguments
{
    /// <summary>The batch size n of an input span [n, inputSize]; throws when it is empty or ragged, or inputSize is not positive.</summary>
    public static int BatchSize(int inputLength, int inputSize)
    {
        if (inputSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "inputSize (features per sample) must be ≥ 1.");
        if (inputLength == 0)
            throw new ArgumentException("The batch is empty: inputs has no values.", "inputs");
        if (inputLength % inputSize != 0)
            throw new ArgumentException($"inputs has {inputLength} values, which is not a whole number of samples of {inputSize} features.", "inputs");
        return inputLength / inputSize;
    }

    /// <summary>The batch size n, also checking that targets hold n·<paramref name="targetsPerSample"/> values.</summary>
    public static int BatchSize(int inputLength, int inputSize, int targetLength, int targetsPerSample)
    {
        var n = BatchSize(inputLength, inputSize);
        if ((long)n * targetsPerSample != targetLength)
            throw new ArgumentException(
                targetsPerSample == 1
                    ? $"inputs hold {n} samples but targets hold {targetLength} labels."
                    : $"inputs hold {n} samples, so targets need {(long)n * targetsPerSample} values ({targetsPerSample} per sample), but hold {targetLength}.",
                "targets");
        return n;
    }

    /// <summary>
    /// The batch size n, also checking that <paramref name="targets"/> hold n samples: n labels, or n·<paramref name="outputSize"/>
    /// values. For callers that slice the targets by sample (chunks, sharpness batches), where a short span would otherwise fail
    /// in <see cref="Targets{T}.Slice"/> without naming it.
    /// </summary>
    public static int BatchSize<T>(int inputLength, int inputSize, Targets<T> targets, int outputSize) where T : unmanaged =>
        BatchSize(inputLength, inputSize, targets.Length, targets.IsLabels ? 1 : outputSize);

    /// <summary>Checks a span in the Parameters layout (gradient, v, result).</summary>
    public static void CheckParameterSpan(int length, int parameterCount, string name)
    {
        if (length != parameterCount)
            throw new ArgumentException($"{name} has {length} values but the network has {parameterCount} parameters.", name);
    }

    /// <summary>Checks that a span has exactly the expected length.</summary>
    public static void CheckLength(int length, long expected, string name)
    {
        if (length != expected)
            throw new ArgumentException($"{name} has {length} values but {expected} are needed.", name);
    }

    /// <summary>Rejects an output span that overlaps an input the computation still reads.</summary>
    public static void CheckNoOverlap<T>(ReadOnlySpan<T> input, Span<T> output, string inputName, string outputName)
    {
        if (input.Overlaps(output))
            throw new ArgumentException($"{outputName} must not overlap {inputName}: {inputName} is still read while {outputName} is written.", outputName);
    }

    /// <summary>The class labels of <paramref name="targets"/>; throws if they are regression values.</summary>
    public static ReadOnlySpan<int> Labels<T>(Targets<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!targets.IsLabels)
            throw new ArgumentException("This network's loss is softmax cross-entropy: targets must be integer class labels.", nameof(targets));
        return targets.Labels;
    }

    /// <summary>The regression values of <paramref name="targets"/>; throws if they are class labels.</summary>
    public static ReadOnlySpan<T> Values<T>(Targets<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (targets.IsLabels)
            throw new ArgumentException("This network's loss is mean squared error: targets must be float values [batch, OutputSize].", nameof(targets));
        return targets.Values;
    }
}
