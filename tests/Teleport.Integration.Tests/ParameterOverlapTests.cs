using System;

namespace Teleport.Integration.Tests;

/// <summary>
/// The generated members that write a parameter-sized output refuse one that shares memory with the model's own
/// Parameters (e.g. <c>LossAndGradient(x, y, model.Parameters)</c>), naming the output and saying it overlaps
/// Parameters, and leave θ untouched. Before, they ran and replaced θ by the output; on these feed-forward networks the
/// emitted statements happened to read each weight before writing its slice, so the values were right (measured), but
/// the recurrent backward is not (see <see cref="RecurrentParameterOverlapTests"/>) and one boundary rule does not hang
/// on statement order. A separate array holding a copy of θ is not an overlap and gives the usual values; Parameters
/// passed as a read-only input (v = θ) is still allowed.
/// </summary>
public class ParameterOverlapTests
{
    internal static void AssertRefused(ArgumentException error, string output) => OverlapAssert.Refused(error, output, "Parameters");

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void LossAndGradientIntoParametersIsRefused(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, d) = c.Create();
        var batch = new Batch(d.Info, c.Batch, seed: 61);
        var theta = d.Parameters.ToArray();
        AssertRefused(Assert.Throws<ArgumentException>(
            () => d.LossAndGradient(batch.Inputs, batch.TargetsD, d.Parameters)), "gradient");
        Assert.Equal(theta, d.Parameters.ToArray());
        var thetaF = f.Parameters.ToArray();
        var inputsF = batch.InputsF;
        AssertRefused(Assert.Throws<ArgumentException>(
            () => f.LossAndGradient(inputsF, batch.TargetsF, f.Parameters)), "gradient");
        Assert.Equal(thetaF, f.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void HessianVectorProductIntoParametersIsRefused(string name)
    {
        var c = NetworkCase.Get(name);
        var (f, d) = c.Create();
        var batch = new Batch(d.Info, c.Batch, seed: 62);
        var v = Batch.Direction(d.Info.ParameterCount, seed: 63);
        var theta = d.Parameters.ToArray();
        AssertRefused(Assert.Throws<ArgumentException>(
            () => d.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, d.Parameters)), "result");
        Assert.Equal(theta, d.Parameters.ToArray());
        var vf = Array.ConvertAll(v, x => (float)x);
        var inputsF = batch.InputsF;
        AssertRefused(Assert.Throws<ArgumentException>(
            () => f.HessianVectorProduct(inputsF, batch.TargetsF, vf, f.Parameters)), "result");
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void QuadraticFormGradientIntoParametersIsRefused(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var model = (IThirdOrderModel<double>)d;
        var batch = new Batch(d.Info, c.Batch, seed: 64);
        var count = d.Info.ParameterCount;
        var v = Batch.Direction(count, seed: 65);
        var theta = d.Parameters.ToArray();
        AssertRefused(Assert.Throws<ArgumentException>(
            () => model.QuadraticFormGradient(batch.Inputs, batch.TargetsD, v, d.Parameters, new double[count])), "hessianVector");
        AssertRefused(Assert.Throws<ArgumentException>(
            () => model.QuadraticFormGradient(batch.Inputs, batch.TargetsD, v, new double[count], d.Parameters)), "result");
        Assert.Equal(theta, d.Parameters.ToArray());
    }

    /// <summary>
    /// The check is on memory, not values: outputs in separate arrays that start as a copy of θ give the same values as
    /// zeroed ones, and θ itself as the read-only direction v (H·θ) is still computed.
    /// </summary>
    [Theory]
    [MemberData(nameof(NetworkCase.Names), MemberType = typeof(NetworkCase))]
    public void SeparateArraysHoldingACopyOfParametersStillWork(string name)
    {
        var c = NetworkCase.Get(name);
        var (_, d) = c.Create();
        var model = (IThirdOrderModel<double>)d;
        var batch = new Batch(d.Info, c.Batch, seed: 66);
        var count = d.Info.ParameterCount;
        var v = Batch.Direction(count, seed: 67);

        var gradient = new double[count];
        var loss = d.LossAndGradient(batch.Inputs, batch.TargetsD, gradient);
        var copy = d.Parameters.ToArray();
        Assert.Equal(loss, d.LossAndGradient(batch.Inputs, batch.TargetsD, copy));
        Assert.Equal(gradient, copy);
        Assert.Contains(gradient, x => x != 0);

        var hv = new double[count];
        d.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, hv);
        copy = d.Parameters.ToArray();
        d.HessianVectorProduct(batch.Inputs, batch.TargetsD, v, copy);
        Assert.Equal(hv, copy);

        var hTheta = new double[count];
        d.HessianVectorProduct(batch.Inputs, batch.TargetsD, d.Parameters.ToArray(), hTheta);
        var fromParameters = new double[count];
        d.HessianVectorProduct(batch.Inputs, batch.TargetsD, d.Parameters, fromParameters);
        Assert.Equal(hTheta, fromParameters);

        var third = new double[count];
        model.QuadraticFormGradient(batch.Inputs, batch.TargetsD, v, new double[count], third);
        var hvCopy = d.Parameters.ToArray();
        copy = d.Parameters.ToArray();
        model.QuadraticFormGradient(batch.Inputs, batch.TargetsD, v, hvCopy, copy);
        Assert.Equal(hv, hvCopy);
        Assert.Equal(third, copy);
    }
}
