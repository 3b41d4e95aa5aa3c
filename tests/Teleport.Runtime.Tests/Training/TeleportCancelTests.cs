using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Runtime.Tests.Data;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// A stop request inside a teleport point (the teleporter's ascent, or the look-ahead after it) ends the run
/// <see cref="TrainingStatus.Canceled"/> at once, with the point undone: parameters, optimizer state, the callback's
/// schedule, sampler and counters, and the history as they were before the point began; the checkpoint written then
/// resumes to the uninterrupted run, bit for bit. The token fires from inside the teleport (at a chosen group action of
/// the model), so nothing depends on timing.
/// </summary>
public sealed class TeleportCancelTests
{
    private static TeleportTrainingOptions Teleporting(int lookahead) => new()
    {
        Schedule = new TeleportSchedule { Epochs = [1, 2], CountPerEpoch = 2, EverySteps = 7, MaxTeleports = 12 },
        Teleport = new TeleportOptions { LogarithmicAscent = false, LearningRate = 0.5, Steps = 4 },
        BatchSize = 50,
        OptimizerState = OptimizerStatePolicy.Transport,
        LookaheadSteps = lookahead,
    };

    /// <summary>The token fires at the first group action of a teleport's second ascent step: the first step was accepted, so the teleporter alone would stop at a moved point.</summary>
    [Fact]
    public void AStopInsideTheAscentUndoesTheTeleportPointAndResumesBitIdentical() =>
        StopInsideATeleportPoint(lookahead: 0, insideLookahead: false);

    /// <summary>The token fires at the last group action of a completed teleport: the ascent ends, and the look-ahead's first step sees it.</summary>
    [Fact]
    public void AStopInsideTheLookaheadUndoesTheTeleportPointAndResumesBitIdentical() =>
        StopInsideATeleportPoint(lookahead: 2, insideLookahead: true);

    private static void StopInsideATeleportPoint(int lookahead, bool insideLookahead)
    {
        var options = Teleporting(lookahead);

        // The uninterrupted run, counting the group actions of each teleport point.
        var reference = new GroupActionCounter();
        reference.InitializeParameters(3);
        var referenceOptimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        var actionsBefore = new Dictionary<long, long>();
        var actionsAfter = new Dictionary<long, long>();
        var (referenceTrainer, _) = TeleportTestSetup.Trainer(reference, referenceOptimizer, options, TeleportTestSetup.Options(3, BatchOrder.Shuffled),
            before: [new BatchStartProbe(c => actionsBefore[c.GlobalStep] = reference.Actions)],
            after: [new BatchStartProbe(c => actionsAfter[c.GlobalStep] = reference.Actions)]);
        Assert.Equal(TrainingStatus.Completed, referenceTrainer.Run());

        // A teleport point where the stop lands where the case says (each accepted step applies one action per symmetry used).
        TeleportEvent? target = null;
        long cancelAt = 0;
        foreach (var teleport in referenceTrainer.History.Teleports)
        {
            var symmetries = Field(teleport, "symmetries").Items.Count;
            var (start, end) = (actionsBefore[teleport.Step], actionsAfter[teleport.Step]);
            var clean = Field(teleport, "rejected_steps").Number == 0 && end - start == (long)teleport.StepsTaken * symmetries;
            if (!clean || symmetries == 0) continue;
            if (insideLookahead && Field(teleport, "stop_reason").String == "completed")
                (target, cancelAt) = (teleport, end);
            else if (!insideLookahead && teleport.StepsTaken >= 3)
                (target, cancelAt) = (teleport, start + symmetries + 1);
            if (target is not null) break;
        }
        Assert.NotNull(target);

        // The same run with the token firing inside that teleport point, and the state before each batch start.
        using var dir = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        var model = new GroupActionCounter { CancelAt = cancelAt, Source = cancel };
        model.InitializeParameters(3);
        var optimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        TeleportCallback? callback = null;
        BatchStartState? before = null;
        var (trainer, teleportCallback) = TeleportTestSetup.Trainer(model, optimizer, options, TeleportTestSetup.Options(3, BatchOrder.Shuffled, dir.Path),
            before: [new BatchStartProbe(c => before = new BatchStartState(c, callback!))]);
        callback = teleportCallback;

        Assert.Equal(TrainingStatus.Canceled, trainer.Run(cancel.Token));
        Assert.NotNull(before);
        Assert.NotNull(model.ParametersAtCancel);
        if (insideLookahead)
        {
            // the ascent ended as in the uninterrupted run: the stop came in the look-ahead
            Assert.Equal(target.StepsTaken, callback.Teleporter.Report.StepsTaken);
            Assert.Equal(TeleportStopReason.Completed, callback.Teleporter.Report.StopReason);
        }
        else
        {
            // an accepted step had moved the parameters when the token fired
            Assert.False(TrainingTestData.BitEqual(before.Parameters, model.ParametersAtCancel));
        }

        // (a) Canceled before the teleport's step; (b) everything as before the teleport point began.
        Assert.Equal(target.Step, trainer.GlobalStep);
        Assert.Equal(target.Step, before.GlobalStep);
        Assert.True(TrainingTestData.BitEqual(before.Parameters, model.Parameters));
        Assert.Equal(before.OptimizerStep, optimizer.StepCount);
        for (var i = 0; i < optimizer.Buffers.Count; i++)
            Assert.True(TrainingTestData.BitEqual(before.OptimizerBuffers[i], optimizer.Buffers[i].Values));
        Assert.Equal(before.CallbackState, callback.SaveState());
        Assert.Equal(before.Teleports, trainer.History.Teleports.Count);
        Assert.Equal(before.Epochs, trainer.History.Epochs.Count);
        Assert.Equal(before.TracePoints, trainer.History.LossTrace.Count);

        // (c) The checkpoint written on the stop resumes to the uninterrupted run.
        var resumedModel = TeleportTestSetup.Model(seed: 99);
        var resumedOptimizer = TeleportTestSetup.Optimizer(OptimizerKind.Adam, 0.01);
        var (resumed, _) = TeleportTestSetup.Trainer(resumedModel, resumedOptimizer, options, TeleportTestSetup.Options(3, BatchOrder.Shuffled, dir.Path));
        Assert.True(resumed.TryResume());
        Assert.Equal(target.Step, resumed.GlobalStep);
        Assert.Equal(TrainingStatus.Completed, resumed.Run());
        Assert.True(TrainingTestData.BitEqual(reference.Parameters, resumedModel.Parameters));
        Assert.Equal(referenceOptimizer.StepCount, resumedOptimizer.StepCount);
        for (var i = 0; i < resumedOptimizer.Buffers.Count; i++)
            Assert.True(TrainingTestData.BitEqual(referenceOptimizer.Buffers[i].Values, resumedOptimizer.Buffers[i].Values));
        TrainingTestData.AssertSameNumbers(referenceTrainer.History, resumed.History);
    }

    private static RecordValue Field(TeleportEvent teleport, string key) =>
        teleport.Extra.TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"The teleport event has no {key}.");

    /// <summary>What a batch start saw before the teleport callback ran.</summary>
    private sealed class BatchStartState(TrainingContext context, TeleportCallback callback)
    {
        public long GlobalStep { get; } = context.GlobalStep;
        public float[] Parameters { get; } = context.Model.Parameters.ToArray();
        public long OptimizerStep { get; } = context.Optimizer.StepCount;
        public float[][] OptimizerBuffers { get; } = [.. context.Optimizer.Buffers.Select(b => b.Values.ToArray())];
        public byte[] CallbackState { get; } = callback.SaveState();
        public int Teleports { get; } = context.History.Teleports.Count;
        public int Epochs { get; } = context.History.Epochs.Count;
        public int TracePoints { get; } = context.History.LossTrace.Count;
    }
}

/// <summary>
/// The teleport-test MLP counting the group actions a teleporter applies to it (re-implementing the interface member),
/// and cancelling <see cref="Source"/> at action <see cref="CancelAt"/> (1-based): a stop request from inside a teleport.
/// </summary>
internal sealed class GroupActionCounter : TeleportTestMlp, ITeleportable<float>
{
    public long Actions { get; private set; }

    public long CancelAt { get; init; } = long.MaxValue;

    public CancellationTokenSource? Source { get; init; }

    /// <summary>The parameters when the token fired (before that action).</summary>
    public float[]? ParametersAtCancel { get; private set; }

    GroupActionResult ITeleportable<float>.ApplyGroupActionWithinDomain(int symmetry, Span<float> groupElement, ReadOnlySpan<float> inputs)
    {
        if (++Actions == CancelAt)
        {
            ParametersAtCancel = Parameters.ToArray();
            Source!.Cancel();
        }
        return ApplyGroupActionWithinDomain(symmetry, groupElement, inputs);
    }
}
