using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Teleport.Data;
using Teleport.Runtime.Tests.Kernels;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// The second core's batch loader (<see cref="NextBatchLoader"/>, <see cref="TrainerOptions.LoadBatchesAhead"/>): every
/// batch a step sees is the one the step's own thread would have copied, whatever the loader's timing (taken, withdrawn
/// before it started, given up on while under way), and a run's numbers do not depend on it. Not run in parallel with
/// other tests: the loader is one per process, and a source that finds it held copies its own batches.
/// </summary>
[Collection(nameof(GlobalKernelSettings))]
public sealed class NextBatchLoaderTests
{
    private static Dataset ByteImages(int count, int features, int seed)
    {
        var pixels = new byte[count * features];
        new Random(seed).NextBytes(pixels);
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = (i * 7) % 10;
        return Dataset.FromPixels("images", pixels, features, labels, 10);
    }

    private static Dataset RegressionSet(int count, int features, int targets, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * features];
        for (var i = 0; i < x.Length; i++) x[i] = (float)random.NextDouble();
        var y = new float[count * targets];
        for (var i = 0; i < y.Length; i++) y[i] = (float)random.NextDouble();
        return Dataset.Regression("regression", x, features, y, targets);
    }

    /// <summary>Each batch's inputs and targets as the step's own thread copies them (no loader).</summary>
    private static (float[] Inputs, float[] Targets)[] Reference(Dataset set, int batch, BatchOrder order, int epochs)
    {
        var source = new BatchSource(set, batch, order, seed: 3, loadAhead: false);
        var all = new List<(float[], float[])>();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            source.StartEpoch(epoch);
            for (var b = 0; b < source.BatchCount; b++)
            {
                source.Select(b);
                all.Add(Copy(source));
            }
        }
        return [.. all];
    }

    private static (float[] Inputs, float[] Targets) Copy(BatchSource source)
    {
        var targets = source.Targets;
        var values = targets.IsLabels ? Array.ConvertAll(targets.Labels.ToArray(), l => (float)l) : targets.Values.ToArray();
        return (source.Inputs.ToArray(), values);
    }

    public static TheoryData<string, BatchOrder> Sets => new()
    {
        { "bytes", BatchOrder.Sequential },
        { "bytes", BatchOrder.Shuffled },
        { "regression", BatchOrder.Shuffled },
    };

    /// <summary>
    /// Steps of random length between the selects (none, a fraction of a copy, many copies), so that jobs are taken done,
    /// withdrawn before the loader starts them, and given up on while under way; each batch must equal the reference.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sets))]
    public void EveryBatchIsTheOneTheStepsThreadWouldCopyWhateverTheLoadersTiming(string kind, BatchOrder order)
    {
        const int batch = 20, epochs = 3;
        var set = kind == "bytes" ? ByteImages(1_003, 784, 1) : RegressionSet(1_003, 300, 3, 1);
        var expected = Reference(set, batch, order, epochs);
        var random = new Random(11);
        var source = new BatchSource(set, batch, order, seed: 3, loadAhead: true);
        try
        {
            var i = 0;
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                source.StartEpoch(epoch);
                for (var b = 0; b < source.BatchCount; b++, i++)
                {
                    source.Select(b);
                    var (inputs, targets) = Copy(source);
                    Assert.True(expected[i].Inputs.AsSpan().SequenceEqual(inputs), $"epoch {epoch}, batch {b}: inputs differ");
                    Assert.True(expected[i].Targets.AsSpan().SequenceEqual(targets), $"epoch {epoch}, batch {b}: targets differ");
                    source.Clear();
                    Thread.SpinWait(random.Next(3) switch { 0 => 0, 1 => random.Next(200), _ => random.Next(20_000) });
                }
            }
        }
        finally
        {
            source.Release();
        }
    }

    /// <summary>
    /// The loader does copy batches when it gets a core: selections a millisecond apart, until it has copied some (within
    /// 20 s, for a machine busy with other test processes), each batch checked against the reference. The runs above
    /// compare numbers whichever thread copied; this says the second one is used at all.
    /// </summary>
    [Fact]
    public void TheLoaderCopiesBatchesWhenItGetsACore()
    {
        if (!NextBatchLoader.Available) return; // one core, or products on two threads: nothing to hand over
        var set = ByteImages(400, 784, 9);
        var expected = Reference(set, 20, BatchOrder.Shuffled, 1);
        var source = new BatchSource(set, 20, BatchOrder.Shuffled, seed: 3, loadAhead: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            source.StartEpoch(0);
            for (var b = 0; source.BatchesLoadedAhead < 3 && clock.Elapsed.TotalSeconds < 20; b = (b + 1) % source.BatchCount)
            {
                source.Select(b);
                Assert.Equal(expected[b].Inputs, source.Inputs.ToArray());
                Assert.Equal(expected[b].Targets, Copy(source).Targets);
                Thread.Sleep(1);
            }
        }
        finally
        {
            source.Release();
        }
        Assert.True(source.BatchesLoadedAhead >= 3, $"the loader copied {source.BatchesLoadedAhead} batches in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>A jump (a resume in mid-epoch, a batch selected twice) finds a job for another batch: it is copied, not taken.</summary>
    [Fact]
    public void ASelectOutOfOrderIsCopiedNotTakenFromTheLoader()
    {
        var set = ByteImages(200, 50, 2);
        var expected = Reference(set, 10, BatchOrder.Shuffled, 1);
        var source = new BatchSource(set, 10, BatchOrder.Shuffled, seed: 3, loadAhead: true);
        try
        {
            source.StartEpoch(0);
            foreach (var b in new[] { 4, 5, 5, 2, 19, 0, 1, 7 })
            {
                source.Select(b);
                Assert.Equal(expected[b].Inputs, source.Inputs.ToArray());
                Assert.Equal(expected[b].Targets, Copy(source).Targets);
                Thread.SpinWait(5_000);
            }
        }
        finally
        {
            source.Release();
        }
    }

    /// <summary>A run with the loader and one without: the same parameters and history, bit for bit; and the loader ran.</summary>
    [Theory]
    [InlineData(BatchOrder.Sequential)]
    [InlineData(BatchOrder.Shuffled)]
    public void ARunHasTheSameNumbersWithAndWithoutTheLoader(BatchOrder order)
    {
        var set = ByteImages(2_000, 784, 3);
        (float[] Parameters, TrainingHistory History, long Loaded) Train(bool loadAhead)
        {
            var model = new SoftmaxRegression(784, 10).Initialize(1);
            var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length, 1e-3), set, null,
                new TrainerOptions { Epochs = 2, BatchSize = 20, Order = order, Seed = 4, LoadBatchesAhead = loadAhead, LossTraceInterval = 10 });
            trainer.Run();
            return (model.Parameters.ToArray(), trainer.History, trainer.BatchesLoadedAhead);
        }
        var with = Train(loadAhead: true);
        var without = Train(loadAhead: false);
        Assert.True(TrainingTestData.BitEqual(without.Parameters, with.Parameters));
        TrainingTestData.AssertSameNumbers(without.History, with.History);
        Assert.Equal(0, without.Loaded);
    }

    /// <summary>
    /// Two runs at once: one holds the loader, the other copies its own batches; both get the numbers of a run alone, and
    /// the loader is free again afterwards (each run releases it at its end).
    /// </summary>
    [Fact]
    public async Task TwoRunsAtOnceShareTheLoaderWithoutMixingBatches()
    {
        var first = ByteImages(1_500, 784, 5);
        var second = ByteImages(1_500, 784, 6);
        float[] Train(Dataset set)
        {
            var model = new SoftmaxRegression(784, 10).Initialize(2);
            new Trainer(model, TrainingTestData.Adam(model.Parameters.Length, 1e-3), set, null,
                new TrainerOptions { Epochs = 2, BatchSize = 20, Order = BatchOrder.Shuffled, Seed = 7 }).Run();
            return model.Parameters.ToArray();
        }
        var alone = (Train(first), Train(second));
        var together = await Task.WhenAll(Task.Run(() => Train(first)), Task.Run(() => Train(second)));
        Assert.True(TrainingTestData.BitEqual(alone.Item1, together[0]));
        Assert.True(TrainingTestData.BitEqual(alone.Item2, together[1]));

        // Released: nobody holds the loader, and a new source takes it at its first selection.
        Assert.False(NextBatchLoader.IsHeld, "the runs did not release the loader");
        if (!NextBatchLoader.Available) return;
        var source = new BatchSource(first, 20, BatchOrder.Shuffled, seed: 1, loadAhead: true);
        source.StartEpoch(0);
        source.Select(0);
        Assert.True(NextBatchLoader.IsHeld);
        source.Release();
        Assert.False(NextBatchLoader.IsHeld);
    }

    /// <summary>A canceled run releases the loader too.</summary>
    [Fact]
    public void ACanceledRunReleasesTheLoader()
    {
        var set = ByteImages(1_000, 784, 8);
        var model = new SoftmaxRegression(784, 10).Initialize(3);
        using var cancel = new CancellationTokenSource();
        var trainer = new Trainer(model, TrainingTestData.Adam(model.Parameters.Length, 1e-3), set, null,
            new TrainerOptions { Epochs = 1, BatchSize = 20, Order = BatchOrder.Shuffled, Seed = 1 }, [new CancelAt(10, cancel)]);
        Assert.Equal(TrainingStatus.Canceled, trainer.Run(cancel.Token));
        Assert.False(NextBatchLoader.IsHeld, "the canceled run kept the loader");
    }

    private sealed class CancelAt(int step, CancellationTokenSource cancel) : ITrainingCallback
    {
        public void OnBatchEnd(TrainingContext context)
        {
            if (context.GlobalStep == step) cancel.Cancel();
        }
    }
}
