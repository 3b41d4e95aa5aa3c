using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Teleport.Kernels;

// A convolution's bias: one value per channel, repeated over that channel's positions in every row.
public static partial class RowVector
{
    /// <summary>
    /// M[r, c·P + p] += bias[c] for every row r, channel c and position p &lt; <paramref name="positions"/>: a
    /// convolution's per-channel bias on a batch [rows, channels·positions] (NCHW).
    /// </summary>
    public static void AddToChannels<T>(Span<T> matrix, ReadOnlySpan<T> bias, int rows, int channels, int positions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateChannels(matrix.Length, bias.Length, rows, channels, positions, nameof(matrix), nameof(bias));
        if (((ReadOnlySpan<T>)matrix[..(rows * channels * positions)]).Overlaps(bias[..channels]))
            throw new ArgumentException("The bias must not overlap the matrix.", nameof(bias));
        for (int r = 0; r < rows; r++)
        {
            Span<T> row = matrix.Slice(r * channels * positions, channels * positions);
            for (int c = 0; c < channels; c++)
            {
                Span<T> segment = row.Slice(c * positions, positions);
                TensorPrimitives.Add(segment, bias[c], segment);
            }
        }
    }

    /// <summary>
    /// sums[c] = Σ_r Σ_p M[r, c·P + p] (+ sums[c] when <paramref name="accumulate"/>): a convolution's bias gradient,
    /// each channel's positions summed (vectorised) in increasing r.
    /// </summary>
    public static void ChannelSums<T>(ReadOnlySpan<T> matrix, Span<T> sums, int rows, int channels, int positions, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateChannels(matrix.Length, sums.Length, rows, channels, positions, nameof(matrix), nameof(sums));
        if (((ReadOnlySpan<T>)sums[..channels]).Overlaps(matrix[..(rows * channels * positions)]))
            throw new ArgumentException("The sums must not overlap the matrix.", nameof(sums));
        Span<T> target = sums[..channels];
        if (!accumulate) target.Clear();
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = matrix.Slice(r * channels * positions, channels * positions);
            for (int c = 0; c < channels; c++)
            {
                target[c] += TensorPrimitives.Sum(row.Slice(c * positions, positions));
            }
        }
    }

    private static void ValidateChannels(int matrixLength, int vectorLength, int rows, int channels, int positions, string matrixName, string vectorName)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "The row count must not be negative.");
        if (channels < 0) throw new ArgumentOutOfRangeException(nameof(channels), channels, "The channel count must not be negative.");
        if (positions < 0) throw new ArgumentOutOfRangeException(nameof(positions), positions, "The position count must not be negative.");
        if (matrixLength < (long)rows * channels * positions)
            throw new ArgumentException($"The matrix has {matrixLength} elements but rows·channels·positions = {rows}·{channels}·{positions} are needed.", matrixName);
        if (vectorLength < channels)
            throw new ArgumentException($"The {vectorName} span has {vectorLength} elements but channels = {channels}.", vectorName);
    }
}
