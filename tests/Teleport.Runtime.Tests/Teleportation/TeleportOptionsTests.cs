using System;
using Teleport.Teleportation;

namespace Teleport.Runtime.Tests.Teleportation;

public sealed class TeleportOptionsTests
{
    [Fact]
    public void DefaultsAreDocumentedValues()
    {
        var options = new TeleportOptions();
        Assert.Equal(10, options.Steps);
        Assert.Equal(0.05, options.LearningRate);
        Assert.True(options.LogarithmicAscent);
        Assert.Equal(SymmetrySet.Exact, options.Symmetries);
        Assert.Equal(GroupElementMap.Exponential, options.Map);
        Assert.Equal(1e-5, options.LossTolerance);
        Assert.Equal(double.PositiveInfinity, options.GradientNormSquaredCap);
        Assert.Equal(6, options.MaxBacktracks);
        Assert.Equal(0.5, options.BacktrackFactor);
        Assert.Equal(0.5, options.MaxStepNorm);
        Assert.True(options.RequireAscent);
        Assert.True(options.GradientTransport);
    }

    [Fact]
    public void InvalidValuesThrowNamingTheOption()
    {
        var options = new TeleportOptions();
        AssertRejected(nameof(TeleportOptions.Steps), () => options.Steps = -1);
        AssertRejected(nameof(TeleportOptions.LearningRate), () => options.LearningRate = 0);
        AssertRejected(nameof(TeleportOptions.LearningRate), () => options.LearningRate = double.NaN);
        AssertRejected(nameof(TeleportOptions.LearningRate), () => options.LearningRate = double.PositiveInfinity);
        AssertRejected(nameof(TeleportOptions.Symmetries), () => options.Symmetries = (SymmetrySet)7);
        AssertRejected(nameof(TeleportOptions.Map), () => options.Map = (GroupElementMap)7);
        AssertRejected(nameof(TeleportOptions.LossTolerance), () => options.LossTolerance = -1e-9);
        AssertRejected(nameof(TeleportOptions.LossTolerance), () => options.LossTolerance = double.NaN);
        AssertRejected(nameof(TeleportOptions.GradientNormSquaredCap), () => options.GradientNormSquaredCap = 0);
        AssertRejected(nameof(TeleportOptions.GradientNormSquaredCap), () => options.GradientNormSquaredCap = double.NaN);
        AssertRejected(nameof(TeleportOptions.MaxBacktracks), () => options.MaxBacktracks = -1);
        AssertRejected(nameof(TeleportOptions.BacktrackFactor), () => options.BacktrackFactor = 1);
        AssertRejected(nameof(TeleportOptions.BacktrackFactor), () => options.BacktrackFactor = 0);
        AssertRejected(nameof(TeleportOptions.MaxStepNorm), () => options.MaxStepNorm = 0);
        AssertRejected(nameof(TeleportOptions.MaxStepNorm), () => options.MaxStepNorm = double.NaN);

        // unchanged by the failed assignments; +∞ is allowed where documented
        Assert.Equal(10, options.Steps);
        options.MaxStepNorm = double.PositiveInfinity;
        options.GradientNormSquaredCap = 100;
        TeleportOptions copy = options.Clone();
        Assert.Equal(100, copy.GradientNormSquaredCap);
        Assert.Equal(double.PositiveInfinity, copy.MaxStepNorm);
    }

    private static void AssertRejected(string name, Action assign)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(assign);
        Assert.Equal(name, error.ParamName);
        Assert.Contains(name, error.Message);
    }
}
