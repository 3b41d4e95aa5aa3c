using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Optimizers;

namespace Teleport.Runtime.Tests.Optimizers;

public sealed class OptimizerStateTests
{
    private const int Count = 37;

    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void SaveAndLoadMidRunContinuesIdentically(OptimizerKind kind)
    {
        Optimizer<float> original = OptimizerFactory.Create<float>(kind, OptimizerTestData.FullSettings(kind), Count);
        float[] parameters = OptimizerTestData.Random<float>(1, Count);
        OptimizerTestData.Run(original, parameters, 12);
        original.LearningRate *= 0.5; // a schedule changed it: the snapshot carries it
        OptimizerState<float> saved = original.SaveState();
        float[] savedParameters = parameters.ToArray();

        OptimizerTestData.Run(original, parameters, 9, firstStep: 12);

        Optimizer<float> restored = OptimizerFactory.Create<float>(kind, new OptimizerSettings(), Count);
        restored.LoadState(saved);
        Assert.Equal(original.Settings, restored.Settings with { });
        Assert.Equal(12, restored.StepCount);
        OptimizerTestData.Run(restored, savedParameters, 9, firstStep: 12);

        Assert.Equal(parameters, savedParameters);
        Assert.Equal(original.StepCount, restored.StepCount);
        Assert.Equal(original.Buffers.Select(b => b.Name), restored.Buffers.Select(b => b.Name));
        for (int b = 0; b < original.Buffers.Count; b++)
        {
            Assert.Equal(original.Buffers[b].Values.ToArray(), restored.Buffers[b].Values.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void RestoreCreatesTheSameOptimizer(OptimizerKind kind)
    {
        Optimizer<double> original = OptimizerFactory.Create<double>(kind, OptimizerTestData.FullSettings(kind), Count);
        double[] parameters = OptimizerTestData.Random<double>(2, Count);
        OptimizerTestData.Run(original, parameters, 5);
        Optimizer<double> restored = OptimizerFactory.Restore(original.SaveState());
        Assert.Equal(kind, restored.Kind);
        Assert.Equal(original.GetType(), restored.GetType());

        double[] copy = parameters.ToArray();
        OptimizerTestData.Run(original, parameters, 4, firstStep: 5);
        OptimizerTestData.Run(restored, copy, 4, firstStep: 5);
        Assert.Equal(parameters, copy);
    }

    [Fact]
    public void SavedStateIsACopy()
    {
        var adam = new Adam<float>(Count);
        float[] parameters = OptimizerTestData.Random<float>(3, Count);
        OptimizerTestData.Run(adam, parameters, 3);
        OptimizerState<float> saved = adam.SaveState();
        float before = saved.Buffers[OptimizerBufferNames.ExpAvg][0];
        adam.Buffers[0].Values[0] = 1234;
        Assert.Equal(before, saved.Buffers[OptimizerBufferNames.ExpAvg][0]);
        Assert.Equal(3, saved.StepCount);
        Assert.Equal(OptimizerKind.Adam, saved.Kind);
        Assert.Equal(1e-3, saved.Settings.LearningRate);
    }

    [Theory]
    [MemberData(nameof(OptimizerTestData.Kinds), MemberType = typeof(OptimizerTestData))]
    public void ResetBehavesAsAFreshOptimizer(OptimizerKind kind)
    {
        OptimizerSettings settings = OptimizerTestData.FullSettings(kind);
        Optimizer<float> used = OptimizerFactory.Create<float>(kind, settings, Count);
        OptimizerTestData.Run(used, OptimizerTestData.Random<float>(4, Count), 7);
        IReadOnlyList<OptimizerBuffer<float>> buffers = used.Buffers;
        used.Reset();

        Assert.Equal(0, used.StepCount);
        Assert.Same(buffers, used.Buffers);
        foreach (OptimizerBuffer<float> buffer in used.Buffers)
        {
            Assert.All(buffer.Values.ToArray(), v => Assert.Equal(buffer.InitialValue, v));
        }

        Optimizer<float> fresh = OptimizerFactory.Create<float>(kind, settings, Count);
        float[] a = OptimizerTestData.Random<float>(5, Count), b = a.ToArray();
        OptimizerTestData.Run(used, a, 6);
        OptimizerTestData.Run(fresh, b, 6);
        Assert.Equal(b, a);
    }

    [Fact]
    public void ResetKeepsTheLearningRate()
    {
        var sgd = new Sgd<double>(3, new OptimizerSettings { LearningRate = 0.1 }) { LearningRate = 0.02 };
        sgd.Reset();
        Assert.Equal(0.02, sgd.LearningRate);
    }

    [Fact]
    public void LoadStateRejectsAnotherKindAndLeavesTheOptimizerUnchanged()
    {
        var adam = new Adam<float>(Count);
        var sgd = new Sgd<float>(Count, new OptimizerSettings { Momentum = 0.9 });
        Assert.Throws<ArgumentException>(() => adam.LoadState(sgd.SaveState()));
        Assert.Equal(OptimizerKind.Adam, adam.Kind);
    }

    [Fact]
    public void LoadStateRejectsAnotherParameterCount()
    {
        var a = new RmsProp<double>(Count);
        var b = new RmsProp<double>(Count + 1);
        Assert.Throws<ArgumentException>(() => a.LoadState(b.SaveState()));
    }

    [Fact]
    public void LoadStateRejectsAMissingBufferAndRollsBack()
    {
        var adam = new Adam<float>(Count);
        float[] parameters = OptimizerTestData.Random<float>(6, Count);
        OptimizerTestData.Run(adam, parameters, 2);
        OptimizerBuffer<float> expAvg = adam.Buffers[0];
        float[] before = expAvg.Values.ToArray();

        // An AMSGrad state lacking max_exp_avg_sq.
        OptimizerState<float> saved = adam.SaveState();
        var broken = new OptimizerState<float>
        {
            Kind = saved.Kind,
            ParameterCount = saved.ParameterCount,
            StepCount = 9,
            Settings = saved.Settings with { AmsGrad = true, LearningRate = 0.5 },
            Buffers = saved.Buffers,
        };
        ArgumentException error = Assert.Throws<ArgumentException>(() => adam.LoadState(broken));
        Assert.Contains("max_exp_avg_sq", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, adam.StepCount);
        Assert.Equal(1e-3, adam.LearningRate);
        Assert.False(adam.Settings.AmsGrad);
        Assert.Equal(2, adam.Buffers.Count);
        Assert.Same(expAvg, adam.Buffers[0]);
        Assert.Equal(before, expAvg.Values.ToArray());
    }

    [Fact]
    public void LoadStateRejectsBuffersOfTheWrongLengthOrUnknownNames()
    {
        var adam = new Adam<double>(4);
        OptimizerState<double> saved = adam.SaveState();
        var shortBuffer = new Dictionary<string, double[]>(saved.Buffers) { [OptimizerBufferNames.ExpAvg] = new double[3] };
        Assert.Throws<ArgumentException>(() => adam.LoadState(new OptimizerState<double>
        {
            Kind = saved.Kind, ParameterCount = 4, StepCount = 1, Settings = saved.Settings, Buffers = shortBuffer,
        }));
        var extra = new Dictionary<string, double[]>(saved.Buffers) { ["momentum_buffer"] = new double[4] };
        Assert.Throws<ArgumentException>(() => adam.LoadState(new OptimizerState<double>
        {
            Kind = saved.Kind, ParameterCount = 4, StepCount = 1, Settings = saved.Settings, Buffers = extra,
        }));
    }

    [Fact]
    public void LoadStateCanSwitchTheBufferSet()
    {
        var withMomentum = new RmsProp<float>(Count, new OptimizerSettings { Momentum = 0.9, Centered = true });
        float[] parameters = OptimizerTestData.Random<float>(7, Count);
        OptimizerTestData.Run(withMomentum, parameters, 3);
        var plain = new RmsProp<float>(Count);
        OptimizerBuffer<float> squareAverage = plain.Buffers[0];
        plain.LoadState(withMomentum.SaveState());
        Assert.Equal(["square_avg", "momentum_buffer", "grad_avg"], plain.Buffers.Select(b => b.Name));
        Assert.Same(squareAverage, plain.Buffers[0]);
        Assert.Equal(withMomentum.Buffers[1].Values.ToArray(), plain.Buffers[1].Values.ToArray());
    }

    [Fact]
    public void SgdAcceptsAMomentumState()
    {
        Optimizer<float> momentum = OptimizerFactory.Create<float>(OptimizerKind.Momentum, new OptimizerSettings(), 5);
        OptimizerTestData.Run(momentum, new float[5], 2);
        var sgd = new Sgd<float>(5);
        sgd.LoadState(momentum.SaveState());
        Assert.Equal(OptimizerKind.Momentum, sgd.Kind);
        Assert.Equal(0.9, sgd.Settings.Momentum);
        Assert.NotNull(sgd.FindBuffer(OptimizerBufferNames.MomentumBuffer));
    }

    [Fact]
    public void BuffersCanBeTransformedInPlace()
    {
        // What a teleport does with "transport": write the transformed moments back.
        var adam = new Adam<double>(3);
        double[] p = [1, 2, 3];
        adam.Step(p, [0.1, 0.2, 0.3]);
        OptimizerBuffer<double> m = adam.FindBuffer(OptimizerBufferNames.ExpAvg)!;
        m.Values.Clear();
        Assert.Equal(new double[3], adam.SaveState().Buffers[OptimizerBufferNames.ExpAvg]);
    }
}
