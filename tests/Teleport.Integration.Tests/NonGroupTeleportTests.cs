using System;
using System.Linq;
using Teleport.Integration.Tests.Networks;
using Teleport.Teleportation;
using Xunit.Abstractions;
using Teleport.Testing;

namespace Teleport.Integration.Tests;

/// <summary>
/// The level-set and null-space teleports (issue 12) on generated networks: the level set keeps the loss (equality
/// mode) and raises ‖∇L‖² on every architecture, including those with no exact symmetry; the null-space step leaves
/// every activation unchanged when the batch is smaller than every fan-in, and reports the drift it causes otherwise.
/// </summary>
public sealed class NonGroupTeleportTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names() => NetworkCase.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void LevelSetKeepsTheLossAndRaisesTheGradientNorm(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, _) = c.Create();
        var batch = new Batch(f.Info, c.Batch, seed: 1200);
        var options = new TeleportOptions
        {
            Method = TeleportMethod.LevelSet,
            LossTolerance = 1e-5,
            LevelSet = new LevelSetOptions { Steps = 50, SubLevel = false, StepSize = 0.03 },
        };
        var before = LossInDouble(f, batch);
        var teleporter = new Teleporter<float>((ITeleportable<float>)f);
        Assert.True(teleporter.GuardsInDouble);
        var report = teleporter.Teleport(batch.InputsF, batch.TargetsF, options);
        output.WriteLine($"{name}: {report}");
        var after = LossInDouble(f, batch);
        Assert.True(Math.Abs(after - before) <= 1e-5 * Math.Abs(before), $"loss {before:R} → {after:R}");
        Assert.True(report.GradNormSquaredAfter > report.GradNormSquaredBefore, $"‖∇L‖² {report.GradNormSquaredBefore} → {report.GradNormSquaredAfter}");
        Assert.Equal(report.ConstraintGapTrace.Length, report.KktResidualTrace.Length);
        Assert.True(report.ConstraintGapTrace.Length >= 2);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void NullSpaceStepLeavesEveryActivationUnchangedOnASmallBatch(int n)
    {
        var model = new NullSpaceRegressor().ToFloat64();
        Initialize(model.Parameters, 31);
        var batch = new Batch(NullSpaceRegressor.Info, n, seed: 1300 + n);
        var inputs = batch.Inputs;
        double[][] before = Activations(model, inputs);
        var theta0 = model.Parameters.ToArray();
        var options = new TeleportOptions { Method = TeleportMethod.NullSpace, NullSpace = new NullSpaceOptions { Threshold = 1 }, LearningRate = 0.2, Steps = 10 };
        var report = new Teleporter<double>(model).Teleport(inputs, batch.TargetsD, options);
        output.WriteLine(report.ToString());
        Assert.True(report.StepsTaken > 0, report.ToString());
        double moved = 0;
        for (var i = 0; i < theta0.Length; i++) moved = Math.Max(moved, Math.Abs(model.Parameters[i] - theta0[i]));
        Assert.True(moved > 1e-3, $"the parameters moved by at most {moved}");
        Assert.True(report.GradNormSquaredAfter > report.GradNormSquaredBefore);
        double[][] after = Activations(model, inputs);
        for (var layer = 0; layer < before.Length; layer++)
        {
            double change = 0, size = 0;
            for (var i = 0; i < before[layer].Length; i++)
            {
                change += (after[layer][i] - before[layer][i]) * (after[layer][i] - before[layer][i]);
                size += before[layer][i] * before[layer][i];
            }
            Assert.True(Math.Sqrt(change / size) <= 1e-6, $"activation {layer} moved by {Math.Sqrt(change / size):E2} relative");
        }
        for (var layer = 0; layer < report.KeptRanks.Length; layer++)
        {
            Assert.Equal(n, report.KeptRanks[layer]);
            Assert.True(report.LayerOutputDrifts[layer] <= 1e-6);
        }
    }

    [Fact]
    public void NullSpaceReportedDriftMatchesTheMeasuredOneOnALargeBatch()
    {
        var model = new NullSpaceRegressor().ToFloat64();
        Initialize(model.Parameters, 37);
        var batch = new Batch(NullSpaceRegressor.Info, 40, seed: 1400);
        double lossBefore = model.Loss(batch.Inputs, batch.Values);
        var inputsBefore = new double[3][];
        for (var layer = 0; layer < 3; layer++) inputsBefore[layer] = model.LayerInput(layer, batch.Inputs).ToArray();
        var theta0 = model.Parameters.ToArray();
        var options = new TeleportOptions { Method = TeleportMethod.NullSpace, NullSpace = new NullSpaceOptions { Threshold = 0.99 }, LossTolerance = 1e-3, LearningRate = 0.2 };
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, options);
        output.WriteLine(report.ToString());
        Assert.True(report.StepsTaken > 0);
        double lossAfter = model.Loss(batch.Inputs, batch.Values);
        Assert.Equal(lossAfter - lossBefore, report.LossDrift, 1e-12);
        Assert.True(report.LossDrift != 0);
        Assert.True(Math.Abs(lossAfter - lossBefore) <= 1e-3 * lossBefore, $"loss {lossBefore:R} → {lossAfter:R}");
        var info = NullSpaceRegressor.Info;
        var offset = 0;
        for (var layer = 0; layer < 3; layer++)
        {
            int k = info.Layers[layer].OutputSize, d = info.Layers[layer].InputSize;
            double changed = 0, size = 0;
            for (var s = 0; s < batch.N; s++)
                for (var j = 0; j < k; j++)
                {
                    double z0 = theta0[offset + k * d + j], z1 = model.Parameters[offset + k * d + j];
                    for (var l = 0; l < d; l++)
                    {
                        z0 += theta0[offset + j * d + l] * inputsBefore[layer][s * d + l];
                        z1 += model.Parameters[offset + j * d + l] * inputsBefore[layer][s * d + l];
                    }
                    changed += (z1 - z0) * (z1 - z0);
                    size += z0 * z0;
                }
            var measured = Math.Sqrt(changed / size);
            output.WriteLine($"layer {layer}: rank {report.KeptRanks[layer]}/{report.InputDimensions[layer]}, drift reported {report.LayerOutputDrifts[layer]:E3}, measured {measured:E3}");
            Assert.Equal(measured, report.LayerOutputDrifts[layer], 1e-9 + 1e-9 * measured);
            offset += k * d + k;
        }

        // 40 samples fill the first layer's 13-dimensional input; τ = 0.99 frees directions in the later ones
        Assert.Contains(Enumerable.Range(0, 3), layer => report.KeptRanks[layer] < report.InputDimensions[layer]);
    }

    [Fact]
    public void NullSpaceRollsBackAStepThatMovesTheLossBeyondTolerance()
    {
        // τ = 0.5 frees directions the batch sees; a huge η with a tolerance of 1e-12 and no backtracks must be refused
        var model = new NullSpaceRegressor().ToFloat64();
        Initialize(model.Parameters, 47);
        var batch = new Batch(NullSpaceRegressor.Info, 40, seed: 1700);
        var theta0 = model.Parameters.ToArray();
        var options = new TeleportOptions
        {
            Method = TeleportMethod.NullSpace,
            NullSpace = new NullSpaceOptions { Threshold = 0.5 },
            LearningRate = 50,
            LossTolerance = 1e-12,
            MaxBacktracks = 0,
        };
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, options);
        output.WriteLine(report.ToString());
        Assert.Equal(TeleportStopReason.DriftLimit, report.StopReason);
        Assert.Equal(0, report.StepsTaken);
        Assert.Equal(1, report.RejectedSteps);
        Assert.Equal(theta0, model.Parameters.ToArray());
        Assert.Equal(report.LossBefore, report.LossAfter);
        Assert.Equal(report.GradNormSquaredBefore, report.GradNormSquaredAfter);
    }

    [Fact]
    public void NullSpaceEndsWithinTheToleranceWhereTheBatchFillsTheInput()
    {
        var model = new NullSpaceRegressor().ToFloat64();
        Initialize(model.Parameters, 53);
        var batch = new Batch(NullSpaceRegressor.Info, 40, seed: 1800);
        double lossBefore = model.Loss(batch.Inputs, batch.Values);
        var options = new TeleportOptions { Method = TeleportMethod.NullSpace, NullSpace = new NullSpaceOptions { Threshold = 0.99 }, LearningRate = 0.2, LossTolerance = 1e-4, MaxBacktracks = 12 };
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, options);
        output.WriteLine(report.ToString());
        double lossAfter = model.Loss(batch.Inputs, batch.Values);
        Assert.True(report.StepsTaken > 0, report.ToString());
        Assert.True(Math.Abs(lossAfter - lossBefore) <= 1e-4 * lossBefore, $"loss {lossBefore:R} → {lossAfter:R}");
        Assert.True(report.GradNormSquaredAfter > report.GradNormSquaredBefore);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(67)]
    public void LevelSetTeleportsANetworkWithNoExactSymmetryInDouble(int seed)
    {
        // tanh and softplus: no S1/S2; 40 samples exceed every data-dependent symmetry's exact batch limit
        var model = new NullSpaceRegressor().ToFloat64();
        Initialize(model.Parameters, seed);
        var batch = new Batch(NullSpaceRegressor.Info, 40, seed: 1900 + seed);
        Assert.NotEmpty(NullSpaceRegressor.Info.Symmetries);
        Assert.All(NullSpaceRegressor.Info.Symmetries, s => Assert.False(s.IsExactOn(batch.N), s.ToString()));
        double lossBefore = model.Loss(batch.Inputs, batch.Values);
        var options = new TeleportOptions
        {
            Method = TeleportMethod.LevelSet,
            LossTolerance = 1e-9,
            LevelSet = new LevelSetOptions { Steps = 40, SubLevel = false },
        };
        var report = new Teleporter<double>(model).Teleport(batch.Inputs, batch.TargetsD, options);
        output.WriteLine(report.ToString());
        var gradient = new double[model.Parameters.Length];
        double lossAfter = model.LossAndGradient(batch.Inputs, batch.Values, gradient);
        double g2 = 0;
        foreach (var g in gradient) g2 += g * g;
        Assert.True(Math.Abs(lossAfter - lossBefore) <= 1e-9 * lossBefore, $"loss {lossBefore:R} → {lossAfter:R}");
        Assert.True(report.GradNormSquaredAfter > 1.2 * report.GradNormSquaredBefore, report.ToString());
        // the report's figures are the parameters' own, in double
        Assert.Equal(g2, report.GradNormSquaredAfter, 1e-12 * g2);
        Assert.Equal(lossAfter, report.LossAfter, 1e-14 * lossAfter);
    }

    [Fact]
    public void BothMethodsAllocateNothingAfterWarmUp()
    {
        var model = new NullSpaceRegressor().ToFloat64();
        Initialize(model.Parameters, 41);
        var batch = new Batch(NullSpaceRegressor.Info, 30, seed: 1500);
        var start = model.Parameters.ToArray();
        var teleporter = new Teleporter<double>(model);
        var levelSet = new TeleportOptions { Method = TeleportMethod.LevelSet, LevelSet = new LevelSetOptions { Steps = 20 } };
        var nullSpace = new TeleportOptions { Method = TeleportMethod.NullSpace, LossTolerance = 1e-3 };
        void Run()
        {
            start.CopyTo(model.Parameters);
            teleporter.Teleport(batch.Inputs, batch.TargetsD, levelSet);
            start.CopyTo(model.Parameters);
            teleporter.Teleport(batch.Inputs, batch.TargetsD, nullSpace);
        }
        for (var i = 0; i < 5; i++) Run();
        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    [Fact]
    public void BothMethodsAllocateNothingAfterWarmUpInFloatWithTheDoubleGuard()
    {
        var c = NetworkCase.Get("PaperMlp");
        var (f, _) = c.Create();
        var batch = new Batch(f.Info, 30, seed: 1550);
        var inputs = batch.InputsF;
        var labels = batch.Labels!;
        var start = f.Parameters.ToArray();
        var teleporter = new Teleporter<float>((ITeleportable<float>)f);
        Assert.True(teleporter.GuardsInDouble);
        var levelSet = new TeleportOptions { Method = TeleportMethod.LevelSet };
        var nullSpace = new TeleportOptions { Method = TeleportMethod.NullSpace };
        void Run()
        {
            start.CopyTo(f.Parameters);
            teleporter.Teleport(inputs, new Targets<float>(labels), levelSet);
            start.CopyTo(f.Parameters);
            teleporter.Teleport(inputs, new Targets<float>(labels), nullSpace);
        }
        for (var i = 0; i < 5; i++) Run();
        Assert.Equal(0, Allocations.SteadyState(Run));
    }

    /// <summary>Each dense layer's input and the network output on the batch.</summary>
    private static double[][] Activations(NullSpaceRegressor.Float64 model, double[] inputs)
    {
        var n = inputs.Length / NullSpaceRegressor.InputSize;
        var result = new double[4][];
        for (var layer = 0; layer < 3; layer++) result[layer] = model.LayerInput(layer, inputs).ToArray();
        result[3] = new double[n * NullSpaceRegressor.OutputSize];
        model.Predict(inputs, result[3]);
        return result;
    }

    /// <summary>Weights ~ U(−1, 1): large enough that ‖∇L‖² is far from zero.</summary>
    private static void Initialize(Span<double> theta, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < theta.Length; i++) theta[i] = 2 * random.NextDouble() - 1;
    }

    private static double LossInDouble(IDifferentiableModel<float> f, Batch batch)
    {
        var twin = ((IHasFloat64Twin)f).CreateFloat64Twin();
        var theta = f.Parameters;
        for (var i = 0; i < theta.Length; i++) twin.Parameters[i] = theta[i];
        return twin.Loss(batch.Inputs, batch.TargetsD);
    }
}
