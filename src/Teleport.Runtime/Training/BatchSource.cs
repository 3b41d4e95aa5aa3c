using System;
using Teleport.Data;
using Teleport.Kernels;

namespace Teleport.Training;

/// <summary>
/// The current mini-batch of the training set, without allocating: in sequential order a batch is a
/// contiguous range and is used in place (byte images excepted: copied from their bytes); in shuffled
/// order its samples are gathered into buffers allocated once. The order comes from a <see cref="BatchSampler"/> (last partial batch kept).
/// </summary>
internal sealed class BatchSource
{
    private readonly Dataset _set;
    private readonly BatchSampler _sampler;
    private readonly AlignedArray<float> _features = AlignedArray<float>.Empty;
    private readonly int[] _labels = [];
    private readonly float[] _targets = [];
    private bool _started;
    private readonly bool _copied;
    private int _start;

    public BatchSource(Dataset set, int batchSize, BatchOrder order, long seed)
    {
        _set = set;
        _sampler = new BatchSampler(set.Count, batchSize, order == BatchOrder.Shuffled, seed);
        // Byte images are copied from their bytes even in order: streaming a batch from memory is most
        // of what a step of a small network costs beyond its arithmetic, and bytes are a quarter of it.
        _copied = order == BatchOrder.Shuffled || set.HasPixels;
        if (_copied)
        {
            var n = Math.Min(batchSize, set.Count);
            // On a 64-byte boundary: the model reads each row with vector loads, twice per step.
            _features = new AlignedArray<float>(checked(n * set.FeatureCount));
            if (set.IsClassification) _labels = new int[n];
            else _targets = new float[(long)n * set.TargetCount];
        }
    }

    /// <summary>Whether a copy asks for the next batch's rows (benchmarks turn it off to measure what it saves).</summary>
    internal static bool AskAhead { get; set; } = true;

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => _sampler.BatchCount;

    /// <summary>Samples in the selected batch (0 when none is selected).</summary>
    public int Count { get; private set; }

    /// <summary>The selected batch's inputs, [Count, FeatureCount].</summary>
    public ReadOnlySpan<float> Inputs =>
        Count == 0 ? default : _copied ? _features.Slice(0, Count * _set.FeatureCount) : _set.FeatureRows(_start, Count);

    /// <summary>The selected batch's labels or targets.</summary>
    public Targets<float> Targets => _set.IsClassification
        ? new Targets<float>(Count == 0 ? default : _copied ? _labels.AsSpan(0, Count) : _set.LabelRange(_start, Count))
        : new Targets<float>(Count == 0 ? default : _copied ? _targets.AsSpan(0, Count * _set.TargetCount) : _set.TargetRows(_start, Count));

    /// <summary>Sets the sample order of <paramref name="epoch"/> (0-based), unless it is already set.</summary>
    public void StartEpoch(int epoch)
    {
        if (_started && _sampler.Epoch == epoch) return;
        _sampler.StartEpoch(epoch);
        _started = true;
    }

    /// <summary>Selects batch <paramref name="batch"/> of the current epoch.</summary>
    public void Select(int batch)
    {
        var indices = _sampler.Batch(batch);
        Count = indices.Length;
        if (!_copied)
        {
            _start = indices[0];
            return;
        }
        // The next batch of the epoch is asked for from memory while this one is copied (it is read a step later).
        var upcoming = AskAhead && batch + 1 < _sampler.BatchCount ? _sampler.Batch(batch + 1) : default;
        if (_set.IsClassification) _set.CopyBatch(indices, _features, _labels, upcoming);
        else _set.CopyBatch(indices, _features, _targets, upcoming);
    }

    /// <summary>Deselects the batch (outside a step, the context shows none).</summary>
    public void Clear() => Count = 0;
}
