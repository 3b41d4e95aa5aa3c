using System;
using System.Globalization;

namespace Teleport.Data;

/// <summary>
/// The order of mini-batches in each epoch, like PyTorch's <c>DataLoader(shuffle=…, drop_last=…)</c>:
/// either the samples in order or a fresh permutation per epoch, drawn from stream
/// <c>epoch</c> of <c>seed</c> (<see cref="SeededRandom(long, long)"/>), so the order of epoch k does not
/// depend on how many batches earlier epochs consumed, and a resumed run sees the same batches.
/// Allocation-free after construction.
/// </summary>
public sealed class BatchSampler
{
    private readonly int[] _order;
    private readonly SeededRandom _random;

    /// <summary>Creates the sampler; call <see cref="StartEpoch"/> before each epoch.</summary>
    /// <param name="count">Number of samples.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">True for a seeded permutation per epoch; false for the samples in order.</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <param name="dropLast">True to skip a last batch smaller than <paramref name="batchSize"/>.</param>
    public BatchSampler(int count, int batchSize, bool shuffle, long seed, bool dropLast = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        Count = count;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        BatchCount = CountBatches(count, batchSize, dropLast);
        _order = new int[count];
        _random = new SeededRandom(seed);
        StartEpoch(0);
    }

    /// <summary>
    /// Batches of <paramref name="batchSize"/> in <paramref name="count"/> samples: ⌈count / batchSize⌉, or
    /// ⌊count / batchSize⌋ with <paramref name="dropLast"/> (computed without overflow for any batch size).
    /// </summary>
    public static int CountBatches(int count, int batchSize, bool dropLast = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return count / batchSize + (!dropLast && count % batchSize != 0 ? 1 : 0);
    }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Samples per batch (the last batch may be smaller unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch uses a fresh seeded permutation.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffle seed.</summary>
    public long Seed { get; }

    /// <summary>Whether a last, smaller batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount { get; }

    /// <summary>The epoch the current order belongs to.</summary>
    public int Epoch { get; private set; }

    /// <summary>The sample order of the current epoch.</summary>
    public ReadOnlySpan<int> Order => _order;

    /// <summary>Sets the order for <paramref name="epoch"/> (0-based): identity, or permutation from stream <paramref name="epoch"/>.</summary>
    public void StartEpoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        Epoch = epoch;
        if (Shuffle)
        {
            _random.Reset(Seed, epoch);
            _random.Permutation(_order);
        }
        else
        {
            for (var i = 0; i < _order.Length; i++) _order[i] = i;
        }
    }

    /// <summary>The sample indices of batch <paramref name="batch"/> (0-based) of the current epoch.</summary>
    public ReadOnlySpan<int> Batch(int batch)
    {
        if ((uint)batch >= (uint)BatchCount)
            throw new ArgumentOutOfRangeException(nameof(batch), string.Create(CultureInfo.InvariantCulture, $"Batch {batch} outside [0, {BatchCount})."));
        var start = batch * BatchSize;
        return _order.AsSpan(start, Math.Min(BatchSize, Count - start));
    }
}
