using System;
using Teleport.Testing;

namespace Teleport.Integration.Tests;

/// <summary>
/// The generated loss, gradient and Hessian-vector product of every test architecture, checked
/// against central finite differences in double, and float against double.
/// </summary>
public class DerivedMathTests
{
    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void GradientMatchesCentralDifferences(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, c.Batch, seed: 11);
        var theta = model.Parameters;
        var gradient = new double[theta.Length];
        model.LossAndGradient(batch.Inputs, batch.TargetsD, gradient);

        var h = c.PiecewiseLinear ? 1e-7 : 1e-5;
        var fd = new double[theta.Length];
        for (var i = 0; i < theta.Length; i++)
        {
            var saved = theta[i];
            theta[i] = saved + h;
            var plus = model.Loss(batch.Inputs, batch.TargetsD);
            theta[i] = saved - h;
            var minus = model.Loss(batch.Inputs, batch.TargetsD);
            theta[i] = saved;
            fd[i] = (plus - minus) / (2 * h);
        }
        var error = Batch.RelativeError(gradient, fd);
        Assert.True(error <= 1e-6, $"{name}: gradient relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void HessianVectorProductMatchesDifferencesOfTheGradient(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, c.Batch, seed: 12);
        var count = model.Parameters.Length;
        var v = Batch.Direction(count, seed: 13);
        var hv = new double[count];
        model.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, hv);

        var h = c.PiecewiseLinear ? 1e-6 : 1e-4;
        var theta = model.Parameters.ToArray();
        var plus = new double[count];
        var minus = new double[count];
        for (var i = 0; i < count; i++) model.Parameters[i] = theta[i] + h * v[i];
        model.LossAndGradient(batch.Inputs, batch.TargetsD, plus);
        for (var i = 0; i < count; i++) model.Parameters[i] = theta[i] - h * v[i];
        model.LossAndGradient(batch.Inputs, batch.TargetsD, minus);
        theta.CopyTo(model.Parameters);
        var fd = new double[count];
        for (var i = 0; i < count; i++) fd[i] = (plus[i] - minus[i]) / (2 * h);

        var error = Batch.RelativeError(hv, fd);
        Assert.True(error <= 1e-5, $"{name}: HVP relative error {error:E3}");
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void FloatAgreesWithDouble(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, d) = c.Create();
        var batch = new Batch(d.Info, c.Batch, seed: 14);
        var count = d.Parameters.Length;
        var v = Batch.Direction(count, seed: 15);
        var vf = Array.ConvertAll(v, x => (float)x);

        var gd = new double[count];
        var gf = new float[count];
        var lossD = d.LossAndGradient(batch.Inputs, batch.TargetsD, gd);
        var lossF = f.LossAndGradient(batch.InputsF, batch.TargetsF, gf);
        var hd = new double[count];
        var hf = new float[count];
        d.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, hd);
        f.HessianVectorProduct(batch.InputsF, batch.TargetsF, vf, hf);

        Assert.True(Math.Abs(lossF - lossD) <= 1e-4 * Math.Abs(lossD), $"{name}: loss {lossF} vs {lossD}");
        Assert.True(Math.Abs(f.Loss(batch.InputsF, batch.TargetsF) - lossF) <= 1e-6 * Math.Abs(lossD), $"{name}: Loss and LossAndGradient disagree");
        var gError = Batch.RelativeError(Array.ConvertAll(gf, x => (double)x), gd);
        var hError = Batch.RelativeError(Array.ConvertAll(hf, x => (double)x), hd);
        Assert.True(gError <= 1e-4, $"{name}: float gradient relative error {gError:E3}");
        Assert.True(hError <= 1e-4, $"{name}: float HVP relative error {hError:E3}");
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void PredictIsConsistentWithTheLoss(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, model) = c.Create();
        var batch = new Batch(model.Info, c.Batch, seed: 16);
        var outputs = new double[c.Batch * model.Info.OutputSize];
        model.Predict(batch.Inputs, outputs);
        double expected = 0;
        var k = model.Info.OutputSize;
        for (var s = 0; s < c.Batch; s++)
        {
            var row = outputs.AsSpan(s * k, k);
            if (batch.Labels is { } labels)
            {
                var max = double.NegativeInfinity;
                foreach (var z in row) max = Math.Max(max, z);
                double sum = 0;
                foreach (var z in row) sum += Math.Exp(z - max);
                expected += Math.Log(sum) + max - row[labels[s]];
            }
            else
            {
                for (var j = 0; j < k; j++) expected += Math.Pow(row[j] - batch.Values![s * k + j], 2) / k;
            }
        }
        expected /= c.Batch;
        var loss = model.Loss(batch.Inputs, batch.TargetsD);
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{name}: {loss} vs {expected}");
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void MembersAllocateNothingAfterTheFirstCall(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, _) = c.Create();
        var batch = new Batch(f.Info, c.Batch, seed: 17);
        var inputs = batch.InputsF;
        var labels = batch.Labels;
        var values = batch.Values is null ? null : Array.ConvertAll(batch.Values, x => (float)x);
        var g = new float[f.Parameters.Length];
        var r = new float[f.Parameters.Length];
        var outputs = new float[c.Batch * f.Info.OutputSize];

        void Run()
        {
            Targets<float> t = labels is not null ? new Targets<float>(labels) : new Targets<float>(values);
            f.Loss(inputs, t);
            f.LossAndGradient(inputs, t, g);
            f.HessianVectorProduct(inputs, t, g, r);
            f.Predict(inputs, outputs);
        }

        Run();
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            for (var i = 0; i < 20; i++) Run();
        }));
    }
}
