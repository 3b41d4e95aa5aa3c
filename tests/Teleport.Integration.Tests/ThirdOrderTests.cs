using System;
using Teleport.Testing;

namespace Teleport.Integration.Tests;

/// <summary>
/// The generated third-order term D³L[v, v, ·] = ∂(vᵀHv)/∂θ of every test architecture against central differences
/// of the generated H·v along v in double, float against double, and no allocation after the first call.
/// </summary>
public class ThirdOrderTests
{
    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void ThirdOrderTermMatchesDifferencesOfHessianVectorProducts(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var model = (IThirdOrderModel<double>)d;
        var batch = new Batch(model.Info, c.Batch, seed: 21);
        var count = model.Parameters.Length;
        var v = Batch.Direction(count, seed: 22);
        var hv = new double[count];
        var third = new double[count];
        var loss = model.QuadraticFormGradient(batch.Inputs, batch.TargetsD, v, hv, third);

        var expectedHv = new double[count];
        model.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, expectedHv);
        Assert.Equal(model.Loss(batch.Inputs, batch.TargetsD), loss, 12);
        Assert.True(Batch.RelativeError(hv, expectedHv) <= 1e-13, $"{name}: H·v differs from HessianVectorProduct");

        // d/dε H(θ + εv)·v by central differences; piecewise-linear networks need a step that stays in one region.
        var h = c.PiecewiseLinear ? 1e-6 : 1e-4;
        var theta = model.Parameters.ToArray();
        var plus = new double[count];
        var minus = new double[count];
        for (var i = 0; i < count; i++) model.Parameters[i] = theta[i] + h * v[i];
        model.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, plus);
        for (var i = 0; i < count; i++) model.Parameters[i] = theta[i] - h * v[i];
        model.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, minus);
        theta.CopyTo(model.Parameters);
        var fd = new double[count];
        for (var i = 0; i < count; i++) fd[i] = (plus[i] - minus[i]) / (2 * h);

        var error = Batch.RelativeError(third, fd);
        Assert.True(error <= 1e-5, $"{name}: D³L[v,v,·] relative error {error:E3}");
        Assert.Contains(third, x => x != 0);
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void FloatAgreesWithDoubleAndAllocatesNothing(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, d) = c.Create();
        var single = (IThirdOrderModel<float>)f;
        var twin = (IThirdOrderModel<double>)d;
        var batch = new Batch(d.Info, c.Batch, seed: 23);
        var count = d.Parameters.Length;
        var v = Batch.Direction(count, seed: 24);
        var vf = Array.ConvertAll(v, x => (float)x);
        var (hd, td) = (new double[count], new double[count]);
        var (hf, tf) = (new float[count], new float[count]);
        twin.QuadraticFormGradient(batch.Inputs, batch.TargetsD, v, hd, td);
        var inputs = batch.InputsF;
        var targets = batch.TargetsF;
        single.QuadraticFormGradient(inputs, targets, vf, hf, tf);
        var error = Batch.RelativeError(Array.ConvertAll(tf, x => (double)x), td);
        Assert.True(error <= 1e-3, $"{name}: float D³L relative error {error:E3}");

        // Targets<float> is a ref struct a lambda cannot hold: the measured code re-wraps the same arrays.
        var (labels, values) = (batch.Labels, batch.Labels is null ? Array.ConvertAll(batch.Values!, x => (float)x) : null);
        Assert.Equal(0, Allocations.SteadyState(() =>
        {
            var t = labels is not null ? new Targets<float>(labels) : new Targets<float>(values!);
            for (var i = 0; i < 5; i++) single.QuadraticFormGradient(inputs, t, vf, hf, tf);
        }));
    }
}
