using System;
using Teleport.Testing;

namespace Teleport.Integration.Tests;

/// <summary>
/// The window members meta-training uses: Step (one step at a time, kept in the tape) against Predict, WindowGradient
/// (the vector-Jacobian product over the window) against central differences of Σ_t ⟨δY_t, Y_t⟩ in double, a window
/// carrying the previous window's states (truncated backpropagation through time), and no allocation after warm-up.
/// </summary>
public class RecurrentWindowTests
{
    private static double[] Run(IRecurrentModel<double> model, double[] inputs, int n, int from, int count, bool carry, int capacity)
    {
        var k = model.Info.OutputSize;
        var d = model.Info.InputSize;
        model.BeginWindow(n, capacity, carry);
        var outputs = new double[count * n * k];
        for (var t = 0; t < count; t++)
            model.Step(inputs.AsSpan((from + t) * n * d, n * d), outputs.AsSpan(t * n * k, n * k));
        return outputs;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void StepsReproducePredict(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, model) = c.Create();
        var batch = c.NewBatch(model.Info, seed: 31);
        var expected = new double[c.Steps * c.Batch * model.Info.OutputSize];
        model.Predict(batch.Inputs, expected, c.Steps);
        // A larger capacity than used: the tape's layout depends on it, the values must not.
        var stepped = Run(model, batch.Inputs, c.Batch, 0, c.Steps, carry: false, capacity: c.Steps + 3);
        Assert.True(Batch.RelativeError(stepped, expected) <= 1e-15, name);

        // Two windows, the second carrying the first's states, continue the same sequence.
        var split = c.Steps / 2;
        Run(model, batch.Inputs, c.Batch, 0, split, carry: false, capacity: c.Steps);
        var second = Run(model, batch.Inputs, c.Batch, split, c.Steps - split, carry: true, capacity: c.Steps);
        var tail = expected.AsSpan(split * c.Batch * model.Info.OutputSize).ToArray();
        Assert.True(Batch.RelativeError(second, tail) <= 1e-15, name);
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void WindowGradientMatchesCentralDifferences(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, model) = c.Create();
        var batch = c.NewBatch(model.Info, seed: 37);
        var k = model.Info.OutputSize;
        var split = 2;
        var steps = c.Steps - split;
        var cotangents = Batch.Direction(steps * c.Batch * k, seed: 41);

        // f(θ′) = Σ_t ⟨δY_t, Y_t⟩ over the second window of a sequence run with θ′, whose initial states the first
        // window computed with θ: constants of the window, as WindowGradient treats them.
        var theta = model.Parameters.ToArray();
        double F(double[] parameters)
        {
            theta.CopyTo(model.Parameters);
            Run(model, batch.Inputs, c.Batch, 0, split, carry: false, capacity: c.Steps);
            parameters.CopyTo(model.Parameters);
            return Dot(Run(model, batch.Inputs, c.Batch, split, steps, carry: true, capacity: c.Steps), cotangents);
        }

        F(theta);
        var gradient = new double[theta.Length];
        model.WindowGradient(cotangents, gradient);

        const double h = 1e-6;
        var numeric = new double[theta.Length];
        var probe = (double[])theta.Clone();
        for (var i = 0; i < theta.Length; i++)
        {
            probe[i] = theta[i] + h;
            var up = F(probe);
            probe[i] = theta[i] - h;
            var down = F(probe);
            probe[i] = theta[i];
            numeric[i] = (up - down) / (2 * h);
        }
        var error = Batch.RelativeError(gradient, numeric);
        Assert.True(error <= 1e-8, $"{name}: relative error {error:E3}");
    }

    [Fact]
    public void WindowMembersAllocateNothingAfterWarmUp()
    {
        var c = RecurrentCase.Get("StackedLstmClassifier");
        var (f, _) = c.Create();
        var batch = c.NewBatch(f.Info, seed: 43);
        var inputs = batch.InputsF;
        var k = f.Info.OutputSize;
        var outputs = new float[c.Batch * k];
        var cotangents = new float[c.Steps * c.Batch * k];
        cotangents.AsSpan().Fill(0.5f);
        var gradient = new float[f.Parameters.Length];

        void Run(bool carry)
        {
            f.BeginWindow(c.Batch, c.Steps, carry);
            for (var t = 0; t < c.Steps; t++) f.Step(inputs.AsSpan(t * c.Batch * f.Info.InputSize, c.Batch * f.Info.InputSize), outputs);
            f.WindowGradient(cotangents, gradient);
        }

        Run(false);
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 10; i++) Run(true);
        }));
    }

    [Fact]
    public void MisusedWindowsAreClearErrors()
    {
        var model = new Networks.LstmRegressor();
        var inputs = new float[2 * 3];
        var outputs = new float[2 * 2];
        var early = Assert.Throws<InvalidOperationException>(() => model.Step(inputs, outputs));
        Assert.Contains("BeginWindow", early.Message);
        model.BeginWindow(2, 1);
        model.Step(inputs, outputs);
        var full = Assert.Throws<InvalidOperationException>(() => model.Step(inputs, outputs));
        Assert.Contains("full", full.Message);
        var carry = Assert.Throws<ArgumentException>(() => model.BeginWindow(3, 1, carryState: true));
        Assert.Equal("carryState", carry.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.BeginWindow(0, 1));
        model.BeginWindow(2, 2);
        var wrong = Assert.Throws<ArgumentException>(() => model.Step(new float[5], outputs));
        Assert.Equal("inputs", wrong.ParamName);
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void WindowGradientBeforeBeginWindowSaysToCallBeginWindow(string name)
    {
        // Before BeginWindow the window holds 0 steps, so a length check alone would refuse any cotangents for their
        // length (and accept empty ones): the missing window must be named instead, with or without cotangents.
        var c = RecurrentCase.Get(name);
        var (f, d) = c.Create();
        var cotangents = new double[c.Steps * c.Batch * d.Info.OutputSize];
        var gradient = new double[d.Info.ParameterCount];
        var filled = Assert.Throws<InvalidOperationException>(() => d.WindowGradient(cotangents, gradient));
        Assert.Contains("WindowGradient needs a window: call BeginWindow first", filled.Message);
        var empty = Assert.Throws<InvalidOperationException>(() => f.WindowGradient(ReadOnlySpan<float>.Empty, new float[f.Info.ParameterCount]));
        Assert.Contains("BeginWindow", empty.Message);
        var vjp = Assert.Throws<InvalidOperationException>(
            () => d.WindowVjp(cotangents, gradient, new double[c.Steps * c.Batch * d.Info.InputSize]));
        Assert.Contains("WindowVjp needs a window: call BeginWindow first", vjp.Message);
    }
}
