using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Training;

namespace Teleport.Benchmarks.Training;

/// <summary>
/// Where a real epoch spends the time a step on one batch does not (<c>-- quick-epochs [rounds]</c>):
/// per round, the paper's AdaGrad step (batch 20) on one cached batch; the same step walking the first
/// 4 batches (in L2), the first 64 (in L3) and the whole training set (from memory), reading the float
/// rows in place; the shuffled order's gather alone; and whole <see cref="Trainer"/> epochs (which copy
/// byte images from their bytes), all in this (warmed-up) process. Steps are timed in thread CPU time,
/// epochs in wall and CPU time; ratios are within a round.
/// </summary>
/// <remarks>
/// Measured (AVX-512 VM, Fashion-MNIST): 4 batches 0.99×, 64 batches 1.07–1.09×, all 1.18–1.22× the
/// cached step — the cost is memory, not the data's values. What did not help: prefetching the next
/// batch (a burst of all its lines, or spread over the first layer), touching one value per 4 KB page
/// of it first (so not address translation), a second thread reading it ahead. Huge pages and reading
/// bytes instead of floats did, a little. For the shuffled order, prefetching all of a batch's rows
/// before gathering them (<c>FeatureArrays.PrefetchRows</c>) cut the gather alone 2.5–3× from bytes.
/// </remarks>
internal static class QuickEpochs
{
    public static void Run(int rounds)
    {
        var inv = CultureInfo.InvariantCulture;
        var splits = FashionMnist.IsInstalled()
            ? FashionMnist.LoadPaperSplits(1)
            : SyntheticClassification.Create(50_000, 1, 1, new SyntheticClassificationOptions { FeatureCount = 784, ClassCount = 10 });
        var train = splits.Train;
        Console.WriteLine($"training set {train.Name}: {train.Count} samples");
        const int batch = 20;
        int batches = (train.Count + batch - 1) / batch;
        var model = new PaperMlp();
        model.InitializeParameters(1);
        var initial = model.Parameters.ToArray();
        var gradient = new float[PaperMlp.ParameterCount];
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = 1e-2 }, PaperMlp.ParameterCount);
        var x0 = train.FeatureRows(0, batch).ToArray();
        var y0 = train.LabelRange(0, batch).ToArray();

        void Reset()
        {
            initial.CopyTo(model.Parameters);
            optimizer.Reset();
        }
        void CachedStep()
        {
            model.LossAndGradient(x0, y0, gradient);
            optimizer.Step(model.Parameters, gradient);
        }
        var position = 0;
        var window = train.Count;
        void StreamedStep()
        {
            var rows = Math.Min(batch, window - position);
            model.LossAndGradient(train.FeatureRows(position, rows), train.LabelRange(position, rows), gradient);
            optimizer.Step(model.Parameters, gradient);
            position += rows;
            if (position >= window) position = 0;
        }

        // The shuffled order's gather, as BatchSource does it: each batch copied by index into one buffer.
        var sampler = new BatchSampler(train.Count, batch, shuffle: true, seed: 1);
        sampler.StartEpoch(0);
        var gathered = new float[batch * train.FeatureCount];
        var gatheredLabels = new int[batch];
        var next = 0;
        void Gather()
        {
            train.CopyBatch(sampler.Order.Slice(next * batch, Math.Min(batch, train.Count - next * batch)), gathered, gatheredLabels);
            if (++next == batches) next = 0;
        }

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2)
        {
            Reset();
            for (var i = 0; i < 200; i++) { CachedStep(); StreamedStep(); }
        }
        var cached = new List<double>();
        var streamed = new List<double>();
        var epochs = new List<double[]>();
        for (var round = 0; round < rounds; round++)
        {
            cached.Add(Median(15, () => { Reset(); return Time(200, CachedStep); }));
            var windows = new List<string>();
            foreach (var inBatches in new[] { 4, 64 })
            {
                (position, window) = (0, Math.Min(train.Count, inBatches * batch));
                var t = Median(5, () => { Reset(); return Time(batches, StreamedStep); });
                windows.Add(string.Create(inv, $"{inBatches} batches {t / cached[^1]:F2}×"));
            }
            (position, window) = (0, train.Count);
            streamed.Add(Median(5, () => { Reset(); return Time(batches, StreamedStep); }));
            next = 0;
            var gather = Median(5, () => Time(batches, Gather));
            Console.WriteLine(string.Create(inv, $"  streamed within the first {string.Join(", ", windows)} the cached step; a shuffled gather alone {gather * 1e6:F2} µs"));
            // The trainer's step beyond LossAndGradient + Step: the batch copied from bytes in order (all
            // batches, and the first 4), ‖∇L‖², and the epoch clock's start and stop.
            var order = Enumerable.Range(0, train.Count).ToArray();
            var copyAll = Median(5, () => Time(batches, () => { train.CopyBatch(order.AsSpan(next * batch, Math.Min(batch, train.Count - next * batch)), gathered, gatheredLabels); if (++next == batches) next = 0; }));
            next = 0;
            var copyFour = Median(5, () => Time(batches, () => { train.CopyBatch(order.AsSpan(next * batch, batch), gathered, gatheredLabels); if (++next == 4) next = 0; }));
            next = 0;
            var norm = Median(5, () => Time(batches, () => Teleport.Kernels.Reductions.SumOfSquares<float>(gradient)));
            var clock = new Stopwatch();
            var clocks = Median(5, () => Time(batches, () => { clock.Start(); clock.Stop(); }));
            Console.WriteLine(string.Create(inv, $"  copy in order from all {copyAll * 1e6:F2} µs, from the first 4 batches {copyFour * 1e6:F2} µs; ‖∇L‖² {norm * 1e6:F2} µs; clock start+stop {clocks * 1e6:F2} µs"));
            var pipelined = Pipelined(train, model, optimizer, gradient, batch, Reset);
            Console.WriteLine(string.Create(inv, $"  a second thread copying the next batch from bytes (not in the product): per step {string.Join(" ", pipelined.Select(e => (e * 1e6).ToString("F2", inv)))} µs ({string.Join(" ", pipelined.Select(e => (e / cached[^1]).ToString("F2", inv)))}× cached)"));
            foreach (var ahead in new[] { false, true })
            {
                BatchSource.AskAhead = ahead;
                Reset();
                var probe = new Trainer(model, optimizer, train, null, new TrainerOptions { Epochs = 2, BatchSize = batch, Seed = 1 });
                probe.Run();
                var w = probe.History.Epochs.Select(e => e.WallSeconds).ToArray();
                Console.WriteLine(string.Create(inv, $"  trainer, next batch asked for ahead: {ahead}: epoch 2 per step {(w[1] - w[0]) / batches * 1e6:F2} µs ({(w[1] - w[0]) / batches / cached[^1]:F2}× cached)"));
            }
            Reset();
            var trainer = new Trainer(model, optimizer, train, null, new TrainerOptions { Epochs = 3, BatchSize = batch, Seed = 1 });
            var cpu = Kernels.ThreadCpuClock.Seconds();
            trainer.Run();
            var cpuPerStep = (Kernels.ThreadCpuClock.Seconds() - cpu) / (3.0 * batches);
            var walls = trainer.History.Epochs.Select(e => e.WallSeconds).ToArray();
            epochs.Add(walls.Select((w, i) => (i == 0 ? w : w - walls[i - 1]) / batches).ToArray());
            Console.WriteLine(string.Create(inv, $"  trainer CPU time per step over 3 epochs {cpuPerStep * 1e6:F2} µs ({cpuPerStep / cached[^1]:F2}× cached)"));
            Console.WriteLine(string.Create(inv,
                $"round {round + 1}: step cached {cached[^1] * 1e6:F2} µs, streamed {streamed[^1] * 1e6:F2} µs ({streamed[^1] / cached[^1]:F2}×); trainer epochs per step {string.Join(" ", epochs[^1].Select(e => (e * 1e6).ToString("F2", inv)))} µs ({string.Join(" ", epochs[^1].Select(e => (e / cached[^1]).ToString("F2", inv)))}× cached)"));
        }
    }

    /// <summary>
    /// Wall seconds per step of three epochs in order while a second thread copies batch b + 1 from the bytes into the
    /// other of two buffers during step b (what a data-loading worker would do). A measurement only: even with the copy
    /// off this thread, the batch's 63 KB of floats still has to come into this core's caches every step.
    /// </summary>
    private static double[] Pipelined(Dataset train, PaperMlp model, Optimizer<float> optimizer, float[] gradient, int batch, Action reset)
    {
        var order = Enumerable.Range(0, train.Count).ToArray();
        int batches = (train.Count + batch - 1) / batch, total = 3 * batches;
        var slots = new[] { new float[batch * train.FeatureCount], new float[batch * train.FeatureCount] };
        var slotLabels = new[] { new int[batch], new int[batch] };
        var ready = new int[2];
        int Rows(int k) => Math.Min(batch, train.Count - k * batch);
        var helper = new System.Threading.Thread(() =>
        {
            for (var b = 0; b < total; b++)
            {
                var slot = b & 1;
                while (System.Threading.Volatile.Read(ref ready[slot]) != 0) System.Threading.Thread.SpinWait(4);
                var k = b % batches;
                train.CopyBatch(order.AsSpan(k * batch, Rows(k)), slots[slot], slotLabels[slot]);
                System.Threading.Volatile.Write(ref ready[slot], 1);
            }
        }) { IsBackground = true };
        reset();
        var clock = Stopwatch.StartNew();
        helper.Start();
        var epochStart = 0.0;
        var perEpoch = new List<double>();
        for (var b = 0; b < total; b++)
        {
            var slot = b & 1;
            while (System.Threading.Volatile.Read(ref ready[slot]) == 0) System.Threading.Thread.SpinWait(4);
            var k = b % batches;
            model.LossAndGradient(slots[slot].AsSpan(0, Rows(k) * train.FeatureCount), slotLabels[slot].AsSpan(0, Rows(k)), gradient);
            _ = Teleport.Kernels.Reductions.SumOfSquares<float>(gradient);
            optimizer.Step(model.Parameters, gradient);
            System.Threading.Volatile.Write(ref ready[slot], 0);
            if (k < batches - 1) continue;
            perEpoch.Add((clock.Elapsed.TotalSeconds - epochStart) / batches);
            epochStart = clock.Elapsed.TotalSeconds;
        }
        helper.Join();
        return [.. perEpoch];
    }

    /// <summary>Seconds per call in this thread's CPU time (waits for a core on a shared machine excluded).</summary>
    private static double Time(int calls, Action action)
    {
        var start = Kernels.ThreadCpuClock.Seconds();
        for (var i = 0; i < calls; i++) action();
        return (Kernels.ThreadCpuClock.Seconds() - start) / calls;
    }

    private static double Median(int repeats, Func<double> sample)
    {
        var values = Enumerable.Range(0, repeats).Select(_ => sample()).OrderBy(v => v).ToArray();
        return values[values.Length / 2];
    }
}
