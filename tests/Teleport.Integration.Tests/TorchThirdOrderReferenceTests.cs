using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests;

/// <summary>
/// The generated third-order term D³L[v, v, ·] = ∂(vᵀHv)/∂θ (<c>QuadraticFormGradient</c>, which the sharpness, trace and
/// eigenvalue teleport objectives differentiate through) against PyTorch autograd in float64: a third backward through
/// the double-backward graph of H·v. Parameters, batch and v come from the torch_&lt;network&gt;.json fixtures that
/// <see cref="TorchReferenceTests"/> reads; the term itself from torch_third_&lt;network&gt;.json, written by the same runs
/// of Fixtures/make_torch_fixtures.py and Fixtures/make_torch_cnn_fixtures.py.
/// </summary>
public class TorchThirdOrderReferenceTests
{
    [Theory]
    [MemberData(nameof(TorchFixtureNetworks.Names), MemberType = typeof(TorchFixtureNetworks))]
    public void QuadraticFormGradientMatchesPyTorchAutograd(string name)
    {
        using var json = TorchFixtures.Open($"torch_{name}.json");
        using var thirdJson = TorchFixtures.Open($"torch_third_{name}.json");
        var root = json.RootElement;
        Assert.Equal(name, thirdJson.RootElement.GetProperty("network").GetString());

        IThirdOrderModel<double> model = TorchFixtureNetworks.Float64(name);
        Assert.Equal(model.Info.Tensors.Select(t => t.Name).ToArray(), root.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray());
        TorchFixtures.Doubles(root, "parameters").CopyTo(model.Parameters);
        var inputs = TorchFixtures.Doubles(root, "inputs");
        Targets<double> targets = root.TryGetProperty("labels", out var labels)
            ? new Targets<double>(labels.EnumerateArray().Select(e => e.GetInt32()).ToArray())
            : new Targets<double>(TorchFixtures.Doubles(root, "targets"));

        var count = model.Parameters.Length;
        var hv = new double[count];
        var third = new double[count];
        var loss = model.QuadraticFormGradient(inputs, targets, TorchFixtures.Doubles(root, "direction"), hv, third);

        var expected = TorchFixtures.Doubles(thirdJson.RootElement, "third");
        Assert.Equal(count, expected.Length);
        Assert.Contains(expected, x => x != 0);
        Assert.True(Math.Abs(loss - root.GetProperty("loss").GetDouble()) <= 1e-12, $"loss {loss}");
        var hError = Batch.RelativeError(hv, TorchFixtures.Doubles(root, "hvp"));
        var tError = Batch.RelativeError(third, expected);
        Assert.True(hError <= 1e-10, $"{name}: H·v relative error {hError:E3}");
        Assert.True(tError <= 1e-10, $"{name}: D³L[v,v,·] relative error {tError:E3}");
    }
}
