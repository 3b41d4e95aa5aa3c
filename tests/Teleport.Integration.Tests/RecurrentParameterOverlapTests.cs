using System;

namespace Teleport.Integration.Tests;

/// <summary>
/// As <see cref="ParameterOverlapTests"/>, for the recurrent members: LossAndGradient's, WindowGradient's and
/// WindowVjp's gradient must not overlap the model's Parameters. Before, they ran and replaced θ; LossAndGradient's
/// backpropagation through time, which reads W_ih and W_hh at every step while it accumulates G, wrote a gradient
/// 12–80% (relative, measured) off on these networks. A separate array holding a copy of θ gives the usual values.
/// </summary>
public class RecurrentParameterOverlapTests
{
    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void LossAndGradientIntoParametersIsRefused(string name)
    {
        var c = RecurrentCase.Get(name);
        var (f, d) = c.Create();
        var batch = c.NewBatch(d.Info, seed: 81);
        var theta = d.Parameters.ToArray();
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => d.LossAndGradient(batch.Inputs, batch.TargetsD, d.Parameters, c.Steps)), "gradient");
        Assert.Equal(theta, d.Parameters.ToArray());
        var inputsF = batch.InputsF;
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => f.LossAndGradient(inputsF, batch.TargetsF, f.Parameters, c.Steps)), "gradient");

        var gradient = new double[theta.Length];
        var loss = d.LossAndGradient(batch.Inputs, batch.TargetsD, gradient, c.Steps);
        var copy = d.Parameters.ToArray();
        Assert.Equal(loss, d.LossAndGradient(batch.Inputs, batch.TargetsD, copy, c.Steps));
        Assert.Equal(gradient, copy);
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void WindowGradientAndVjpIntoParametersAreRefused(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, d) = c.Create();
        var batch = c.NewBatch(d.Info, seed: 82);
        c.RunWindow(d, batch.Inputs);
        var cotangents = Batch.Direction(c.Steps * c.Batch * d.Info.OutputSize, seed: 83);
        var inputCotangents = new double[c.Steps * c.Batch * d.Info.InputSize];
        var theta = d.Parameters.ToArray();
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => d.WindowGradient(cotangents, d.Parameters)), "gradient");
        ParameterOverlapTests.AssertRefused(Assert.Throws<ArgumentException>(
            () => d.WindowVjp(cotangents, d.Parameters, inputCotangents)), "gradient");
        Assert.Equal(theta, d.Parameters.ToArray());

        var gradient = new double[theta.Length];
        d.WindowGradient(cotangents, gradient);
        var copy = d.Parameters.ToArray();
        d.WindowGradient(cotangents, copy);
        Assert.Equal(gradient, copy);
        var expectedInputs = new double[inputCotangents.Length];
        d.WindowVjp(cotangents, gradient, expectedInputs);
        copy = d.Parameters.ToArray();
        d.WindowVjp(cotangents, copy, inputCotangents);
        Assert.Equal(gradient, copy);
        Assert.Equal(expectedInputs, inputCotangents);
    }
}
