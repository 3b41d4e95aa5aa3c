using System;
using System.Globalization;

namespace Teleport.Data;

// New data sets made from this one: subsets by index, contiguous slices, seeded splits, concatenation.
public sealed partial class Dataset
{
    /// <summary>A new data set holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        name ??= Name;
        if (_pixels is not null)
        {
            // A byte image set: only the bytes are copied (the floats follow from them when asked for).
            CheckIndices(indices);
            var pixelLabels = new int[indices.Length];
            for (var i = 0; i < indices.Length; i++) pixelLabels[i] = _labels![indices[i]];
            return new Dataset(name, null, FeatureCount, pixelLabels, ClassCount, null, 0, _sampleShape, SubsetPixels(indices));
        }
        var features = FeatureArrays.CreateAligned((long)indices.Length * FeatureCount);
        if (IsClassification)
        {
            var labels = new int[indices.Length];
            CopyBatch(indices, features.Span, labels);
            return new Dataset(name, features, FeatureCount, labels, ClassCount, null, 0, _sampleShape);
        }
        var targets = new float[(long)indices.Length * TargetCount];
        CopyBatch(indices, features.Span, targets);
        return new Dataset(name, features, FeatureCount, null, 0, targets, TargetCount, _sampleShape);
    }

    private byte[] SubsetPixels(ReadOnlySpan<int> indices)
    {
        var pixels = FeatureArrays.Create<byte>((long)indices.Length * FeatureCount);
        for (var i = 0; i < indices.Length; i++)
            _pixels!.AsSpan(indices[i] * FeatureCount, FeatureCount).CopyTo(pixels.AsSpan(i * FeatureCount));
        return pixels;
    }

    /// <summary>A new data set holding copies of samples [start, start + count).</summary>
    public Dataset Slice(int start, int count, string? name = null)
    {
        CheckRange(start, count);
        var indices = new int[count];
        for (var i = 0; i < count; i++) indices[i] = start + i;
        return Subset(indices, name);
    }

    /// <summary>
    /// Splits the set at random by <paramref name="seed"/> into a training part and a validation part
    /// of <paramref name="validationCount"/> samples (the paper: Fashion-MNIST's 60 000 training samples
    /// → 50 000 + 10 000). Like PyTorch's <c>random_split</c>, a permutation of all indices is drawn
    /// (<see cref="SeededRandom.Permutation(int)"/>); its first Count − validationCount entries are the
    /// training part and the rest the validation part, each in permutation order.
    /// The same seed gives the same split on every machine.
    /// </summary>
    public DatasetSplit SplitTrainValidation(int validationCount, long seed)
    {
        if (validationCount < 0 || validationCount > Count)
            throw new ArgumentOutOfRangeException(nameof(validationCount), string.Create(CultureInfo.InvariantCulture,
                $"validationCount {validationCount} outside [0, {Count}]."));
        var permutation = new SeededRandom(seed).Permutation(Count);
        var trainCount = Count - validationCount;
        return new DatasetSplit(
            Subset(permutation.AsSpan(0, trainCount), Name + "[train]"),
            Subset(permutation.AsSpan(trainCount), Name + "[validation]"));
    }

    /// <summary>Concatenates data sets of the same kind and shape (e.g. CIFAR-10's five training batches).</summary>
    public static Dataset Concatenate(string name, params Dataset[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("Nothing to concatenate.", nameof(parts));
        var missing = Array.IndexOf(parts, null);
        if (missing >= 0) throw new ArgumentNullException(nameof(parts), $"parts[{missing}] is null.");
        var first = parts[0];
        long count = 0;
        foreach (var p in parts)
        {
            if (p.FeatureCount != first.FeatureCount || p.IsClassification != first.IsClassification
                || p.ClassCount != first.ClassCount || p.TargetCount != first.TargetCount)
                throw new ArgumentException($"{p.Name} does not match {first.Name} in features, labels or targets.", nameof(parts));
            count += p.Count;
        }
        // Byte image sets concatenate their bytes only; otherwise the float features are joined.
        var pixels = Array.TrueForAll(parts, p => p._pixels is not null) ? FeatureArrays.Create<byte>(count * first.FeatureCount) : null;
        var features = pixels is null ? FeatureArrays.CreateAligned((long)count * first.FeatureCount) : null;
        var labels = first.IsClassification ? new int[count] : null;
        var targets = first.IsClassification ? null : new float[count * first.TargetCount];
        var at = 0;
        foreach (var p in parts)
        {
            if (pixels is not null) p._pixels.AsSpan().CopyTo(pixels.AsSpan(at * first.FeatureCount));
            else p.Features.CopyTo(features!.Span[(at * first.FeatureCount)..]);
            if (labels is not null) p.Labels.CopyTo(labels.AsSpan(at));
            else p.Targets.CopyTo(targets.AsSpan(at * first.TargetCount));
            at += p.Count;
        }
        return new Dataset(name, features, first.FeatureCount, labels, first.ClassCount, targets, first.TargetCount, first._sampleShape, pixels);
    }
}
