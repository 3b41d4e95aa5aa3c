using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace Teleport.Data;

/// <summary>
/// An in-memory data set: features [Count, FeatureCount] row-major as <see cref="float"/>, and either
/// integer class labels (classification, <see cref="ClassCount"/> classes) or float targets
/// [Count, TargetCount] row-major (regression). Immutable after construction.
/// </summary>
/// <remarks>
/// Batches are gathered by index into caller-owned buffers (<see cref="CopyBatch(ReadOnlySpan{int}, Span{float}, Span{int})"/>
/// and its overloads) without allocating; contiguous ranges are available as spans directly
/// (<see cref="FeatureRows"/>, <see cref="LabelRange"/>, <see cref="TargetRows"/>).
/// </remarks>
public sealed partial class Dataset
{
    // The float features; for byte image sets null until first asked for (FeatureValues), so that a training
    // run, which reads batches from the bytes, never holds a second, four times larger copy of its images.
    // Features Teleport makes (subsets, splits, synthetic sets, conversions) start on a 64-byte boundary.
    private FeatureStorage? _features;
    private readonly int[]? _labels;
    private readonly float[]? _targets;
    private readonly int[] _sampleShape;

    // The bytes the features are made from (feature = byte / 255) for image data sets, else null. Batches are
    // copied from them: a batch reads 4× fewer bytes from memory than from the float rows, which in a real
    // epoch is most of what a step costs beyond its arithmetic (docs: README, "Whole epochs").
    private readonly byte[]? _pixels;

    private Dataset(string name, FeatureStorage? features, int featureCount, int[]? labels, int classCount,
        float[]? targets, int targetCount, int[]? sampleShape, byte[]? pixels = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (features is null && pixels is null) throw new ArgumentNullException(nameof(features));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        long length = features?.Length ?? pixels!.Length;
        if (length % featureCount != 0)
            throw new ArgumentException($"features has {length} values, not a multiple of featureCount {featureCount}.", nameof(features));
        if (pixels is not null && features is not null && pixels.Length != features.Length)
            throw new ArgumentException($"pixels has {pixels.Length} bytes for {features.Length} features.", nameof(pixels));
        Name = name;
        _features = features;
        FeatureCount = featureCount;
        Count = (int)(length / featureCount);
        _labels = labels;
        ClassCount = classCount;
        _targets = targets;
        TargetCount = targetCount;
        _sampleShape = sampleShape is null ? [featureCount] : (int[])sampleShape.Clone();
        _pixels = pixels;
        var product = 1L;
        foreach (var d in _sampleShape)
        {
            // [-1, -28, 28] has 784 elements too
            if (d < 1) throw new ArgumentException($"sampleShape [{string.Join(", ", _sampleShape)}] has a dimension below 1.", nameof(sampleShape));
            product = Math.Min(product * d, 1L + int.MaxValue); // ≤ 2³¹ · (2³¹ − 1): no overflow, however many dimensions
        }
        if (product != featureCount)
            throw new ArgumentException($"sampleShape [{string.Join(", ", _sampleShape)}] has {(product > int.MaxValue ? "more than 2147483647" : product)} elements, not featureCount {featureCount}.", nameof(sampleShape));
    }

    /// <summary>
    /// A classification data set. The arrays are taken over, not copied.
    /// </summary>
    /// <param name="name">A display name, e.g. <c>fashion-mnist/train</c>.</param>
    /// <param name="features">[count, featureCount] row-major.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="labels">One label per sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="sampleShape">The shape of one sample (e.g. [1, 28, 28]); defaults to [featureCount].</param>
    /// <exception cref="ArgumentException">A feature is NaN or infinite (named by sample and feature), or the sizes do not fit.</exception>
    public static Dataset Classification(string name, float[] features, int featureCount, int[] labels, int classCount, int[]? sampleShape = null)
    {
        var set = CheckedClassification(name, FeatureStorage.Of(features ?? throw new ArgumentNullException(nameof(features))), featureCount, labels, classCount, sampleShape, pixels: null);
        RequireFinite(features, featureCount, "features", "feature", nameof(features));
        return set;
    }

    /// <summary>A classification data set over features Teleport made (<see cref="FeatureArrays.CreateAligned"/>).</summary>
    internal static Dataset Classification(string name, FeatureStorage features, int featureCount, int[] labels, int classCount, int[]? sampleShape = null) =>
        CheckedClassification(name, features, featureCount, labels, classCount, sampleShape, pixels: null);

    /// <summary>
    /// A classification data set of byte images whose features are byte / 255 (torchvision's <c>ToTensor</c>).
    /// The arrays are taken over, not copied. Batches are copied from the bytes (a quarter of the memory read per
    /// batch); the float features are made only when something asks for them (<see cref="Features"/>, <see cref="FeatureRows"/>).
    /// </summary>
    /// <param name="name">A display name, e.g. <c>fashion-mnist/train</c>.</param>
    /// <param name="pixels">[count, featureCount] row-major bytes.</param>
    /// <param name="featureCount">Bytes (features) per sample.</param>
    /// <param name="labels">One label per sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="sampleShape">The shape of one sample (e.g. [1, 28, 28]); defaults to [featureCount].</param>
    public static Dataset FromPixels(string name, byte[] pixels, int featureCount, int[] labels, int classCount, int[]? sampleShape = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return CheckedClassification(name, null, featureCount, labels, classCount, sampleShape, pixels);
    }

    private static Dataset CheckedClassification(string name, FeatureStorage? features, int featureCount, int[] labels, int classCount, int[]? sampleShape, byte[]? pixels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var set = new Dataset(name, features, featureCount, labels, classCount, null, 0, sampleShape, pixels);
        if (labels.Length != set.Count)
            throw new ArgumentException($"{labels.Length} labels for {set.Count} samples.", nameof(labels));
        for (var i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(labels), string.Create(CultureInfo.InvariantCulture,
                    $"Sample {i} has label {labels[i]}, outside [0, {classCount})."));
        return set;
    }

    /// <summary>A regression data set. The arrays are taken over, not copied.</summary>
    /// <param name="name">A display name.</param>
    /// <param name="features">[count, featureCount] row-major.</param>
    /// <param name="featureCount">Features per sample.</param>
    /// <param name="targets">[count, targetCount] row-major.</param>
    /// <param name="targetCount">Targets per sample.</param>
    /// <param name="sampleShape">The shape of one sample; defaults to [featureCount].</param>
    /// <exception cref="ArgumentException">A feature or target is NaN or infinite (named by sample and column), or the sizes do not fit.</exception>
    public static Dataset Regression(string name, float[] features, int featureCount, float[] targets, int targetCount, int[]? sampleShape = null)
    {
        var set = Regression(name, FeatureStorage.Of(features ?? throw new ArgumentNullException(nameof(features))), featureCount, targets, targetCount, sampleShape);
        RequireFinite(features, featureCount, "features", "feature", nameof(features));
        RequireFinite(targets, targetCount, "targets", "target", nameof(targets));
        return set;
    }

    /// <summary>
    /// Refuses a NaN or infinite value: it made every loss and gradient of its batch non-finite, and the run then stopped
    /// on "the training loss became NaN", which named the step, not the data.
    /// </summary>
    private static void RequireFinite(float[] values, int width, string array, string column, string parameter)
    {
        if (Kernels.Reductions.AllBelowInMagnitude<float>(values, float.PositiveInfinity)) return;
        var i = Array.FindIndex(values, v => !float.IsFinite(v));
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{array} hold {values[i]} at sample {i / width}, {column} {i % width}: a non-finite value makes every loss and gradient it reaches non-finite."), parameter);
    }

    /// <summary>A regression data set over features Teleport made (<see cref="FeatureArrays.CreateAligned"/>).</summary>
    internal static Dataset Regression(string name, FeatureStorage features, int featureCount, float[] targets, int targetCount, int[]? sampleShape = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetCount);
        var set = new Dataset(name, features, featureCount, null, 0, targets, targetCount, sampleShape);
        if (targets.Length != (long)set.Count * targetCount)
            throw new ArgumentException($"{targets.Length} target values for {set.Count} samples × {targetCount} targets.", nameof(targets));
        return set;
    }

    /// <summary>A display name, e.g. <c>fashion-mnist/train</c>.</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>The shape of one sample (e.g. [1, 28, 28] for MNIST, [3, 32, 32] for CIFAR-10); its product is <see cref="FeatureCount"/>.</summary>
    public IReadOnlyList<int> SampleShape => _sampleShape;

    /// <summary>True when the set has integer labels; false when it has float targets.</summary>
    public bool IsClassification => _labels is not null;

    /// <summary>Number of classes (classification), or 0.</summary>
    public int ClassCount { get; }

    /// <summary>Targets per sample (regression), or 0.</summary>
    public int TargetCount { get; }

    /// <summary>Outputs a model needs: <see cref="ClassCount"/> or <see cref="TargetCount"/>.</summary>
    public int OutputCount => IsClassification ? ClassCount : TargetCount;

    /// <summary>All features, [Count, FeatureCount] row-major (for a byte image set converted from its bytes on first use).</summary>
    public ReadOnlySpan<float> Features => FeatureValues;

    /// <summary>Whether the float features exist yet (a byte image set converts them on first use).</summary>
    internal bool HasFeatureArray => Volatile.Read(ref _features) is not null;

    /// <summary>The float features, converted from the bytes the first time they are asked for (by any thread: one conversion is kept).</summary>
    private ReadOnlySpan<float> FeatureValues => (Volatile.Read(ref _features) ?? ConvertPixels()).Span;

    private FeatureStorage ConvertPixels()
    {
        var converted = FeatureArrays.CreateAligned(_pixels!.Length);
        Pixels.ToUnitFloats(_pixels, converted.Span);
        return Interlocked.CompareExchange(ref _features, converted, null) ?? converted;
    }

    /// <summary>All labels (empty for regression).</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>All targets, [Count, TargetCount] row-major (empty for classification).</summary>
    public ReadOnlySpan<float> Targets => _targets;

    /// <summary>The features of one sample.</summary>
    public ReadOnlySpan<float> FeatureRow(int index) => FeatureValues.Slice(CheckIndex(index) * FeatureCount, FeatureCount);

    /// <summary>The features of samples [start, start + count), contiguous.</summary>
    public ReadOnlySpan<float> FeatureRows(int start, int count)
    {
        CheckRange(start, count);
        return FeatureValues.Slice(start * FeatureCount, count * FeatureCount);
    }

    /// <summary>The labels of samples [start, start + count).</summary>
    public ReadOnlySpan<int> LabelRange(int start, int count)
    {
        CheckRange(start, count);
        return RequireLabels().AsSpan(start, count);
    }

    /// <summary>The targets of samples [start, start + count), [count, TargetCount] row-major.</summary>
    public ReadOnlySpan<float> TargetRows(int start, int count)
    {
        CheckRange(start, count);
        return RequireTargets().AsSpan(start * TargetCount, count * TargetCount);
    }

    /// <summary>The label of one sample.</summary>
    public int Label(int index) => RequireLabels()[CheckIndex(index)];

    /// <summary>The targets of one sample.</summary>
    public ReadOnlySpan<float> TargetRow(int index) => RequireTargets().AsSpan(CheckIndex(index) * TargetCount, TargetCount);

    public override string ToString() => IsClassification
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: {Count} samples × {FeatureCount} features, {ClassCount} classes")
        : string.Create(CultureInfo.InvariantCulture, $"{Name}: {Count} samples × {FeatureCount} features, {TargetCount} targets");

    private int[] RequireLabels() =>
        _labels ?? throw new InvalidOperationException($"{Name} is a regression data set: it has targets, not labels.");

    private float[] RequireTargets() =>
        _targets ?? throw new InvalidOperationException($"{Name} is a classification data set: it has labels, not targets.");

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), string.Create(CultureInfo.InvariantCulture, $"Sample index {index} outside [0, {Count})."));
        return index;
    }

    private void CheckRange(int start, int count)
    {
        if (start < 0 || count < 0 || (long)start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(start), string.Create(CultureInfo.InvariantCulture,
                $"Range [{start}, {(long)start + count}) outside [0, {Count})."));
    }
}
