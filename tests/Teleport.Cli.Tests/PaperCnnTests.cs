using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Cli.Models;
using Teleport.Serialization;

namespace Teleport.Cli.Tests;

/// <summary>
/// paper-cnn in the CLI: train --save-model writes PyTorch's nn.Sequential state_dict (names and shapes), and a file
/// it wrote (committed, made by Fixtures/make_paper_cnn_logits.py's command) gives PyTorch's logits when loaded
/// into the equivalent nn.Sequential (the fixture) and into the generated model.
/// </summary>
public sealed class PaperCnnTests
{
    private static readonly string[] Names = ["conv0.weight", "conv0.bias", "conv2.weight", "conv2.bias", "fc4.weight", "fc4.bias"];

    [Fact]
    public void SaveModelWritesTheNnSequentialStateDict()
    {
        using var dir = new TempFolder();
        var path = dir.File("cnn.safetensors");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--model", "paper-cnn", "--epochs", "1", "--save-model", path])).Succeeded();
        var file = SafeTensors.Read(path);
        Assert.Equal(Names, file.Tensors.Select(t => t.Name).ToArray());
        Assert.Equal(["16,1,3,3", "16", "32,16,3,3", "32", "10,1568", "10"], file.Tensors.Select(t => string.Join(",", t.Shape)).ToArray());
        var parameters = new float[PaperCnn.ParameterCount];
        SafeTensors.ReadParameters<float>(path, PaperCnn.Info, parameters);
        var initial = new PaperCnn();
        initial.InitializeParameters(1);
        Assert.NotEqual(initial.Parameters.ToArray(), parameters);
    }

    [Fact]
    public void ASavedModelGivesPyTorchsLogits()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixtures, "paper-cnn-logits.json")));
        var root = json.RootElement;
        Assert.Equal(Names, root.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToArray());
        var inputs = root.GetProperty("inputs").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        var expected = root.GetProperty("logits").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var classes = root.GetProperty("classes").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        var model = new PaperCnn();
        SafeTensors.ReadParameters<float>(Path.Combine(fixtures, "paper-cnn.safetensors"), PaperCnn.Info, model.Parameters);
        var n = classes.Length;
        var logits = new float[n * PaperCnn.OutputSize];
        model.Predict(inputs, logits);

        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(logits[i] - expected[i]) <= 1e-5 * scale, $"logit {i}: {logits[i]} vs PyTorch {expected[i]}");
        for (var s = 0; s < n; s++)
        {
            var row = logits.AsSpan(s * 10, 10).ToArray();
            Assert.Equal(classes[s], Array.IndexOf(row, row.Max()));
        }
    }

    [Fact]
    public void BenchTimesTheCnnStepAndTeleport()
    {
        var run = CliRun.Of("bench", "--warmup", "0.05", "--repeats", "1", "--filter", "paper-cnn").Succeeded();
        Assert.Contains("step paper-cnn b20 Sgd", run.Out);
        Assert.Contains("step paper-cnn b20 Adam", run.Out);
        Assert.Contains(Bench.BenchCases.CnnTeleport, run.Out);
        Assert.Contains(Bench.BenchCases.CnnTeleportRecomputed, run.Out);
        Assert.Contains("steps taken 10", run.Out);
        Assert.Contains("paper-cnn: one teleport costs, in training steps (paper-cnn b20, SGD): ", run.Out);
    }
}
