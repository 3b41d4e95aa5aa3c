using System;
using System.Collections.Generic;
using Teleport.Optimizers;

namespace Teleport.Runtime.Tests.Arguments;

/// <summary>
/// Optimizer hyperparameters a caller of the library (not the CLI, which checks its options) gets wrong: each is refused
/// when the optimizer is made, as an <see cref="ArgumentException"/> whose ParamName is the setting's property.
/// </summary>
public sealed class OptimizerArgumentTests
{
    [Theory]
    [InlineData(OptimizerKind.Sgd, nameof(OptimizerSettings.LearningRate), double.NaN)]
    [InlineData(OptimizerKind.Adam, nameof(OptimizerSettings.LearningRate), -1.0)]
    [InlineData(OptimizerKind.AdamW, nameof(OptimizerSettings.LearningRate), double.PositiveInfinity)]
    [InlineData(OptimizerKind.Momentum, nameof(OptimizerSettings.WeightDecay), -1.0)]
    [InlineData(OptimizerKind.RmsProp, nameof(OptimizerSettings.WeightDecay), double.NaN)]
    [InlineData(OptimizerKind.Adam, nameof(OptimizerSettings.Epsilon), double.NaN)]
    [InlineData(OptimizerKind.AdaGrad, nameof(OptimizerSettings.Epsilon), -1e-8)]
    [InlineData(OptimizerKind.Sgd, nameof(OptimizerSettings.Momentum), -0.5)]
    [InlineData(OptimizerKind.RmsProp, nameof(OptimizerSettings.Momentum), double.NaN)]
    [InlineData(OptimizerKind.Momentum, nameof(OptimizerSettings.Dampening), double.NaN)]
    [InlineData(OptimizerKind.Adam, nameof(OptimizerSettings.Beta1), 1.0)]
    [InlineData(OptimizerKind.AdamW, nameof(OptimizerSettings.Beta1), -0.1)]
    [InlineData(OptimizerKind.Adam, nameof(OptimizerSettings.Beta2), double.NaN)]
    [InlineData(OptimizerKind.AdamW, nameof(OptimizerSettings.Beta2), 1.5)]
    [InlineData(OptimizerKind.RmsProp, nameof(OptimizerSettings.Alpha), double.NaN)]
    [InlineData(OptimizerKind.AdaGrad, nameof(OptimizerSettings.LearningRateDecay), -1.0)]
    [InlineData(OptimizerKind.AdaGrad, nameof(OptimizerSettings.InitialAccumulatorValue), double.NaN)]
    public void AnInvalidHyperparameterIsNamed(OptimizerKind kind, string setting, double value)
    {
        var error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>(kind, With(setting, value), 4));
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void TheMessageSaysTheValueAndWhatIsAllowed()
    {
        var error = Assert.Throws<ArgumentException>(() => new Adam<float>(4, new OptimizerSettings { LearningRate = double.NaN }));
        Assert.StartsWith("Invalid learning rate: NaN (must be finite and ≥ 0).", error.Message);
    }

    // PyTorch accepts eps = 0, but a parameter whose gradient is exactly 0 (a dead unit's weights) then steps by 0/0.
    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    [InlineData(OptimizerKind.AdaGrad)]
    public void AZeroEpsilonThatWouldDivideZeroByZeroIsRefused(OptimizerKind kind)
    {
        var error = Assert.Throws<ArgumentException>(() => OptimizerFactory.Create<float>(kind, new OptimizerSettings { Epsilon = 0 }, 4));
        Assert.Equal(nameof(OptimizerSettings.Epsilon), error.ParamName);
        Assert.Contains("0/0", error.Message);
    }

    [Fact]
    public void AZeroEpsilonStaysAllowedWhereNothingDividesByZero()
    {
        // SGD has no denominator; AdaGrad's sum starts above 0 with an initial accumulator value.
        Assert.Equal(0, new Sgd<float>(4, new OptimizerSettings { Epsilon = 0 }).Settings.Epsilon);
        var adaGrad = new AdaGrad<float>(2, new OptimizerSettings { Epsilon = 0, InitialAccumulatorValue = 0.1 });
        float[] parameters = [1, 1];
        adaGrad.Step(parameters, [0, 1]);
        Assert.True(float.IsFinite(parameters[0]) && float.IsFinite(parameters[1]));
    }

    // PyTorch checks only alpha ≥ 0: above 1, α·v + (1 − α)·g² goes negative and its √ is NaN on the first step; at 1
    // the average stays at its start, 0, and every step is g/eps.
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void AnRmsPropAlphaOfOneOrMoreIsRefused(double alpha)
    {
        var error = Assert.Throws<ArgumentException>(() => new RmsProp<float>(4, new OptimizerSettings { Alpha = alpha }));
        Assert.Equal(nameof(OptimizerSettings.Alpha), error.ParamName);
        Assert.Contains("[0, 1)", error.Message);
    }

    private static OptimizerSettings With(string setting, double value) => setting switch
    {
        nameof(OptimizerSettings.LearningRate) => new() { LearningRate = value },
        nameof(OptimizerSettings.WeightDecay) => new() { WeightDecay = value },
        nameof(OptimizerSettings.Epsilon) => new() { Epsilon = value },
        nameof(OptimizerSettings.Momentum) => new() { Momentum = value },
        nameof(OptimizerSettings.Dampening) => new() { Momentum = 0.9, Dampening = value },
        nameof(OptimizerSettings.Beta1) => new() { Beta1 = value },
        nameof(OptimizerSettings.Beta2) => new() { Beta2 = value },
        nameof(OptimizerSettings.Alpha) => new() { Alpha = value },
        nameof(OptimizerSettings.LearningRateDecay) => new() { LearningRateDecay = value },
        nameof(OptimizerSettings.InitialAccumulatorValue) => new() { InitialAccumulatorValue = value },
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "Not a numeric setting."),
    };

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdaGrad)]
    public void AGradientShiftedOverTheParametersIsRefused(OptimizerKind kind)
    {
        // Step checked the lengths only: a gradient one element before the parameters was read after the update wrote
        // there, and the step came out silently wrong.
        const int count = 40;
        var memory = new float[count + 1];
        for (int i = 0; i < memory.Length; i++) memory[i] = (i % 7 - 3) * 0.25f;
        var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings { LearningRate = 0.1 }, count);
        Assert.Throws<ArgumentException>("gradient", () => optimizer.Step(memory.AsSpan(1, count), memory.AsSpan(0, count)));
        Assert.Equal(0, optimizer.StepCount);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Sgd)]
    public void AStepPastTheLargestStepCountIsRefused(OptimizerKind kind)
    {
        // The count wrapped to long.MinValue, and Adam's bias corrections made every parameter NaN.
        var optimizer = OptimizerFactory.Create<float>(kind, new OptimizerSettings(), 4);
        var saved = optimizer.SaveState();
        optimizer.LoadState(new OptimizerState<float>
        {
            Kind = saved.Kind, ParameterCount = saved.ParameterCount, StepCount = long.MaxValue - 1, Settings = saved.Settings, Buffers = saved.Buffers,
        });
        float[] parameters = [1, 2, 3, 4], gradient = [0.5f, -0.5f, 0.25f, 0];
        optimizer.Step(parameters, gradient);
        Assert.Equal(long.MaxValue, optimizer.StepCount);
        var before = (float[])parameters.Clone();

        var error = Assert.Throws<InvalidOperationException>(() => optimizer.Step(parameters, gradient));
        Assert.Contains("Reset", error.Message);
        Assert.Equal(long.MaxValue, optimizer.StepCount);
        Assert.Equal(before, parameters);
        optimizer.Reset();
        optimizer.Step(parameters, gradient);
        Assert.All(parameters, p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void AStateWithoutBuffersIsNamedByTheValueCheck()
    {
        // FindImpossible threw a NullReferenceException for a missing dictionary or a missing buffer array.
        var settings = new OptimizerSettings().Resolve(OptimizerKind.Adam);
        OptimizerState<float> State(IReadOnlyDictionary<string, float[]> buffers) =>
            new() { Kind = OptimizerKind.Adam, ParameterCount = 1, StepCount = 0, Settings = settings, Buffers = buffers };
        Assert.Throws<ArgumentException>("state", () => OptimizerStateValues.FindImpossible(State(null!)));
        var error = Assert.Throws<ArgumentException>("state", () => OptimizerStateValues.FindImpossible(State(new Dictionary<string, float[]> { ["exp_avg"] = null! })));
        Assert.Contains("exp_avg", error.Message);
        Assert.Null(OptimizerStateValues.FindImpossible(State(new Dictionary<string, float[]> { ["exp_avg"] = [0f], ["exp_avg_sq"] = [0f] })));
    }
}
