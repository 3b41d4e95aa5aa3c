using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Teleport.Optimizers;
using Xunit.Abstractions;

namespace Teleport.Runtime.Tests.Optimizers;

/// <summary>
/// Replays PyTorch 1.13's gradients through Teleport's optimizers and compares every parameter
/// after every step with PyTorch's, and the final state buffers by state key.
/// </summary>
public sealed class TorchFixtureTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Cases() =>
        TorchFixture.Files.SelectMany(TorchFixture.Load).Select(c => new object[] { c.File, c.Name, c.DataType });

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string file, string name, string dataType)
    {
        TorchFixture fixture = TorchFixture.Find(file, name, dataType);
        Assert.True(fixture.Gradients.Length >= 25, "fixtures take at least 25 steps");
        double worst = dataType == "float32"
            ? Replay<float>(fixture, tolerance: 1e-6)
            : Replay<double>(fixture, tolerance: 1e-12);
        output.WriteLine($"{fixture.Id}: largest relative difference {worst:G3}");
    }

    [Fact]
    public void MomentumKindReplaysTheSgdMomentumFixture()
    {
        TorchFixture fixture = TorchFixture.Find("sgd", "momentum", "float32");
        Replay<float>(fixture with { Kind = OptimizerKind.Momentum, Settings = fixture.Settings with { Momentum = null } }, 1e-6);
    }

    private static double Replay<T>(TorchFixture fixture, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Optimizer<T> optimizer = OptimizerFactory.Create<T>(fixture.Kind, fixture.Settings, fixture.Initial.Length);
        T[] parameters = Convert<T>(fixture.Initial);
        double worst = 0;
        for (int step = 1; step <= fixture.Gradients.Length; step++)
        {
            if (fixture.LearningRateChanges.TryGetValue(step, out double lr))
            {
                optimizer.LearningRate = lr;
            }

            optimizer.Step(parameters, Convert<T>(fixture.Gradients[step - 1]));
            Assert.Equal(step, optimizer.StepCount);
            worst = Math.Max(worst, Compare(fixture.Parameters[step - 1], parameters, tolerance, $"{fixture.Id} step {step} parameter"));
        }

        Assert.Equal(fixture.FinalState.Keys.OrderBy(k => k, StringComparer.Ordinal), optimizer.Buffers.Select(b => b.Name).OrderBy(k => k, StringComparer.Ordinal));
        foreach (OptimizerBuffer<T> buffer in optimizer.Buffers)
        {
            worst = Math.Max(worst, Compare(fixture.FinalState[buffer.Name], buffer.Values.ToArray(), tolerance, $"{fixture.Id} final {buffer.Name}"));
        }

        return worst;
    }

    private static T[] Convert<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T> => values.Select(T.CreateTruncating).ToArray();

    private static double Compare<T>(double[] expected, T[] actual, double tolerance, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateTruncating(actual[i]);
            double difference = Math.Abs(a - expected[i]);
            double relative = difference == 0 ? 0 : difference / Math.Max(Math.Abs(a), Math.Abs(expected[i]));
            Assert.True(relative <= tolerance, $"{what} [{i}]: expected {expected[i]:R}, got {a:R} (relative difference {relative:G3})");
            worst = Math.Max(worst, relative);
        }

        return worst;
    }
}
