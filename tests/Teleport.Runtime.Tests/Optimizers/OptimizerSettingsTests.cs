using System;
using System.Linq;
using Teleport.Optimizers;

namespace Teleport.Runtime.Tests.Optimizers;

public sealed class OptimizerSettingsTests
{
    [Fact]
    public void DefaultsArePyTorchs()
    {
        var none = new OptimizerSettings();
        OptimizerSettings adam = none.Resolve(OptimizerKind.Adam);
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false), (adam.LearningRate!.Value, adam.Beta1, adam.Beta2, adam.Epsilon!.Value, adam.WeightDecay!.Value, adam.AmsGrad));
        OptimizerSettings adamW = none.Resolve(OptimizerKind.AdamW);
        Assert.Equal((1e-3, 1e-2, 1e-8), (adamW.LearningRate!.Value, adamW.WeightDecay!.Value, adamW.Epsilon!.Value));
        OptimizerSettings adaGrad = none.Resolve(OptimizerKind.AdaGrad);
        Assert.Equal((1e-2, 0.0, 0.0, 1e-10, 0.0), (adaGrad.LearningRate!.Value, adaGrad.LearningRateDecay, adaGrad.InitialAccumulatorValue, adaGrad.Epsilon!.Value, adaGrad.WeightDecay!.Value));
        OptimizerSettings rmsProp = none.Resolve(OptimizerKind.RmsProp);
        Assert.Equal((1e-2, 0.99, 1e-8, 0.0, false), (rmsProp.LearningRate!.Value, rmsProp.Alpha, rmsProp.Epsilon!.Value, rmsProp.Momentum!.Value, rmsProp.Centered));
        OptimizerSettings sgd = none.Resolve(OptimizerKind.Sgd);
        Assert.Equal((0.0, 0.0, false, 0.0, false), (sgd.Momentum!.Value, sgd.Dampening, sgd.Nesterov, sgd.WeightDecay!.Value, sgd.Maximize));
        Assert.Equal(0.9, none.Resolve(OptimizerKind.Momentum).Momentum);
    }

    [Fact]
    public void ExplicitValuesWin()
    {
        OptimizerSettings s = new OptimizerSettings { WeightDecay = 0, Momentum = 0.5, LearningRate = 3 }.Resolve(OptimizerKind.AdamW);
        Assert.Equal(0, s.WeightDecay);
        Assert.Equal(3, s.LearningRate);
        Assert.Equal(0.5, new OptimizerSettings { Momentum = 0.5 }.Resolve(OptimizerKind.Momentum).Momentum);
    }

    [Fact]
    public void FactoryCreatesEachKind()
    {
        Assert.IsType<Sgd<float>>(OptimizerFactory.Create<float>(OptimizerKind.Sgd, new OptimizerSettings(), 2));
        Assert.IsType<Sgd<float>>(OptimizerFactory.Create<float>(OptimizerKind.Momentum, new OptimizerSettings(), 2));
        Assert.IsType<AdaGrad<double>>(OptimizerFactory.Create<double>(OptimizerKind.AdaGrad, new OptimizerSettings(), 2));
        Assert.IsType<RmsProp<double>>(OptimizerFactory.Create<double>(OptimizerKind.RmsProp, new OptimizerSettings(), 2));
        Assert.IsType<Adam<float>>(OptimizerFactory.Create<float>(OptimizerKind.Adam, new OptimizerSettings(), 2));
        Assert.IsType<AdamW<float>>(OptimizerFactory.Create<float>(OptimizerKind.AdamW, new OptimizerSettings(), 2));
        Assert.Equal(OptimizerKind.Momentum, OptimizerFactory.Create<float>(OptimizerKind.Momentum, new OptimizerSettings(), 2).Kind);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd, "Nesterov")]
    [InlineData(OptimizerKind.Adam, "beta")]
    [InlineData(OptimizerKind.AdaGrad, "learning rate")]
    [InlineData(OptimizerKind.RmsProp, "alpha")]
    public void InvalidSettingsAreRejectedWithTheirName(OptimizerKind kind, string named)
    {
        OptimizerSettings bad = kind switch
        {
            OptimizerKind.Sgd => new OptimizerSettings { Nesterov = true },
            OptimizerKind.Adam => new OptimizerSettings { Beta2 = 1 },
            OptimizerKind.AdaGrad => new OptimizerSettings { LearningRate = -1 },
            _ => new OptimizerSettings { Alpha = double.NaN },
        };
        ArgumentException error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>(kind, bad, 3));
        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StepChecksLengthsAndLearningRateChecksRange()
    {
        var sgd = new Sgd<float>(3);
        Assert.Throws<ArgumentException>(() => sgd.Step(new float[2], new float[3]));
        Assert.Throws<ArgumentException>(() => sgd.Step(new float[3], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.NaN);
        Assert.Equal(0, sgd.StepCount);
    }

    [Fact]
    public void OnlyFloatAndDoubleAreSupported() =>
        Assert.Throws<NotSupportedException>(() => new Adam<Half>(3));

    [Fact]
    public void BufferNamesAndKindsFollowPyTorch()
    {
        Assert.Empty(new Sgd<float>(2).Buffers);
        OptimizerBuffer<float> sum = Assert.Single(new AdaGrad<float>(2, new OptimizerSettings { InitialAccumulatorValue = 0.25 }).Buffers);
        Assert.Equal(("sum", OptimizerBufferKind.Accumulator, 0.25f), (sum.Name, sum.Kind, sum.Values[1]));
        var rms = new RmsProp<float>(2, new OptimizerSettings { Momentum = 0.9, Centered = true });
        Assert.Equal(
            [("square_avg", OptimizerBufferKind.SecondMoment), ("momentum_buffer", OptimizerBufferKind.PreconditionedMoment), ("grad_avg", OptimizerBufferKind.FirstMoment)],
            rms.Buffers.Select(b => (b.Name, b.Kind)));
        var adam = new AdamW<double>(2, new OptimizerSettings { AmsGrad = true });
        Assert.Equal(
            [("exp_avg", OptimizerBufferKind.FirstMoment), ("exp_avg_sq", OptimizerBufferKind.SecondMoment), ("max_exp_avg_sq", OptimizerBufferKind.SecondMoment)],
            adam.Buffers.Select(b => (b.Name, b.Kind)));
    }
}
