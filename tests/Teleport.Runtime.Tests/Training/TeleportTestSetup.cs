using System;
using System.Collections.Generic;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>Data, trainers and probes shared by the teleport-training tests.</summary>
internal static class TeleportTestSetup
{
    /// <summary>230 training samples (12 batches of 20 per epoch, the last of 10), 40 test samples.</summary>
    public static readonly DatasetSplits Data = TrainingTestData.SmallClassification(230, 40);

    public static TrainerOptions Options(int epochs = 2, BatchOrder order = BatchOrder.Sequential, string? checkpoints = null) => new()
    {
        Epochs = epochs,
        BatchSize = 20,
        Order = order,
        Seed = 7,
        LossTraceInterval = 4,
        CheckpointDirectory = checkpoints,
        CheckpointInterval = checkpoints is null ? 0 : 5,
    };

    public static TeleportTestMlp Model(int seed = 3)
    {
        var model = new TeleportTestMlp();
        model.InitializeParameters(seed);
        return model;
    }

    public static Optimizer<float> Optimizer(OptimizerKind kind, double lr = 0.05) =>
        OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = lr }, TeleportTestMlp.ParameterCount);

    public static (Trainer Trainer, TeleportCallback Callback) Trainer(
        TeleportTestMlp model, Optimizer<float> optimizer, TeleportTrainingOptions options, TrainerOptions trainerOptions,
        ITrainingCallback[]? before = null, ITrainingCallback[]? after = null)
    {
        var callback = new TeleportCallback(model, options);
        ITrainingCallback[] callbacks = [.. before ?? [], callback, .. after ?? []];
        return (new Trainer(model, optimizer, Data.Train, Data.Test, trainerOptions, callbacks), callback);
    }
}

/// <summary>Calls an action at <c>OnBatchStart</c> (placed before or after the teleport callback).</summary>
internal sealed class BatchStartProbe(Action<TrainingContext> action) : ITrainingCallback
{
    public void OnBatchStart(TrainingContext context) => action(context);
}

/// <summary>Records every step's mini-batch ‖∇L‖², by global step (1-based: the step that produced it).</summary>
internal sealed class GradNormRecorder : ITrainingCallback
{
    public List<double> Values { get; } = [];

    public void OnBatchEnd(TrainingContext context) => Values.Add(context.BatchGradNormSquared);
}
