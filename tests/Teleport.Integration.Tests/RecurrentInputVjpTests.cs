using System;

namespace Teleport.Integration.Tests;

/// <summary>
/// WindowVjp: its parameter gradient equals WindowGradient's, and its input cotangents δX_t match central differences
/// of Σ_s ⟨δY_s, Y_s⟩ with respect to each input of each step, in double, on every recurrent test network.
/// </summary>
public class RecurrentInputVjpTests
{
    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void InputCotangentsMatchCentralDifferences(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, model) = c.Create();
        var batch = c.NewBatch(model.Info, seed: 43);
        var k = model.Info.OutputSize;
        var d = model.Info.InputSize;
        var cotangents = Batch.Direction(c.Steps * c.Batch * k, seed: 47);
        var inputs = (double[])batch.Inputs.Clone();

        double F(double[] x)
        {
            model.BeginWindow(c.Batch, c.Steps);
            var outputs = new double[c.Batch * k];
            double sum = 0;
            for (var t = 0; t < c.Steps; t++)
            {
                model.Step(x.AsSpan(t * c.Batch * d, c.Batch * d), outputs);
                for (var i = 0; i < outputs.Length; i++) sum += cotangents[t * c.Batch * k + i] * outputs[i];
            }
            return sum;
        }

        F(inputs);
        var gradient = new double[model.Parameters.Length];
        var inputCotangents = new double[inputs.Length];
        model.WindowVjp(cotangents, gradient, inputCotangents);
        var expected = new double[gradient.Length];
        model.WindowGradient(cotangents, expected);
        Assert.True(Batch.RelativeError(gradient, expected) <= 1e-15, $"{name}: WindowVjp's parameter gradient differs from WindowGradient's");

        const double h = 1e-6;
        var numeric = new double[inputs.Length];
        var probe = (double[])inputs.Clone();
        for (var i = 0; i < inputs.Length; i++)
        {
            probe[i] = inputs[i] + h;
            var up = F(probe);
            probe[i] = inputs[i] - h;
            var down = F(probe);
            probe[i] = inputs[i];
            numeric[i] = (up - down) / (2 * h);
        }
        var error = Batch.RelativeError(inputCotangents, numeric);
        Assert.True(error <= 1e-8, $"{name}: relative error {error:E3}");
    }
}
