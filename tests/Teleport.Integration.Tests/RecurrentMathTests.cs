using System;
using Teleport.Testing;

namespace Teleport.Integration.Tests;

/// <summary>
/// The derived math of recurrent networks ([Lstm], PyTorch nn.LSTMCell semantics): the gradient by backpropagation
/// through time against central differences of the loss in double, float against double, Predict against the loss,
/// the steps argument, and no allocation after warm-up.
/// </summary>
public class RecurrentMathTests
{
    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void GradientMatchesCentralDifferences(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, model) = c.Create();
        var batch = c.NewBatch(model.Info, seed: 11);
        var gradient = new double[model.Parameters.Length];
        model.LossAndGradient(batch.Inputs, batch.TargetsD, gradient, c.Steps);

        // Every coordinate: (L(θ + h e_i) − L(θ − h e_i)) / 2h, error O(h²).
        const double h = 1e-5;
        var numeric = new double[gradient.Length];
        for (var i = 0; i < gradient.Length; i++)
        {
            var saved = model.Parameters[i];
            model.Parameters[i] = saved + h;
            var up = model.Loss(batch.Inputs, batch.TargetsD, c.Steps);
            model.Parameters[i] = saved - h;
            var down = model.Loss(batch.Inputs, batch.TargetsD, c.Steps);
            model.Parameters[i] = saved;
            numeric[i] = (up - down) / (2 * h);
        }
        var error = Batch.RelativeError(gradient, numeric);
        Assert.True(error <= 1e-8, $"{name}: relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void FloatAgreesWithDouble(string name)
    {
        var c = RecurrentCase.Get(name);
        var (f, d) = c.Create();
        var batch = c.NewBatch(d.Info, seed: 5);
        var gf = new float[f.Parameters.Length];
        var gd = new double[d.Parameters.Length];
        var lf = f.LossAndGradient(batch.InputsF, batch.TargetsF, gf, c.Steps);
        var ld = d.LossAndGradient(batch.Inputs, batch.TargetsD, gd, c.Steps);
        Assert.True(Math.Abs(lf - ld) <= 1e-5 * Math.Max(1, Math.Abs(ld)), $"{name}: loss {lf} vs {ld}");
        var error = Batch.RelativeError(Array.ConvertAll(gf, x => (double)x), gd);
        Assert.True(error <= 1e-4, $"{name}: gradient relative error {error:E3}");
        Assert.Equal((double)f.Loss(batch.InputsF, batch.TargetsF, c.Steps), (double)lf, 6);
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void PredictIsConsistentWithTheLoss(string name)
    {
        var c = RecurrentCase.Get(name);
        var (_, model) = c.Create();
        var batch = c.NewBatch(model.Info, seed: 23);
        var k = model.Info.OutputSize;
        var rows = c.Steps * c.Batch;
        var outputs = new double[rows * k];
        model.Predict(batch.Inputs, outputs, c.Steps);
        double expected = 0;
        if (batch.Labels is { } labels)
        {
            // Cross-entropy: the mean over steps and batch of log Σ exp(z) − z_y.
            for (var s = 0; s < rows; s++)
            {
                var row = outputs.AsSpan(s * k, k);
                var max = double.NegativeInfinity;
                foreach (var z in row) max = Math.Max(max, z);
                double sum = 0;
                foreach (var z in row) sum += Math.Exp(z - max);
                expected += max + Math.Log(sum) - row[labels[s]];
            }
            expected /= rows;
        }
        else
        {
            for (var i = 0; i < outputs.Length; i++) expected += (outputs[i] - batch.Values![i]) * (outputs[i] - batch.Values[i]);
            expected /= outputs.Length;
        }
        var loss = model.Loss(batch.Inputs, batch.TargetsD, c.Steps);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{name}: {loss} vs {expected}");
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void EarlierStepsDoNotSeeLaterInputs(string name)
    {
        // Causality: the outputs of the first steps of a longer sequence equal those of the prefix alone, so the
        // states really start at zero and step t reads only steps ≤ t (and a larger workspace is reused correctly).
        var c = RecurrentCase.Get(name);
        var (_, model) = c.Create();
        var batch = c.NewBatch(model.Info, seed: 29);
        var k = model.Info.OutputSize;
        var whole = new double[c.Steps * c.Batch * k];
        model.Predict(batch.Inputs, whole, c.Steps);
        var prefixSteps = c.Steps - 2;
        var prefix = new double[prefixSteps * c.Batch * k];
        model.Predict(batch.Inputs.AsSpan(0, prefixSteps * c.Batch * model.Info.InputSize), prefix, prefixSteps);
        Assert.Equal(prefix, whole.AsSpan(0, prefix.Length).ToArray());
    }

    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void MembersAllocateNothingAfterTheFirstCall(string name)
    {
        var c = RecurrentCase.Get(name);
        var (f, _) = c.Create();
        var batch = c.NewBatch(f.Info, seed: 17);
        var inputs = batch.InputsF;
        var labels = batch.Labels;
        var values = batch.Values is null ? null : Array.ConvertAll(batch.Values, x => (float)x);
        var g = new float[f.Parameters.Length];
        var outputs = new float[c.Steps * c.Batch * f.Info.OutputSize];

        void Run()
        {
            Targets<float> t = labels is not null ? new Targets<float>(labels) : new Targets<float>(values);
            f.Loss(inputs, t, c.Steps);
            f.LossAndGradient(inputs, t, g, c.Steps);
            f.Predict(inputs, outputs, c.Steps);
        }

        Run();
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 20; i++) Run();
        }));
    }

    [Fact]
    public void BadStepsAreOneLineErrorsNamingTheArgument()
    {
        var model = new Networks.LstmRegressor();
        var inputs = new float[2 * 3 * 3];
        var targets = new float[2 * 3 * 2];
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => model.Loss(inputs, targets, 0));
        Assert.Equal("steps", zero.ParamName);
        var ragged = Assert.Throws<ArgumentException>(() => model.Loss(inputs, targets, 4));
        Assert.Equal("inputs", ragged.ParamName);
        Assert.Contains("not 4 steps", ragged.Message);
        var short_ = Assert.Throws<ArgumentException>(() => model.Loss(inputs, new float[5], 2));
        Assert.Equal("targets", short_.ParamName);
    }
}
