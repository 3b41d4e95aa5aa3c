using System;
using Teleport.Optimizers;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>
/// Settings are validated in double, but a float optimizer steps with them rounded to float. An ε of 1e-50 passed the
/// "ε > 0" rule yet is 0 in float, so a parameter whose gradient is still 0 (a dead unit's) stepped by 0/0 = NaN; a
/// learning rate of 1e39 passed "finite" yet is ∞ in float, so the same parameter stepped by ∞·0 = NaN. Both are refused
/// when the optimizer is created (or the rate set), naming the setting and the precision.
/// </summary>
public sealed class OptimizerPrecisionTests
{
    [Theory]
    [InlineData(OptimizerKind.AdaGrad)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    public void AnEpsilonThatIsZeroInFloatIsRefused(OptimizerKind kind)
    {
        var settings = new OptimizerSettings { Epsilon = 1e-50 };
        var error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>(kind, settings, 2));
        Assert.Equal(nameof(OptimizerSettings.Epsilon), error.ParamName);
        Assert.Contains("Single", error.Message);

        // in double it is a positive ε: a parameter with a zero gradient does not move
        Optimizer<double> inDouble = OptimizerFactory.Create<double>(kind, settings with { WeightDecay = 0 }, 2);
        double[] parameters = [1, 2];
        inDouble.Step(parameters, [0, 1]);
        Assert.Equal(1, parameters[0]);
        Assert.True(double.IsFinite(parameters[1]));
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.AdaGrad)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.RmsProp)]
    public void ALearningRateThatIsInfiniteInFloatIsRefused(OptimizerKind kind)
    {
        var error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = 1e39 }, 2));
        Assert.Equal(nameof(OptimizerSettings.LearningRate), error.ParamName);
        Assert.Contains("Single", error.Message);

        Optimizer<float> optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = 1e30 }, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = 1e39);
        Assert.Equal(1e30, optimizer.LearningRate);
    }

    [Fact]
    public void AnInitialAccumulatorThatIsZeroInFloatNeedsAnEpsilonThatIsNot()
    {
        var settings = new OptimizerSettings { InitialAccumulatorValue = 1e-50, Epsilon = 1e-50 };
        var error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>(OptimizerKind.AdaGrad, settings, 2));
        Assert.Equal(nameof(OptimizerSettings.Epsilon), error.ParamName);
    }
}
