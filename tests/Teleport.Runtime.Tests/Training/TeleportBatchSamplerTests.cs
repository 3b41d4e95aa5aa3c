using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

public sealed class TeleportBatchSamplerTests
{
    [Fact]
    public void BatchesAreDrawnWithoutReplacementAndANewPermutationStartsWhenOneCannotFillABatch()
    {
        var set = TeleportTestSetup.Data.Train; // 230 samples: 3 batches of 70 per permutation, 20 left over
        var sampler = new TeleportBatchSampler(set, 70, seed: 4);
        var permutations = new List<int[]>();
        for (var p = 0; p < 3; p++)
        {
            var seen = new List<int>();
            for (var b = 0; b < 3; b++)
            {
                sampler.Next();
                seen.AddRange(sampler.Indices.ToArray());
                for (var i = 0; i < 70; i++)
                {
                    Assert.Equal(set.FeatureRow(sampler.Indices[i]).ToArray(), sampler.Inputs.Slice(i * set.FeatureCount, set.FeatureCount).ToArray());
                    Assert.Equal(set.Label(sampler.Indices[i]), sampler.Targets.Labels[i]);
                }
            }
            Assert.Equal(210, seen.Distinct().Count());
            permutations.Add([.. seen]);
        }
        Assert.NotEqual(permutations[0], permutations[1]);
        Assert.Equal((3L, 210), sampler.State);
    }

    [Fact]
    public void ARestoredSamplerContinuesWithTheSameBatches()
    {
        var set = TeleportTestSetup.Data.Train;
        var original = new TeleportBatchSampler(set, 50, seed: 9);
        for (var i = 0; i < 6; i++) original.Next();
        var (permutations, position) = original.State;
        var restored = new TeleportBatchSampler(set, 50, seed: 9);
        restored.Restore(permutations, position);
        Assert.Equal(original.Indices.ToArray(), restored.Indices.ToArray());
        for (var i = 0; i < 5; i++)
        {
            original.Next();
            restored.Next();
            Assert.Equal(original.Indices.ToArray(), restored.Indices.ToArray());
            Assert.True(TrainingTestData.BitEqual(original.Inputs, restored.Inputs));
        }
        Assert.Throws<ArgumentException>(() => restored.Restore(1, 7));
    }

    [Fact]
    public void ABatchLargerThanTheSetIsTheWholeSet()
    {
        var set = TeleportTestSetup.Data.Train;
        var sampler = new TeleportBatchSampler(set, 1000, seed: 1);
        sampler.Next();
        Assert.Equal(set.Count, sampler.BatchSize);
        Assert.Equal(Enumerable.Range(0, set.Count), sampler.Indices.ToArray().Order());
    }
}
