using System;
using System.Linq;
using Teleport.Cli.Models;
using Teleport.Cli.Running;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Training;

namespace Teleport.Cli.Tests;

/// <summary>The background warm-up (<see cref="JitWarmUp"/>) shares nothing with the run it prepares.</summary>
public sealed class JitWarmUpTests
{
    [Theory]
    [InlineData("paper-mlp", OptimizerKind.Adam, false, false)]
    [InlineData("paper-mlp", OptimizerKind.AdaGrad, true, false)]
    [InlineData("paper-mlp", OptimizerKind.AdaGrad, false, true)]
    [InlineData("regression", OptimizerKind.Sgd, false, false)]
    public void ARunBesideTheWarmUpIsBitIdenticalToOneWithout(string modelName, OptimizerKind kind, bool shuffle, bool byteImages)
    {
        var entry = ModelRegistry.Get(modelName);
        var info = entry.Info;
        var splits = info.Loss == LossKind.MeanSquaredError
            ? new DatasetSplits(SyntheticRegression.Create([info.InputSize, info.OutputSize], 400, 3), null, SyntheticRegression.Create([info.InputSize, info.OutputSize], 100, 4))
            : SyntheticClassification.Create(1000, 200, 3, new SyntheticClassificationOptions { FeatureCount = info.InputSize, ClassCount = info.OutputSize });
        var settings = new OptimizerSettings { LearningRate = 1e-3 };
        var trainer = new TrainerOptions { Epochs = 2, BatchSize = 20, Seed = 5, Order = shuffle ? BatchOrder.Shuffled : BatchOrder.Sequential };
        var teleport = new TeleportTrainingOptions { Schedule = TeleportSchedule.AtEpoch(2, 2), BatchSize = 100 };

        float[] Train()
        {
            var model = entry.Create();
            entry.Initialize(model, 7);
            var optimizer = OptimizerFactory.Create<float>(kind, settings, info.ParameterCount);
            new Trainer(model, optimizer, splits.Train, splits.Test, trainer, [new TeleportCallback(model, teleport)]).Run();
            return model.Parameters.ToArray();
        }

        var alone = Train();
        var warmUp = JitWarmUp.Start(entry, 7, kind, settings, trainer, teleport, byteImages);
        var beside = Train();
        warmUp.Wait();
        Assert.Equal(alone, beside);
        Assert.NotEqual(0f, alone.Select(Math.Abs).Max());
    }
}
