using System;

namespace Teleport;

/// <summary>
/// The targets of one batch: integer class labels (softmax cross-entropy) or values
/// [batch, OutputSize] row-major (mean squared error). Exactly one of the two is used.
/// </summary>
public readonly ref struct Targets<T> where T : unmanaged
{
    /// <summary>Creates targets from class labels.</summary>
    public Targets(ReadOnlySpan<int> labels)
    {
        Labels = labels;
        Values = default;
        IsLabels = true;
    }

    /// <summary>Creates targets from regression values.</summary>
    public Targets(ReadOnlySpan<T> values)
    {
        Labels = default;
        Values = values;
        IsLabels = false;
    }

    /// <summary>Class labels, one per sample (when <see cref="IsLabels"/>).</summary>
    public ReadOnlySpan<int> Labels { get; }

    /// <summary>Target values [batch, OutputSize] (when not <see cref="IsLabels"/>).</summary>
    public ReadOnlySpan<T> Values { get; }

    /// <summary>True for class labels, false for regression values.</summary>
    public bool IsLabels { get; }

    /// <summary>Number of target entries (labels or values).</summary>
    public int Length => IsLabels ? Labels.Length : Values.Length;

    /// <summary>Selects a contiguous range of samples (one label, or <paramref name="outputSize"/> values, each).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not within the targets (it was a span's error naming no argument).</exception>
    public Targets<T> Slice(int firstSample, int samples, int outputSize)
    {
        long perSample = IsLabels ? 1 : outputSize;
        if (perSample < 1)
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "Regression targets need an outputSize ≥ 1.");
        long held = Length / perSample;
        if (firstSample < 0 || samples < 0 || (long)firstSample + samples > held)
            throw new ArgumentOutOfRangeException(nameof(firstSample),
                $"Samples [{firstSample}, {(long)firstSample + samples}) are outside the {held} samples the targets hold ({Length} {(IsLabels ? "labels" : $"values of {outputSize} per sample")}).");
        return IsLabels ? new Targets<T>(Labels.Slice(firstSample, samples))
                        : new Targets<T>(Values.Slice(firstSample * outputSize, samples * outputSize));
    }

    public static implicit operator Targets<T>(ReadOnlySpan<int> labels) => new(labels);
    public static implicit operator Targets<T>(ReadOnlySpan<T> values) => new(values);
    public static implicit operator Targets<T>(int[] labels) => new(labels);
    public static implicit operator Targets<T>(T[] values) => new(values);
}
