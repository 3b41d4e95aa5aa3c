using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Integration.Tests.Networks;

namespace Teleport.Integration.Tests;

/// <summary>
/// Loss, gradient and H·v against PyTorch autograd (float64, double backward), from fixtures made
/// by Fixtures/make_torch_fixtures.py (MLPs) and Fixtures/make_torch_cnn_fixtures.py (convolutional networks, built as an
/// nn.Sequential whose state_dict names are Teleport's parameter names) with Debian's python3-torch.
/// </summary>
public class TorchReferenceTests
{
    [Theory]
    [MemberData(nameof(TorchFixtureNetworks.Names), MemberType = typeof(TorchFixtureNetworks))]
    public void MatchesPyTorchAutograd(string name)
    {
        using var json = TorchFixtures.Open($"torch_{name}.json");
        var root = json.RootElement;
        double[] Doubles(string key) => root.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

        IDifferentiableModel<double> model = TorchFixtureNetworks.Float64(name);
        var names = root.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(model.Info.Tensors.Select(t => t.Name).ToArray(), names);
        var shapes = root.GetProperty("shapes").EnumerateArray().Select(s => string.Join(",", s.EnumerateArray().Select(e => e.GetInt32()))).ToArray();
        Assert.Equal(model.Info.Tensors.Select(t => string.Join(",", t.Shape)).ToArray(), shapes);

        Doubles("parameters").CopyTo(model.Parameters);
        var inputs = Doubles("inputs");
        Targets<double> targets = root.TryGetProperty("labels", out var labels)
            ? new Targets<double>(labels.EnumerateArray().Select(e => e.GetInt32()).ToArray())
            : new Targets<double>(Doubles("targets"));

        var gradient = new double[model.Parameters.Length];
        var loss = model.LossAndGradient(inputs, targets, gradient);
        var hv = new double[gradient.Length];
        model.HessianVectorProduct(inputs, targets, Doubles("direction"), hv);

        Assert.True(Math.Abs(loss - root.GetProperty("loss").GetDouble()) <= 1e-12, $"loss {loss}");
        var gError = Batch.RelativeError(gradient, Doubles("gradient"));
        var hError = Batch.RelativeError(hv, Doubles("hvp"));
        Assert.True(gError <= 1e-10, $"gradient relative error {gError:E3}");
        Assert.True(hError <= 1e-10, $"HVP relative error {hError:E3}");
    }
}
