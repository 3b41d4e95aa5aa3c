using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Data;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// The position, accumulators and history of a checkpoint's <c>trainer.json</c> hold together as a run writes them. A
/// bad-input sweep edited them and resumed: an accuracy of 7.5, a negative loss, a duplicated or deleted epoch, a window sum
/// of 1e308, deleted teleports or loss trace — each went into the new run record, which <c>teleport report</c> then refused.
/// Each rule below follows from how <see cref="Trainer"/> (Trainer.Step.cs) and its callbacks write the numbers; a value a
/// run that does not stop on divergence may write (NaN) passes the rules that are about order and sign.
/// </summary>
internal static class CheckpointHistoryCheck
{
    /// <exception cref="TeleportDataException">The first value no run writes, named by its place in <paramref name="path"/>.</exception>
    public static void Check(CheckpointState state, int batchesPerEpoch, bool stopOnDivergence, string path)
    {
        var run = new RunShape(state.TrainingSamples, state.BatchSize, batchesPerEpoch);
        Position(state, run, path);
        Epochs(state, run, path);
        LossTrace(state, run, stopOnDivergence, path);
        Teleports(state, stopOnDivergence, path);
    }

    /// <summary>Batches per epoch, and the size of each: all full but the last, which keeps the remainder.</summary>
    private readonly record struct RunShape(int Samples, int BatchSize, int Batches)
    {
        public int LastBatch => Samples - (Batches - 1) * BatchSize;

        /// <summary>The samples of global steps (<paramref name="from"/>, <paramref name="to"/>], all in one epoch.</summary>
        public long SamplesOfSteps(long from, long to) => (to - from) * BatchSize - (to % Batches == 0 ? BatchSize - LastBatch : 0);

        /// <summary>The 1-based epoch global step <paramref name="step"/> (1-based) is taken in.</summary>
        public long EpochOfStep(long step) => (step - 1) / Batches + 1;
    }

    /// <summary>
    /// Every step is one batch, so the global step is the epochs done times their batches plus the batches of this one; those
    /// batches are full (the partial one is the epoch's last, and a position between steps is before it). The loss-trace
    /// window closes at every epoch's end, so its steps are the last of this epoch's, its sums a tail of the epoch's sums
    /// (a sum of the same non-negative terms, rounded the same way, so never larger).
    /// </summary>
    private static void Position(CheckpointState state, RunShape run, string path)
    {
        var c = CultureInfo.InvariantCulture;
        var p = state.Progress;
        var step = (long)p.EpochIndex * run.Batches + p.BatchIndex;
        if (p.GlobalStep != step)
            throw new TeleportDataException(path, string.Create(c,
                $"has global_step {p.GlobalStep}, but its position, epoch {p.EpochIndex + 1} batch {p.BatchIndex} with {run.Batches} batches an epoch, is step {step}"));
        if (p.EpochSamples != (long)p.BatchIndex * run.BatchSize)
            throw new TeleportDataException(path, string.Create(c,
                $"has epoch_samples {p.EpochSamples}, but the epoch's first {p.BatchIndex} batches of {run.BatchSize} hold {(long)p.BatchIndex * run.BatchSize}"));
        foreach (var (name, value) in (ReadOnlySpan<(string, double)>)[("epoch_loss_sum", p.EpochLossSum), ("window_loss_sum", p.WindowLossSum)])
            if (value < 0)
                throw new TeleportDataException(path, $"has {name} {RecordJson.Text(value)}, below 0 (a sum of losses, each ≥ 0: cross-entropy or squared error)");
        if (p.EpochBatches == 0 && (p.EpochLossSum != 0 || p.EpochGradNormSquaredSum != 0))
            throw new TeleportDataException(path, $"has epoch sums {RecordJson.Text(p.EpochLossSum)} and {RecordJson.Text(p.EpochGradNormSquaredSum)} over no batch, where a run has 0");
        if (p.WindowSteps > p.EpochBatches || p.WindowSamples != (long)p.WindowSteps * run.BatchSize)
            throw new TeleportDataException(path, string.Create(c,
                $"has a loss-trace window of {p.WindowSteps} steps and {p.WindowSamples} samples in an epoch of {p.EpochBatches} batches of {run.BatchSize} so far: a window closes at each epoch's end, so it holds the last of the epoch's batches"));
        if (p.WindowLossSum > p.EpochLossSum)
            throw new TeleportDataException(path, $"has window_loss_sum {RecordJson.Text(p.WindowLossSum)}, more than epoch_loss_sum {RecordJson.Text(p.EpochLossSum)}, but the window's losses are the last of the epoch's");
    }

    /// <summary>
    /// One record per completed epoch (a diverged epoch is not recorded, and no checkpoint follows it), numbered 1, 2, …, taken
    /// at its end, after its batches; losses (cross-entropy or squared error) and ‖∇L‖² (a mean of sums of squares) are not
    /// negative, and an accuracy is a fraction (<see cref="RecordRules"/>, which <c>teleport report</c> applies too).
    /// </summary>
    private static void Epochs(CheckpointState state, RunShape run, string path)
    {
        var c = CultureInfo.InvariantCulture;
        var epochs = state.Epochs;
        if (RecordRules.FirstMisnumberedEpoch(epochs) is { } i)
            throw new TeleportDataException(path, string.Create(c,
                $"has \"epochs[{i}].epoch\" {epochs[i].Epoch}, but a run records its epochs 1, 2, 3, … in order, so entry {i} is epoch {i + 1}"));
        if (epochs.Count != state.Progress.EpochIndex)
            throw new TeleportDataException(path, string.Create(c,
                $"records {epochs.Count} epochs, but its position is in epoch {state.Progress.EpochIndex + 1}, after {state.Progress.EpochIndex}: a run records every epoch it completes"));
        for (i = 0; i < epochs.Count; i++)
        {
            var e = epochs[i];
            var at = string.Create(c, $"epochs[{i}].");
            if (e.Steps != (long)e.Epoch * run.Batches)
                throw Impossible(path, at + "steps", e.Steps, string.Create(c, $"but epoch {e.Epoch} ends after {(long)e.Epoch * run.Batches} steps ({run.Batches} an epoch)"));
            Measure(path, at + "train_loss", e.TrainLoss);
            Measure(path, at + "test_loss", e.TestLoss);
            Measure(path, at + "grad_norm_sq", e.GradNormSquared);
            if (e.TestAccuracy is { } accuracy && !RecordRules.IsFraction(accuracy))
                throw new TeleportDataException(path, $"has \"{at}test_accuracy\" {RecordJson.Text(accuracy)}, {RecordRules.NotAFraction}");
        }
    }

    /// <summary>
    /// A trace point closes a window: every <see cref="TrainerOptions.LossTraceInterval"/> steps (which may change between
    /// resumes) and at every epoch's end, so the points' steps rise, each epoch's last step is one of them, a window never
    /// spans two epochs, and its samples are its batches'. The open window is the steps since the last point.
    /// </summary>
    private static void LossTrace(CheckpointState state, RunShape run, bool stopOnDivergence, string path)
    {
        var c = CultureInfo.InvariantCulture;
        var trace = state.LossTrace;
        var steps = new HashSet<long>();
        long previous = 0;
        for (var i = 0; i < trace.Count; i++)
        {
            var point = trace[i];
            var at = string.Create(c, $"loss_trace[{i}].");
            if (point.Step <= previous || point.Step > state.Progress.GlobalStep)
                throw Impossible(path, at + "step", point.Step, string.Create(c, $"but it follows step {previous} and the run is at step {state.Progress.GlobalStep}"));
            var epoch = run.EpochOfStep(point.Step);
            if (point.Epoch != epoch)
                throw Impossible(path, at + "epoch", point.Epoch, string.Create(c, $"but step {point.Step} is in epoch {epoch}"));
            if (previous < (epoch - 1) * run.Batches)
                throw new TeleportDataException(path, string.Create(c,
                    $"has a loss-trace window from step {previous} to \"{at}step\" {point.Step}, across the end of epoch {epoch - 1}, where a window closes"));
            var samples = run.SamplesOfSteps(previous, point.Step);
            if (point.Samples != samples)
                throw Impossible(path, at + "samples", point.Samples, string.Create(c, $"but steps {previous + 1} to {point.Step} take {samples} samples"));
            Measure(path, at + "train_loss", point.TrainLoss);
            if (stopOnDivergence && !double.IsFinite(point.TrainLoss))
                throw new TeleportDataException(path, $"has \"{at}train_loss\" {RecordJson.Text(point.TrainLoss)}, which no run that stops on divergence records (finite)");
            if (!double.IsFinite(point.WallSeconds) || point.WallSeconds < 0)
                throw new TeleportDataException(path, $"has \"{at}wall_seconds\" {RecordJson.Text(point.WallSeconds)}, which is not a training time (finite and ≥ 0)");
            steps.Add(point.Step);
            previous = point.Step;
        }
        var open = state.Progress.GlobalStep - previous;
        if (state.Progress.WindowSteps != open)
            throw new TeleportDataException(path, string.Create(c,
                $"has window_steps {state.Progress.WindowSteps}, but its loss trace ends at step {previous} and the run is at step {state.Progress.GlobalStep}: the open window holds the {open} steps between (was the loss trace cut?)"));
        foreach (var e in state.Epochs)
            if (!steps.Contains(e.Steps))
                throw new TeleportDataException(path, string.Create(c,
                    $"has no loss-trace point at step {e.Steps}, the end of epoch {e.Epoch}, where every window closes"));
    }

    /// <summary>
    /// The teleport events and the epochs' counts of them keep <see cref="TeleportEventRules"/>, which <c>teleport report</c>
    /// applies to a run record too: this run is in progress at its global step, and stops on divergence if the resuming
    /// trainer's options say so.
    /// </summary>
    private static void Teleports(CheckpointState state, bool stopOnDivergence, string path)
    {
        if (TeleportEventRules.FirstProblem(state.Epochs, state.Teleports, state.Progress.GlobalStep, stopOnDivergence) is { } problem)
            throw new TeleportDataException(path, $"has \"{problem.Place}\" {problem.Value}, {problem.Why}");
    }

    /// <summary>A loss or ‖∇L‖² below 0 (NaN passes: a run that does not stop on divergence records it).</summary>
    private static void Measure(string path, string place, double? value)
    {
        if (value is { } v && v < 0)
            throw new TeleportDataException(path, $"has \"{place}\" {RecordJson.Text(v)}, below 0: losses (cross-entropy, squared error) and ‖∇L‖² (a sum of squares) are not negative");
    }

    private static TeleportDataException Impossible(string path, string place, double value, string why) =>
        new(path, $"has \"{place}\" {RecordJson.Text(value)}, {why}");
}
