using System;
using System.Linq;
using Teleport.Teleportation;

namespace Teleport.Integration.Tests;

/// <summary>
/// As <see cref="ParameterOverlapTests"/>, for the teleport members: TeleportObjectiveGradient's gradient (∇L) and
/// OrbitDerivatives' first, second and third (γ′, γ″, γ‴) must not overlap the model's Parameters. Before, both ran and
/// overwrote θ with their output. A separate array holding a copy of θ gives the usual values.
/// </summary>
public class ParameterOverlapTeleportTests
{
    public static TheoryData<string> Teleportable()
    {
        var data = new TheoryData<string>();
        foreach (var c in NetworkCase.All)
            if (c.Create().D is ITeleportable<double> { Info.Symmetries.Count: > 0 }) data.Add(c.Name);
        return data;
    }

    public static TheoryData<string> WithOrbits()
    {
        var data = new TheoryData<string>();
        foreach (var c in NetworkCase.All)
            if (c.Create().D is IOrbitDerivatives<double> { Info.Symmetries.Count: > 0 }) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Teleportable))]
    public void TeleportObjectiveGradientIntoParametersIsRefused(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var model = (ITeleportable<double>)d;
        var info = d.Info;
        var batch = new Batch(info, c.Batch, seed: 71);
        var all = Enumerable.Repeat(true, info.Symmetries.Count).ToArray();
        var lie = new double[info.Symmetries.Sum(s => s.Dimension)];
        var theta = d.Parameters.ToArray();
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => model.TeleportObjectiveGradient(batch.Inputs, batch.TargetsD, all, d.Parameters, lie)), "gradient");
        Assert.Equal(theta, d.Parameters.ToArray());

        var gradient = new double[theta.Length];
        var expected = model.TeleportObjectiveGradient(batch.Inputs, batch.TargetsD, all, gradient, lie);
        var expectedLie = lie.ToArray();
        var copy = d.Parameters.ToArray();
        var value = model.TeleportObjectiveGradient(batch.Inputs, batch.TargetsD, all, copy, lie);
        Assert.Equal(expected, value);
        Assert.Equal(gradient, copy);
        Assert.Equal(expectedLie, lie);
    }

    [Theory]
    [MemberData(nameof(WithOrbits))]
    public void OrbitDerivativesIntoParametersAreRefused(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var model = (IOrbitDerivatives<double>)d;
        var info = d.Info;
        var batch = new Batch(info, c.Batch, seed: 72);
        var active = new bool[info.Symmetries.Count];
        active[0] = true;
        var generator = new double[info.Symmetries.Sum(s => s.Dimension)];
        var random = new Random(73);
        for (var i = 0; i < info.Symmetries[0].Dimension; i++) generator[i] = 2 * random.NextDouble() - 1;
        var count = d.Parameters.Length;
        var theta = d.Parameters.ToArray();
        var mode = OrbitDerivativeMode.Exact;
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => model.OrbitDerivatives(active, generator, batch.Inputs, mode, d.Parameters, new double[count], new double[count])), "first");
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => model.OrbitDerivatives(active, generator, batch.Inputs, mode, new double[count], d.Parameters, new double[count])), "second");
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => model.OrbitDerivatives(active, generator, batch.Inputs, mode, new double[count], new double[count], d.Parameters)), "third");
        Assert.Equal(theta, d.Parameters.ToArray());

        var (first, second, third) = (new double[count], new double[count], new double[count]);
        var formed = model.OrbitDerivatives(active, generator, batch.Inputs, mode, first, second, third);
        var (c1, c2, c3) = (d.Parameters.ToArray(), d.Parameters.ToArray(), d.Parameters.ToArray());
        Assert.Equal(formed, model.OrbitDerivatives(active, generator, batch.Inputs, mode, c1, c2, c3));
        Assert.Equal(first, c1);
        Assert.Equal(second, c2);
        Assert.Equal(third, c3);
        Assert.Contains(first, x => x != 0);
    }
}
