using System;
using System.Linq;
using Teleport.Data;
using Teleport.Integration.Tests.Networks;
using Teleport.Optimizers;
using Teleport.Teleportation;
using Teleport.Training;
using Teleport.Testing;

namespace Teleport.Integration.Tests;

/// <summary>
/// The existing teleport on convolutional networks: it raises ‖∇L‖² with the guard holding (per-channel scaling
/// through max and average pooling, GL on the channels of an identity convolution), transports optimizer state,
/// runs inside training, and allocates nothing after warm-up.
/// </summary>
public class CnnTeleportTests
{
    [Theory]
    [InlineData("ConvPoolClassifier", "S2")]
    [InlineData("AvgPoolLinearConv", "S1")]
    [InlineData("IdentityConvMaxPool", "S2")]
    public void AnExactTeleportRaisesTheGradientNormWithTheGuardHolding(string name, string kind)
    {
        var c = NetworkCase.Get(name);
        var (f, _) = c.Create();
        Assert.Contains(f.Info.Symmetries, s => s.Id == kind && f.Info.Layers[s.Layer].Kind == LayerKind.Conv2d);
        var batch = new Batch(f.Info, 32, seed: 71);
        var before = TeleportGuardTests.LossInDouble(f, batch);
        var teleporter = new Teleporter<float>((ITeleportable<float>)f);
        var report = teleporter.Teleport(batch.InputsF, batch.TargetsF, new TeleportOptions { Steps = 10, Symmetries = SymmetrySet.Exact, LearningRate = 2 });
        var after = TeleportGuardTests.LossInDouble(f, batch);

        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.True(report.GradNormSquaredGain > 1.01, $"{name}: {report}");
        Assert.True(report.RelativeLossDrift <= new TeleportOptions().LossTolerance, report.ToString());
        Assert.True(Math.Abs(after - before) <= new TeleportOptions().LossTolerance * Math.Abs(before), $"{name}: loss {before} → {after}");
        Assert.Contains(report.SymmetriesUsed.ToArray(), s => s.StartsWith(kind, StringComparison.Ordinal));
    }

    [Fact]
    public void TeleportsAndCovectorTransportAllocateNothingAfterWarmUp()
    {
        var cases = new[] { "ConvPoolClassifier", "AvgPoolLinearConv", "ThreeConvRegressor" };
        var teleporters = cases.Select(n => new Teleporter<float>((ITeleportable<float>)NetworkCase.Get(n).Create().F)).ToArray();
        var batches = teleporters.Select((t, i) => new Batch(t.Model.Info, 16, seed: 80 + i)).ToArray();
        var inputs = batches.Select(b => b.InputsF).ToArray();
        var values = batches.Select(b => b.Values is null ? null : Array.ConvertAll(b.Values, x => (float)x)).ToArray();
        var starts = teleporters.Select(t => t.Model.Parameters.ToArray()).ToArray();
        var covectors = teleporters.Select(t => new float[t.Model.Parameters.Length]).ToArray();
        var options = new[]
        {
            new TeleportOptions { Steps = 4, LearningRate = 0.2 },
            new TeleportOptions { Steps = 4, LearningRate = 0.2, GradientTransport = false },
            new TeleportOptions { Steps = 4, LearningRate = 0.1, Map = GroupElementMap.Cayley, Symmetries = SymmetrySet.All, LossTolerance = 1e-3 },
        };

        void Run()
        {
            for (var i = 0; i < teleporters.Length; i++)
                foreach (var o in options)
                {
                    starts[i].CopyTo(teleporters[i].Model.Parameters);
                    teleporters[i].Teleport(inputs[i], batches[i].Labels is { } labels ? new Targets<float>(labels) : new Targets<float>(values[i]), o);
                    teleporters[i].TransportCovector(covectors[i], squared: true);
                }
        }

        for (var i = 0; i < 5; i++) Run();
        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Momentum)]
    public void TrainingWithTeleportsAndTransportedOptimizerStateOnACnn(OptimizerKind optimizer)
    {
        var data = SyntheticClassification.Create(600, 120, 9,
            new SyntheticClassificationOptions { FeatureCount = 64, ClassCount = 3, Separation = 0.8, Noise = 0.5 });
        var model = new ConvPoolClassifier();
        model.InitializeParameters(5);
        var options = new TeleportTrainingOptions
        {
            LookaheadSteps = 0,
            Schedule = new TeleportSchedule { Epochs = [1], CountPerEpoch = 2 },
            BatchSize = 40,
            OptimizerState = OptimizerStatePolicy.Transport,
        };
        var settings = new OptimizerSettings { LearningRate = optimizer == OptimizerKind.Adam ? 0.01 : 0.05 };
        var trainer = new Trainer(model, OptimizerFactory.Create<float>(optimizer, settings, model.Parameters.Length), data.Train, data.Test,
            new TrainerOptions { Epochs = 2, BatchSize = 20 }, [new TeleportCallback(model, options)]);
        trainer.Run();

        Assert.NotEmpty(trainer.History.Teleports);
        Assert.All(model.Parameters.ToArray(), v => Assert.True(float.IsFinite(v)));
        var epochs = trainer.History.Epochs;
        Assert.True(epochs[^1].TrainLoss < Math.Log(3), $"loss {epochs[0].TrainLoss} → {epochs[^1].TrainLoss}");
    }
}
