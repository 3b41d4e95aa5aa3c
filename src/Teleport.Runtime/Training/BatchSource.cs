using System;
using System.Diagnostics;
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
    // Two sets of buffers when batches are copied: the step reads the front one while the next batch is copied
    // into the other (NextBatchLoader).
    private readonly AlignedArray<float>[] _features = [AlignedArray<float>.Empty, AlignedArray<float>.Empty];
    private readonly int[][] _labels = [[], []];
    private readonly float[][] _targets = [[], []];
    private int _front;
    private bool _started;
    private readonly bool _copied;
    private readonly bool _loadAhead; // the next batch copied on the second core (TrainerOptions.LoadBatchesAhead)
    private readonly LoadAheadTrial _trial = new();
    private int _selected = -1;
    private int _start;

    // The batch of this epoch handed to the loader (-1: none; a new epoch withdraws it).
    private int _postedBatch = -1;

    public BatchSource(Dataset set, int batchSize, BatchOrder order, long seed, bool loadAhead = false)
    {
        _loadAhead = loadAhead;
        _set = set;
        _sampler = new BatchSampler(set.Count, batchSize, order == BatchOrder.Shuffled, seed);
        // Byte images are copied from their bytes even in order: streaming a batch from memory is most
        // of what a step of a small network costs beyond its arithmetic, and bytes are a quarter of it.
        _copied = order == BatchOrder.Shuffled || set.HasPixels;
        if (_copied)
        {
            var n = Math.Min(batchSize, set.Count);
            for (var i = 0; i < 2; i++)
            {
                // On a 64-byte boundary: the model reads each row with vector loads, twice per step.
                _features[i] = new AlignedArray<float>(checked(n * set.FeatureCount));
                if (set.IsClassification) _labels[i] = new int[n];
                else _targets[i] = new float[(long)n * set.TargetCount];
            }
        }
    }

    /// <summary>Whether a copy asks for the next batch's rows (benchmarks turn it off to measure what it saves).</summary>
    internal static bool AskAhead { get; set; } = true;

    /// <summary>Batches this source took from the loader (tests check that it really ran).</summary>
    internal long BatchesLoadedAhead { get; private set; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => _sampler.BatchCount;

    /// <summary>Samples in the selected batch (0 when none is selected).</summary>
    public int Count { get; private set; }

    /// <summary>The selected batch's inputs, [Count, FeatureCount].</summary>
    public ReadOnlySpan<float> Inputs =>
        Count == 0 ? default : _copied ? _features[_front].Slice(0, Count * _set.FeatureCount) : _set.FeatureRows(_start, Count);

    /// <summary>The selected batch's labels or targets.</summary>
    public Targets<float> Targets => _set.IsClassification
        ? new Targets<float>(Count == 0 ? default : _copied ? _labels[_front].AsSpan(0, Count) : _set.LabelRange(_start, Count))
        : new Targets<float>(Count == 0 ? default : _copied ? _targets[_front].AsSpan(0, Count * _set.TargetCount) : _set.TargetRows(_start, Count));

    /// <summary>Sets the sample order of <paramref name="epoch"/> (0-based), unless it is already set.</summary>
    public void StartEpoch(int epoch)
    {
        if (_started && _sampler.Epoch == epoch) return;
        // The loader reads the order that StartEpoch rewrites (a copy a step gave up on may still be under way).
        _postedBatch = -1;
        NextBatchLoader.Quiesce(this);
        _trial.Restart(); // the epoch's end (evaluation, checkpoints) lies between this selection and the last
        _selected = -1;
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
        var posted = _postedBatch == batch;
        if (Settle() && posted)
        {
            _front ^= 1; // copied by the loader while the previous step ran
            BatchesLoadedAhead++;
        }
        else
        {
            // The next batch of the epoch is asked for from memory while this one is copied (it is read a step later).
            Copy(indices, _front, AskAhead && batch + 1 < _sampler.BatchCount ? _sampler.Batch(batch + 1) : default);
        }
        if (_loadAhead && batch + 1 < _sampler.BatchCount && NextBatchLoader.Available)
        {
            if (batch != _selected + 1) _trial.Restart(); // a jump (a resume): no step ran between
            if (!_trial.Next(Stopwatch.GetTimestamp())) NextBatchLoader.Park(this);
            else if (NextBatchLoader.TryPost(this, batch + 1, _front ^ 1)) _postedBatch = batch + 1;
        }
        _selected = batch;
    }

    /// <summary>
    /// On the loader's thread: copies batch <paramref name="batch"/> into buffers <paramref name="buffers"/>, the ones the
    /// step is not reading (the same copy as <see cref="Select"/>'s, so the same values).
    /// </summary>
    internal void Load(int batch, int buffers) => Copy(_sampler.Batch(batch), buffers, default);

    /// <summary>
    /// Selects batch <paramref name="batch"/> of the current epoch again, for a replay of its step (<c>Trainer.Replay.cs</c>):
    /// copied on this thread, after any job with the loader has ended, and nothing handed to it (the run ends after a replay).
    /// </summary>
    internal void SelectAgain(int batch)
    {
        _postedBatch = -1;
        NextBatchLoader.Quiesce(this);
        var indices = _sampler.Batch(batch);
        Count = indices.Length;
        if (_copied) Copy(indices, _front, default);
        else _start = indices[0];
        _selected = batch;
    }

    /// <summary>The samples at <paramref name="indices"/> into buffers <paramref name="buffers"/>, asking for the <paramref name="upcoming"/> ones' rows meanwhile.</summary>
    private void Copy(ReadOnlySpan<int> indices, int buffers, ReadOnlySpan<int> upcoming)
    {
        if (_set.IsClassification) _set.CopyBatch(indices, _features[buffers], _labels[buffers], upcoming);
        else _set.CopyBatch(indices, _features[buffers], _targets[buffers], upcoming);
    }

    /// <summary>Takes or withdraws the job handed to the loader, if any; whether it was copied.</summary>
    private bool Settle()
    {
        if (_postedBatch < 0) return false;
        _postedBatch = -1;
        return NextBatchLoader.TryTake(this);
    }

    /// <summary>The end of a run: no job stays with the loader, which is free for other sources.</summary>
    public void Release()
    {
        _postedBatch = -1;
        NextBatchLoader.Release(this);
    }

    /// <summary>Deselects the batch (outside a step, the context shows none).</summary>
    public void Clear() => Count = 0;
}
