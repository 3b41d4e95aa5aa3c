using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Teleport.Integration.Tests;

/// <summary>
/// Recurrent networks against PyTorch: the loss and the gradient by backpropagation through time against autograd of
/// the same nn.LSTMCell / nn.Linear stack in float64 (fixtures from Fixtures/make_lstm_fixtures.py, Debian's
/// python3-torch), the parameter names against its state_dict keys, and the initialisation bounds of nn.LSTMCell
/// (1/√hidden) and nn.Linear (1/√fan_in).
/// </summary>
public class RecurrentTorchReferenceTests
{
    [Theory]
    [MemberData(nameof(RecurrentCase.Names), MemberType = typeof(RecurrentCase))]
    public void MatchesPyTorchAutograd(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"torch_{name}.json")));
        var root = json.RootElement;
        double[] Doubles(string key) => root.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

        var (_, model) = RecurrentCase.Get(name).Create();
        var names = root.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(names, model.Info.Tensors.Select(t => t.Name).ToArray());

        Doubles("parameters").CopyTo(model.Parameters);
        var steps = root.GetProperty("steps").GetInt32();
        Targets<double> targets = root.TryGetProperty("labels", out var labels)
            ? new Targets<double>(labels.EnumerateArray().Select(e => e.GetInt32()).ToArray())
            : new Targets<double>(Doubles("targets"));
        var gradient = new double[model.Parameters.Length];
        var loss = model.LossAndGradient(Doubles("inputs"), targets, gradient, steps);

        var expected = root.GetProperty("loss").GetDouble();
        Assert.True(Math.Abs(loss - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"loss {loss} vs {expected}");
        var error = Batch.RelativeError(gradient, Doubles("gradient"));
        Assert.True(error <= 1e-10, $"gradient relative error {error:E3}");
    }

    [Fact]
    public void InitialisationUsesPyTorchBounds()
    {
        var model = new Networks.StackedLstmClassifier();
        model.InitializeParameters(7);
        var info = StackedLstmClassifierInfo();
        foreach (var tensor in info.Tensors)
        {
            // lstm{i}.*: U(−1/√hidden, 1/√hidden) with hidden = weight_hh's columns; fc{i}.*: U(−1/√fan_in, …).
            var layer = info.Layers.Single(l => tensor.Name.StartsWith(Prefix(l), StringComparison.Ordinal));
            var bound = tensor.Name.StartsWith("lstm", StringComparison.Ordinal) ? 1 / Math.Sqrt(layer.OutputSize) : 1 / Math.Sqrt(layer.InputSize);
            var values = model.Parameters.Slice(tensor.Offset, tensor.Length).ToArray();
            Assert.All(values, v => Assert.InRange(Math.Abs(v), 0, bound));
            if (values.Length >= 16) Assert.True(values.Max(Math.Abs) > 0.75 * bound, $"{tensor.Name} spans too little of ±{bound}");
        }
    }

    private static NetworkInfo StackedLstmClassifierInfo() => Networks.StackedLstmClassifier.Info;

    private static string Prefix(LayerInfo layer) => (layer.Index < 2 ? "lstm" : "fc") + layer.Index + ".";
}
