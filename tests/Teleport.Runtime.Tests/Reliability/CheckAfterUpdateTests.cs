using System;
using System.Collections.Generic;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Runtime.Tests.Training;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// Steps that check the gradient after the update (every callback an observer, the optimizer summing Σ g² in its pass):
/// a step whose gradient is not finite is undone by a replay, to the bits that checking first leaves.
/// </summary>
public sealed class CheckAfterUpdateTests
{
    private static readonly DatasetSplits Data = TrainingTestData.SmallClassification(200, 40);

    private static Optimizer<float> NewOptimizer(OptimizerKind kind, int parameterCount) =>
        OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = 1e-2 }, parameterCount);

    /// <summary>A run of the poisoned model, checked after the update (no callbacks but <paramref name="observers"/>) or first (with a callback that only counts).</summary>
    private static (Trainer Trainer, SoftmaxRegression Inner, Optimizer<float> Optimizer) Run(
        OptimizerKind kind, int atCall, float poison, bool checkFirst, float drift = 0, int stopAfter = 0, ITrainingObserver? observer = null)
    {
        var inner = new SoftmaxRegression(20, 4).Initialize(3);
        var optimizer = NewOptimizer(kind, inner.Parameters.Length);
        var callbacks = new List<ITrainingCallback>();
        if (checkFirst) callbacks.Add(new Counter());
        if (stopAfter > 0) callbacks.Add(new StopAt(stopAfter));
        if (observer is not null) callbacks.Add(observer);
        var trainer = new Trainer(new PoisonedGradient(inner, atCall, poison, drift: drift), optimizer, Data.Train, Data.Test,
            new TrainerOptions { Epochs = 3, BatchSize = 20 }, callbacks);
        if (stopAfter > 0)
        {
            // Stopped inside the first epoch, then run on from there: the replay point is where the second Run started.
            Assert.Equal(TrainingStatus.Canceled, trainer.Run());
            Assert.NotEqual(0, trainer.BatchIndex);
        }
        Assert.Equal(TrainingStatus.Diverged, trainer.Run());
        Assert.Equal(!checkFirst, trainer.ChecksAfterUpdate);
        return (trainer, inner, optimizer);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 3, float.NaN, 0)]
    [InlineData(OptimizerKind.AdaGrad, 3, float.PositiveInfinity, 0)]
    [InlineData(OptimizerKind.AdaGrad, 1, float.NaN, 0)]
    [InlineData(OptimizerKind.RmsProp, 14, float.NegativeInfinity, 0)]
    [InlineData(OptimizerKind.AdamW, 27, float.NaN, 0)]
    [InlineData(OptimizerKind.Adam, 8, float.NaN, 5)]
    public void AStepWithANonFiniteGradientIsUndoneToTheBitsThatCheckingFirstLeaves(OptimizerKind kind, int atCall, float poison, int stopAfter)
    {
        var (after, afterModel, afterOptimizer) = Run(kind, atCall, poison, checkFirst: false, stopAfter: stopAfter);
        var (first, firstModel, firstOptimizer) = Run(kind, atCall, poison, checkFirst: true, stopAfter: stopAfter);
        Assert.Equal(1, after.StepsUndone);
        Assert.Equal(0, first.StepsUndone);
        Assert.Equal(first.Divergence, after.Divergence);
        Assert.Null(after.Divergence!.Note);
        Assert.Equal("gradient", after.Divergence.Quantity);
        Assert.Equal(atCall - 1, after.GlobalStep);
        Assert.True(TrainingTestData.BitEqual(firstModel.Parameters, afterModel.Parameters), "parameters");
        Assert.Equal(firstOptimizer.StepCount, afterOptimizer.StepCount);
        var (a, b) = (firstOptimizer.SaveState(), afterOptimizer.SaveState());
        foreach (var (name, values) in a.Buffers) Assert.True(TrainingTestData.BitEqual(values, b.Buffers[name]), name);
        TrainingTestData.AssertSameNumbers(first.History, after.History);
    }

    [Fact]
    public void AModelThatGivesOtherNumbersOnTheReplayIsLeftAtTheReplayPointAndTheDivergenceSaysSo()
    {
        // The loss drifts with every call: the replayed steps' losses differ from the epoch's, so the state before the
        // poisoned step cannot be had; it is left where the epoch (the second) started.
        var start = new StateAtEpochStart(1);
        var (trainer, model, optimizer) = Run(OptimizerKind.Adam, 14, float.NaN, checkFirst: false, drift: 1e-3f, observer: start);
        Assert.Equal(1, trainer.StepsUndone);
        var divergence = trainer.Divergence!;
        Assert.Equal(("gradient", 2, 3), (divergence.Quantity, divergence.Epoch, divergence.Batch));
        Assert.Contains("those before batch 0 of that epoch", divergence.Note);
        Assert.EndsWith("; " + divergence.Note, divergence.ToString());
        Assert.True(TrainingTestData.BitEqual(start.Parameters, model.Parameters), "parameters");
        Assert.Equal(start.StepCount, optimizer.StepCount);
    }

    [Fact]
    public void OnlyRunsWhoseCallbacksAllObserveAndWhoseOptimizerSumsSquaresInItsPassCheckAfterTheUpdate()
    {
        var inner = new SoftmaxRegression(20, 4).Initialize(3);
        bool Checks(OptimizerKind kind, TrainerOptions options, params ITrainingCallback[] callbacks)
        {
            var trainer = new Trainer(inner, NewOptimizer(kind, inner.Parameters.Length), Data.Train, null, options, callbacks);
            trainer.Run();
            return trainer.ChecksAfterUpdate;
        }
        var one = new TrainerOptions { Epochs = 1, BatchSize = 100 };
        var sumsInPass = NewOptimizer(OptimizerKind.Adam, inner.Parameters.Length).SumsSquaresInItsPass;
        Assert.Equal(sumsInPass, Checks(OptimizerKind.Adam, one));
        Assert.Equal(sumsInPass, Checks(OptimizerKind.Adam, one, new StopAt(1000)));
        Assert.False(Checks(OptimizerKind.Adam, one, new StopAt(1000), new Counter()));
        Assert.False(Checks(OptimizerKind.Adam, one with { StopOnDivergence = false }));
        Assert.False(Checks(OptimizerKind.Sgd, one)); // SGD's update does not wait on divisions: it sums Σ g² apart
    }

    /// <summary>A user's callback (it might change the parameters): steps check the gradient first.</summary>
    private sealed class Counter : ITrainingCallback
    {
        public int Steps { get; private set; }

        public void OnBatchEnd(TrainingContext context) => Steps++;
    }

    /// <summary>Stops the run after a number of steps, looking at nothing else.</summary>
    private sealed class StopAt(long steps) : ITrainingObserver
    {
        public void OnBatchEnd(TrainingContext context)
        {
            if (context.GlobalStep == steps) context.RequestStop();
        }
    }

    /// <summary>The parameters and the optimizer's step count before the first step of an epoch.</summary>
    private sealed class StateAtEpochStart(int epoch) : ITrainingObserver
    {
        public float[] Parameters { get; private set; } = [];

        public long StepCount { get; private set; }

        public void OnBatchStart(TrainingContext context)
        {
            if (context.EpochIndex != epoch || context.BatchIndex != 0) return;
            Parameters = context.Model.Parameters.ToArray();
            StepCount = context.Optimizer.StepCount;
        }
    }
}
