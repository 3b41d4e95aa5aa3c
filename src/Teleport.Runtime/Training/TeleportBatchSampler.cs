using System;
using Teleport.Data;
using Teleport.Kernels;

namespace Teleport.Training;

/// <summary>
/// Draws teleport batches from a training set: consecutive slices of a seeded permutation, without
/// replacement, with a new permutation once the current one cannot fill a batch — like a shuffled
/// DataLoader, and like the reference code's <c>TeleportBatches</c>. Samples are gathered into buffers
/// allocated once, so <see cref="Next"/> allocates nothing.
/// </summary>
/// <remarks>
/// Permutation p is drawn from stream <c>−1 000 000 − p</c> of the seed (<see cref="SeededRandom(long, long)"/>),
/// apart from the trainer's streams (epochs ≥ 0, callbacks −1). The state is therefore two numbers —
/// permutations drawn and the position in the current one — and a resumed sampler regenerates its
/// permutation instead of storing it.
/// </remarks>
public sealed class TeleportBatchSampler
{
    private const long StreamBase = -1_000_000;
    private readonly Dataset _set;
    private readonly long _seed;
    private readonly SeededRandom _random;
    private readonly int[] _order;
    private readonly AlignedArray<float> _features;
    private readonly int[] _labels = [];
    private readonly float[] _targets = [];
    private long _permutations;
    private int _position;

    /// <summary>A sampler of batches of min(<paramref name="batchSize"/>, set size) samples of <paramref name="set"/>.</summary>
    public TeleportBatchSampler(Dataset set, int batchSize, long seed)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (set.Count == 0) throw new ArgumentException($"{set.Name} is empty.", nameof(set));
        _set = set;
        _seed = seed;
        BatchSize = Math.Min(batchSize, set.Count);
        _random = new SeededRandom(seed, StreamBase);
        _order = new int[set.Count];
        _features = new AlignedArray<float>(checked(BatchSize * set.FeatureCount)); // on a 64-byte boundary, for the teleport's vector loads
        if (set.IsClassification) _labels = new int[BatchSize];
        else _targets = new float[(long)BatchSize * set.TargetCount];
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>The last batch's inputs, [BatchSize, FeatureCount].</summary>
    public ReadOnlySpan<float> Inputs => _features;

    /// <summary>The last batch's labels or targets.</summary>
    public Targets<float> Targets => _set.IsClassification ? new Targets<float>(_labels) : new Targets<float>(_targets);

    /// <summary>The last batch's sample indices into the training set.</summary>
    public ReadOnlySpan<int> Indices => _permutations == 0 ? default : _order.AsSpan(_position - BatchSize, BatchSize);

    /// <summary>Draws the next batch into <see cref="Inputs"/> and <see cref="Targets"/>.</summary>
    public void Next()
    {
        if (_permutations == 0 || _position + BatchSize > _order.Length)
        {
            Draw(_permutations);
            _permutations++;
            _position = 0;
        }
        _position += BatchSize;
        Gather();
    }

    /// <summary>The sampler's position: permutations drawn so far, and samples used of the current one.</summary>
    public (long Permutations, int Position) State => (_permutations, _position);

    /// <summary>Continues from a <see cref="State"/> (regenerating the permutation and the last batch).</summary>
    /// <exception cref="ArgumentException">The state does not fit this sampler's set.</exception>
    public void Restore(long permutations, int position)
    {
        if (permutations < 0 || position < 0 || position > _order.Length || (permutations == 0) != (position == 0) || (permutations > 0 && position < BatchSize))
            throw new ArgumentException($"A teleport sampler state of {permutations} permutations at position {position} does not fit a set of {_order.Length} samples in batches of {BatchSize}.",
                permutations < 0 || (permutations == 0) != (position == 0) ? nameof(permutations) : nameof(position));
        _permutations = permutations;
        _position = position;
        if (permutations == 0) return;
        Draw(permutations - 1);
        Gather();
    }

    private void Gather()
    {
        if (_set.IsClassification) _set.CopyBatch(Indices, _features, _labels);
        else _set.CopyBatch(Indices, _features, _targets);
    }

    private void Draw(long permutation)
    {
        _random.Reset(_seed, StreamBase - permutation);
        _random.Permutation(_order);
    }
}
