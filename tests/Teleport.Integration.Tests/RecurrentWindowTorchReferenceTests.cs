using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Teleport.Integration.Tests;

/// <summary>
/// The window's vector-Jacobian products (<c>WindowGradient</c> over the parameters, <c>WindowVjp</c>'s input cotangents,
/// which meta-training differentiates through) against PyTorch autograd in float64: a fresh window (states at zero) run
/// step by step on the torch_&lt;network&gt;.json parameters and inputs, and ∂Σ_t⟨δY_t, Y_t⟩ for the cotangents δY of
/// torch_window_&lt;network&gt;.json (both written by Fixtures/make_lstm_fixtures.py).
/// </summary>
public class RecurrentWindowTorchReferenceTests
{
    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void WindowVjpMatchesPyTorchAutograd(string name)
    {
        using var json = TorchFixtures.Open($"torch_{name}.json");
        using var windowJson = TorchFixtures.Open($"torch_window_{name}.json");
        var root = json.RootElement;
        var window = windowJson.RootElement;
        Assert.Equal(name, window.GetProperty("network").GetString());

        var (_, model) = RecurrentCase.Get(name).Create();
        Assert.Equal(root.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray(), model.Info.Tensors.Select(t => t.Name).ToArray());
        TorchFixtures.Doubles(root, "parameters").CopyTo(model.Parameters);
        var inputs = TorchFixtures.Doubles(root, "inputs");
        var steps = root.GetProperty("steps").GetInt32();
        var d = model.Info.InputSize;
        var k = model.Info.OutputSize;
        var n = inputs.Length / (steps * d);
        Assert.Equal(steps * n * d, inputs.Length);
        var cotangents = TorchFixtures.Doubles(window, "cotangents");
        Assert.Equal(steps * n * k, cotangents.Length);

        model.BeginWindow(n, steps);
        var outputs = new double[n * k];
        for (var t = 0; t < steps; t++) model.Step(inputs.AsSpan(t * n * d, n * d), outputs);
        var gradient = new double[model.Parameters.Length];
        var inputCotangents = new double[inputs.Length];
        model.WindowVjp(cotangents, gradient, inputCotangents);
        var windowGradient = new double[gradient.Length];
        model.WindowGradient(cotangents, windowGradient);

        var expectedGradient = TorchFixtures.Doubles(window, "window_gradient");
        var expectedInputs = TorchFixtures.Doubles(window, "input_cotangents");
        Assert.Contains(expectedInputs, x => x != 0);
        var gError = Batch.RelativeError(gradient, expectedGradient);
        var wError = Batch.RelativeError(windowGradient, expectedGradient);
        var xError = Batch.RelativeError(inputCotangents, expectedInputs);
        Assert.True(gError <= 1e-10, $"{name}: WindowVjp parameter gradient relative error {gError:E3}");
        Assert.True(wError <= 1e-10, $"{name}: WindowGradient relative error {wError:E3}");
        Assert.True(xError <= 1e-10, $"{name}: input cotangents relative error {xError:E3}");
    }
}
