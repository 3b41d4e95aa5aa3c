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
/// Measured (AVX-512 VM, Fashion-MNIST): 4 batches 0.99–1.03×, 64 batches 1.03–1.10×, all 1.18–1.22× the
/// cached step — the cost is memory, not the data's values. In the trainer's step beyond that: the copy
/// from bytes (0.9–1.1 µs from L2, 1.5–1.8 µs from memory), ‖∇L‖² (0.6 µs), the clock (0.06 µs). The step on
/// the set's batches as the trainer copies them, with ‖∇L‖² and nothing else, 1.16–1.24× the cached step (the
/// trainer 1.18–1.27× in the same rounds); without ‖∇L‖² 1.14–1.17× (it costs 0.06–0.07× in place: the gradient has
/// left L1 — a float accumulator halved its cost in a hot loop, 0.56 → 0.32 µs, and changed nothing in place); one cached
/// batch's copy alone 0.10–0.11× the step: a floor above 1.1×.
/// Asking for the next batch's rows during the copy (<see cref="BatchSource.AskAhead"/>, on in the product)
/// takes epoch 2 from 1.27–1.40× to 1.12–1.27× the cached step. What did not help: prefetching the next
/// batch in a burst, or spread over the first layer; touching one value per 4 KB page of it first; a second
/// thread reading it ahead (its lines then sit in the other core's L2), or copying it into
/// a second buffer (1.18–1.24×: the 63 KB of floats then cross from the other core — since stop 35 the trainer does
/// this, <see cref="NextBatchLoader"/>, because on the Zen 4 VM it pays in the phases when the cores share data fast:
/// epoch 2 16.7–17.1 against 18.3–18.7 µs a step, the cached step 15.5 µs; <see cref="LoadAheadTrial"/> sets it aside in
/// the others, where its steps ran 19.8–21.5 µs). Huge pages and reading
/// bytes instead of floats did, a little. For the shuffled order, prefetching all of a batch's rows before
/// gathering them (<c>FeatureArrays.PrefetchRows</c>) cut the gather alone 2.5–3× from bytes. ‖∇L‖² in AdaGrad's update
/// pass (<see cref="Trainer.SumSquaresInUpdatePass"/>) against a pass of its own, whole epochs alternated (AVX2 Zen 2 VM):
/// epoch 2 per step 22.4–24.0 against 23.4–27.3 µs, faster in all 11 pairs.
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
        var gradient = new Teleport.Kernels.AlignedArray<float>(PaperMlp.ParameterCount);
        var optimizer = OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, new OptimizerSettings { LearningRate = 1e-2 }, PaperMlp.ParameterCount);
        var x0 = new Teleport.Kernels.AlignedArray<float>(batch * train.FeatureCount); // on a 64-byte boundary, as the trainer's batch
        train.FeatureRows(0, batch).CopyTo(x0);
        var y0 = train.LabelRange(0, batch).ToArray();

        void Reset()
        {
            initial.CopyTo(model.Parameters);
            optimizer.Reset();
        }
        // Seconds per step of the second epoch of a fresh two-epoch trainer run (the first compiles nothing now, but warms the caches).
        // Every row but the loader's own measures the one-core path: the step's thread copies each batch.
        double SecondEpochPerStep(bool loadAhead = false)
        {
            Reset();
            var run = new Trainer(model, optimizer, train, null, new TrainerOptions { Epochs = 2, BatchSize = batch, Seed = 1, LoadBatchesAhead = loadAhead });
            run.Run();
            var w = run.History.Epochs.Select(e => e.WallSeconds).ToArray();
            return (w[1] - w[0]) / batches;
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

        // What any trainer of this contract pays per step (a float batch made from the set's bytes, ‖∇L‖² for the
        // divergence rule and the record), without the trainer's bookkeeping: the batches as BatchSource copies
        // them (next batch asked for ahead), then ‖∇L‖² as the trainer sums it: in the update's pass
        // (Optimizer.StepAndSumSquares), the gradient checked after it (Trainer.Replay.cs).
        var source = new BatchSource(train, batch, BatchOrder.Sequential, 1);
        source.StartEpoch(0);
        var sourceBatch = 0;
        void FloorStep()
        {
            source.Select(sourceBatch);
            model.LossAndGradient(source.Inputs, source.Targets.Labels, gradient);
            if (!double.IsFinite(optimizer.StepAndSumSquares(model.Parameters, gradient))) throw new InvalidOperationException("The benchmark's step diverged.");
            if (++sourceBatch == batches) sourceBatch = 0;
        }

        // The same with ‖∇L‖² in a pass of its own before the step (as the trainer summed it before).
        void FloorStepNormApart()
        {
            source.Select(sourceBatch);
            model.LossAndGradient(source.Inputs, source.Targets.Labels, gradient);
            Teleport.Kernels.Reductions.SumOfSquares<float>(gradient);
            optimizer.Step(model.Parameters, gradient);
            if (++sourceBatch == batches) sourceBatch = 0;
        }

        // The same without ‖∇L‖²: what recording it costs in place (the gradient it reads has left L1 by then).
        void FloorStepWithoutNorm()
        {
            source.Select(sourceBatch);
            model.LossAndGradient(source.Inputs, source.Targets.Labels, gradient);
            optimizer.Step(model.Parameters, gradient);
            if (++sourceBatch == batches) sourceBatch = 0;
        }

        // The gradient's check before the update, which runs whose callbacks may change the state still pay (Trainer.Replay.cs);
        // warmed up with the rest (the trainer no longer calls it here, and timed cold it ran unoptimized code: 2.6 µs).
        void CheckFirst() => Teleport.Kernels.Reductions.AllBelowInMagnitude<float>(gradient, float.PositiveInfinity);

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 2)
        {
            Reset();
            for (var i = 0; i < 200; i++) { CachedStep(); StreamedStep(); FloorStep(); FloorStepNormApart(); FloorStepWithoutNorm(); CheckFirst(); }
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
            sourceBatch = 0;
            var floor = Median(5, () => { Reset(); return Time(batches, FloorStep); });
            sourceBatch = 0;
            var floorNormApart = Median(5, () => { Reset(); return Time(batches, FloorStepNormApart); });
            sourceBatch = 0;
            var floorWithoutNorm = Median(5, () => { Reset(); return Time(batches, FloorStepWithoutNorm); });
            // And the copy of one batch already in cache, alone.
            var hotCopy = Median(5, () => Time(batches, () => source.Select(0)));
            var check = Median(5, () => Time(batches, CheckFirst));
            Console.WriteLine(string.Create(inv, $"  the step on the set's batches copied from bytes, with ‖∇L‖² in the update's pass: {floor / cached[^1]:F3}× cached, in a pass apart {floorNormApart / cached[^1]:F3}×, without {floorWithoutNorm / cached[^1]:F3}×; one cached batch's copy alone {hotCopy * 1e6:F2} µs ({hotCopy / cached[^1]:F3}× the step); the gradient's check before the update (runs whose callbacks may change the state) {check * 1e6:F2} µs ({check / cached[^1]:F3}×)"));
            foreach (var ahead in new[] { false, true })
            {
                BatchSource.AskAhead = ahead;
                var perStep = SecondEpochPerStep();
                Console.WriteLine(string.Create(inv, $"  trainer, next batch asked for ahead: {ahead}: epoch 2 per step {perStep * 1e6:F2} µs ({perStep / cached[^1]:F2}× cached)"));
            }
            // The next batch copied on the second core while the step runs (NextBatchLoader), whole epochs alternated.
            var loaderPairs = new List<(double Off, double On)>();
            for (var pair = 0; pair < 3; pair++)
            {
                var off = SecondEpochPerStep();
                loaderPairs.Add((off, SecondEpochPerStep(loadAhead: true)));
            }
            Console.WriteLine(string.Create(inv, $"  trainer, next batch copied by this thread / on the second core, epoch 2 per step: {string.Join("; ", loaderPairs.Select(p => $"{p.Off * 1e6:F2} / {p.On * 1e6:F2} µs ({p.Off / cached[^1]:F2}× / {p.On / cached[^1]:F2}×)"))}"));
            // ‖∇L‖² in the update's pass against a pass of its own, whole epochs alternated (3 pairs, epoch 2 of each run).
            var pairs = new List<(double InPass, double Apart)>();
            for (var pair = 0; pair < 3; pair++)
            {
                Trainer.SumSquaresInUpdatePass = true;
                var inPass = SecondEpochPerStep();
                Trainer.SumSquaresInUpdatePass = false;
                pairs.Add((inPass, SecondEpochPerStep()));
            }
            Trainer.SumSquaresInUpdatePass = true;
            Console.WriteLine(string.Create(inv, $"  trainer, ‖∇L‖² in the update's pass / apart, epoch 2 per step: {string.Join("; ", pairs.Select(p => $"{p.InPass * 1e6:F2} / {p.Apart * 1e6:F2} µs ({p.InPass / cached[^1]:F2}× / {p.Apart / cached[^1]:F2}×)"))}"));
            Reset();
            var trainer = new Trainer(model, optimizer, train, null, new TrainerOptions { Epochs = 3, BatchSize = batch, Seed = 1, LoadBatchesAhead = false });
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
