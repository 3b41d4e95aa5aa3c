using System;
using System.Globalization;

namespace Teleport.Data;

// Allocation-free gathering of a batch by sample index into caller-owned buffers.
public sealed partial class Dataset
{
    /// <summary>
    /// Copies the features and labels of the samples at <paramref name="indices"/> into the first
    /// indices.Length rows of <paramref name="features"/> ([n, FeatureCount]) and <paramref name="labels"/> ([n]).
    /// Allocation-free; the buffers may be longer than needed.
    /// </summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> features, Span<int> labels) => CopyBatch(indices, features, labels, default);

    /// <summary>
    /// <see cref="CopyBatch(ReadOnlySpan{int}, Span{float}, Span{int})"/>, asking meanwhile for the rows of the
    /// <paramref name="upcoming"/> batch (see <see cref="CopyFeatures(ReadOnlySpan{int}, Span{float}, ReadOnlySpan{int})"/>).
    /// </summary>
    internal void CopyBatch(ReadOnlySpan<int> indices, Span<float> features, Span<int> labels, ReadOnlySpan<int> upcoming)
    {
        CopyFeatures(indices, features, upcoming);
        var source = RequireLabels();
        CheckDestination(indices.Length, labels.Length, nameof(labels));
        for (var i = 0; i < indices.Length; i++) labels[i] = source[indices[i]];
    }

    /// <summary>
    /// Copies the features and targets of the samples at <paramref name="indices"/> into
    /// <paramref name="features"/> ([n, FeatureCount]) and <paramref name="targets"/> ([n, TargetCount]).
    /// </summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> features, Span<float> targets) => CopyBatch(indices, features, targets, default);

    /// <summary>The regression variant of <see cref="CopyBatch(ReadOnlySpan{int}, Span{float}, Span{int}, ReadOnlySpan{int})"/>.</summary>
    internal void CopyBatch(ReadOnlySpan<int> indices, Span<float> features, Span<float> targets, ReadOnlySpan<int> upcoming)
    {
        CopyFeatures(indices, features, upcoming);
        var source = RequireTargets();
        CheckDestination((long)indices.Length * TargetCount, targets.Length, nameof(targets));
        for (var i = 0; i < indices.Length; i++)
            source.AsSpan(indices[i] * TargetCount, TargetCount).CopyTo(targets.Slice(i * TargetCount, TargetCount));
    }

    /// <summary>Double-precision variant of <see cref="CopyBatch(ReadOnlySpan{int}, Span{float}, Span{int})"/>.</summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<double> features, Span<int> labels)
    {
        CopyFeatures(indices, features);
        var source = RequireLabels();
        CheckDestination(indices.Length, labels.Length, nameof(labels));
        for (var i = 0; i < indices.Length; i++) labels[i] = source[indices[i]];
    }

    /// <summary>Double-precision variant of <see cref="CopyBatch(ReadOnlySpan{int}, Span{float}, Span{float})"/>.</summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<double> features, Span<double> targets)
    {
        CopyFeatures(indices, features);
        var source = RequireTargets();
        CheckDestination((long)indices.Length * TargetCount, targets.Length, nameof(targets));
        for (var i = 0; i < indices.Length; i++)
        {
            var row = source.AsSpan(indices[i] * TargetCount, TargetCount);
            var destination = targets.Slice(i * TargetCount, TargetCount);
            for (var j = 0; j < row.Length; j++) destination[j] = row[j];
        }
    }

    /// <summary>
    /// Whether the features are byte images kept as bytes too (feature = byte / 255): a batch copied
    /// from them reads a quarter of the memory that its float rows would.
    /// </summary>
    internal bool HasPixels => _pixels is not null;

    /// <summary>Copies the features of the samples at <paramref name="indices"/> into <paramref name="features"/> ([n, FeatureCount]).</summary>
    public void CopyFeatures(ReadOnlySpan<int> indices, Span<float> features) => CopyFeatures(indices, features, default);

    /// <summary>
    /// <see cref="CopyFeatures(ReadOnlySpan{int}, Span{float})"/>; after copying row i (for byte images: the run of
    /// consecutive rows it is in) it asks for the cache lines of row <paramref name="upcoming"/>[i] (x86; indices
    /// outside the set are skipped), so that the next batch is read from memory while this step computes, not when
    /// it is copied. Changes no value.
    /// </summary>
    /// <remarks>
    /// A batch streamed from memory at the start of its step cost the trainer about 1 µs more than the same batch in
    /// L2 (the paper's step is 10–14 µs); asked for one step ahead, spread over the copy, it is in L2 when its turn comes.
    /// </remarks>
    internal void CopyFeatures(ReadOnlySpan<int> indices, Span<float> features, ReadOnlySpan<int> upcoming)
    {
        CheckIndices(indices);
        CheckDestination((long)indices.Length * FeatureCount, features.Length, nameof(features));
        if (_pixels is { } pixels)
        {
            // The same values as the float rows (byte / 255), from a quarter of the bytes. A run of consecutive
            // samples (a whole batch in order) is one block of bytes and is converted in one call: one loop exit
            // instead of one per row (trainer-like loop, one process: 1.133–1.136 → 1.126–1.130× the cached step).
            FeatureArrays.PrefetchRows<byte>(pixels, indices, FeatureCount);
            for (var i = 0; i < indices.Length;)
            {
                var run = 1;
                while (i + run < indices.Length && indices[i + run] == indices[i] + run) run++;
                Pixels.ToUnitFloats(pixels.AsSpan(indices[i] * FeatureCount, run * FeatureCount), features.Slice(i * FeatureCount, run * FeatureCount));
                for (var j = i; j < i + run && j < upcoming.Length; j++)
                    if ((uint)upcoming[j] < (uint)Count) FeatureArrays.PrefetchRow<byte>(pixels, upcoming[j], FeatureCount);
                i += run;
            }
            return;
        }
        var array = FeatureValues;
        FeatureArrays.PrefetchRows(array, indices, FeatureCount);
        for (var i = 0; i < indices.Length; i++)
        {
            array.Slice(indices[i] * FeatureCount, FeatureCount).CopyTo(features.Slice(i * FeatureCount, FeatureCount));
            if (i < upcoming.Length && (uint)upcoming[i] < (uint)Count) FeatureArrays.PrefetchRow(array, upcoming[i], FeatureCount);
        }
    }

    /// <summary>Copies the features of the samples at <paramref name="indices"/> into <paramref name="features"/>, widened to double.</summary>
    public void CopyFeatures(ReadOnlySpan<int> indices, Span<double> features)
    {
        CheckIndices(indices);
        CheckDestination((long)indices.Length * FeatureCount, features.Length, nameof(features));
        for (var i = 0; i < indices.Length; i++)
        {
            var row = FeatureValues.Slice(indices[i] * FeatureCount, FeatureCount);
            var destination = features.Slice(i * FeatureCount, FeatureCount);
            for (var j = 0; j < row.Length; j++) destination[j] = row[j];
        }
    }

    private void CheckIndices(ReadOnlySpan<int> indices)
    {
        for (var i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), string.Create(CultureInfo.InvariantCulture,
                    $"indices[{i}] = {indices[i]} is outside [0, {Count}) of {Name}."));
    }

    private static void CheckDestination(long needed, int length, string name)
    {
        if (length < needed)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} holds {length} values; the batch needs {needed}."), name);
    }
}
