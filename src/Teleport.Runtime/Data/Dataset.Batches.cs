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
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> features, Span<int> labels)
    {
        CopyFeatures(indices, features);
        var source = RequireLabels();
        CheckDestination(indices.Length, labels.Length, nameof(labels));
        for (var i = 0; i < indices.Length; i++) labels[i] = source[indices[i]];
    }

    /// <summary>
    /// Copies the features and targets of the samples at <paramref name="indices"/> into
    /// <paramref name="features"/> ([n, FeatureCount]) and <paramref name="targets"/> ([n, TargetCount]).
    /// </summary>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> features, Span<float> targets)
    {
        CopyFeatures(indices, features);
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
    public void CopyFeatures(ReadOnlySpan<int> indices, Span<float> features)
    {
        CheckIndices(indices);
        CheckDestination((long)indices.Length * FeatureCount, features.Length, nameof(features));
        if (_pixels is { } pixels)
        {
            // The same values as the float rows (byte / 255), from a quarter of the bytes.
            FeatureArrays.PrefetchRows(pixels, indices, FeatureCount);
            for (var i = 0; i < indices.Length; i++)
                Pixels.ToUnitFloats(pixels.AsSpan(indices[i] * FeatureCount, FeatureCount), features.Slice(i * FeatureCount, FeatureCount));
            return;
        }
        var array = FeatureArray;
        FeatureArrays.PrefetchRows(array, indices, FeatureCount);
        for (var i = 0; i < indices.Length; i++)
            array.AsSpan(indices[i] * FeatureCount, FeatureCount).CopyTo(features.Slice(i * FeatureCount, FeatureCount));
    }

    /// <summary>Copies the features of the samples at <paramref name="indices"/> into <paramref name="features"/>, widened to double.</summary>
    public void CopyFeatures(ReadOnlySpan<int> indices, Span<double> features)
    {
        CheckIndices(indices);
        CheckDestination((long)indices.Length * FeatureCount, features.Length, nameof(features));
        for (var i = 0; i < indices.Length; i++)
        {
            var row = FeatureArray.AsSpan(indices[i] * FeatureCount, FeatureCount);
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
