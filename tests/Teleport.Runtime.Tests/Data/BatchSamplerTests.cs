using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Data;
using Teleport.Testing;

namespace Teleport.Runtime.Tests.Data;

public class BatchSamplerTests
{
    private static List<int[]> Epoch(BatchSampler sampler, int epoch)
    {
        sampler.StartEpoch(epoch);
        var batches = new List<int[]>();
        for (var b = 0; b < sampler.BatchCount; b++) batches.Add(sampler.Batch(b).ToArray());
        return batches;
    }

    [Fact]
    public void SequentialBatchesCoverInOrderWithSmallerLast()
    {
        var sampler = new BatchSampler(10, 4, shuffle: false, seed: 0);
        Assert.Equal(3, sampler.BatchCount);
        var batches = Epoch(sampler, 0);
        Assert.Equal([0, 1, 2, 3], batches[0]);
        Assert.Equal([8, 9], batches[2]);
        Assert.Equal(2, new BatchSampler(10, 4, false, 0, dropLast: true).BatchCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Batch(3));
    }

    [Fact]
    public void ShuffledEpochsArePermutationsFixedBySeedAndEpoch()
    {
        var a = new BatchSampler(50, 8, shuffle: true, seed: 7);
        var b = new BatchSampler(50, 8, shuffle: true, seed: 7);
        var epoch0 = Epoch(a, 0);
        var epoch1 = Epoch(a, 1);
        Assert.Equal(Enumerable.Range(0, 50), epoch0.SelectMany(x => x).Order());
        Assert.NotEqual(epoch0.SelectMany(x => x), epoch1.SelectMany(x => x));
        // Epoch 1 is the same whether or not epoch 0 was drawn first (a resumed run sees the same batches).
        Assert.Equal(epoch1.SelectMany(x => x), Epoch(b, 1).SelectMany(x => x));
        Assert.Equal(new SeededRandom(7, 1).Permutation(50), a.Order.ToArray());
    }

    [Fact]
    public void StartEpochDoesNotAllocate()
    {
        var sampler = new BatchSampler(1000, 20, shuffle: true, seed: 1);
        sampler.StartEpoch(1);
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var e = 0; e < 10; e++) sampler.StartEpoch(e);
        }));
    }
}
