using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Serialization;

namespace Teleport.Runtime.Tests.Serialization;

/// <summary>
/// Files written from a PyTorch state_dict by Fixtures/data/make_safetensors_fixture.py (torch 1.13),
/// checked against the values the script recorded in safetensors_expected.json.
/// </summary>
public class SafeTensorsFixtureTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "data");
    private static readonly Lazy<JsonDocument> Expected = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "safetensors_expected.json"))));

    private static double[] Values(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Theory]
    [InlineData("mlp.safetensors")]
    [InlineData("dtypes.safetensors")]
    public void ReadsEveryTensorAndTheMetadataPyTorchWrote(string fileName)
    {
        var file = SafeTensors.Read(Path.Combine(Folder, fileName));
        var expected = Expected.Value.RootElement.GetProperty(fileName);
        var names = new List<string>();
        foreach (var tensor in expected.GetProperty("tensors").EnumerateObject())
        {
            names.Add(tensor.Name);
            var actual = file[tensor.Name];
            Assert.Equal(tensor.Value.GetProperty("dtype").GetString(), SafeTensorDTypes.Name(actual.DType));
            Assert.Equal(tensor.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), actual.Shape);
            // Every stored value is exactly representable in double: compare exactly.
            Assert.Equal(Values(tensor.Value.GetProperty("values")), actual.ToDoubleArray());
        }
        Assert.Equal(names.Order(), file.Tensors.Select(t => t.Name).Order());
        foreach (var entry in expected.GetProperty("metadata").EnumerateObject())
            Assert.Equal(entry.Value.GetString(), file.Metadata[entry.Name]);
        Assert.Equal(expected.GetProperty("metadata").EnumerateObject().Count(), file.Metadata.Count);
    }

    [Fact]
    public void WeightsAreOutByInLikeNnLinear()
    {
        // The torch forward pass fc1(leaky_relu(fc0(x), 0.1)) reproduced from the loaded tensors.
        var file = SafeTensors.Read(Path.Combine(Folder, "mlp.safetensors"));
        var forward = Expected.Value.RootElement.GetProperty("forward");
        var inputs = Values(forward.GetProperty("inputs"));
        var outputs = Values(forward.GetProperty("outputs"));
        var w0 = file["fc0.weight"].ToDoubleArray();
        var b0 = file["fc0.bias"].ToDoubleArray();
        var w1 = file["fc1.weight"].ToDoubleArray();
        var b1 = file["fc1.bias"].ToDoubleArray();
        for (var n = 0; n < forward.GetProperty("batch").GetInt32(); n++)
        {
            var h = new double[3];
            for (var o = 0; o < 3; o++)
            {
                var z = b0[o];
                for (var i = 0; i < 4; i++) z += w0[o * 4 + i] * inputs[n * 4 + i];
                h[o] = z > 0 ? z : 0.1 * z;
            }
            for (var o = 0; o < 2; o++)
            {
                var y = b1[o];
                for (var i = 0; i < 3; i++) y += w1[o * 3 + i] * h[i];
                Assert.Equal(outputs[n * 2 + o], y, 1e-6);
            }
        }
    }

    [Fact]
    public void RewrittenFileReadsBackTheSame()
    {
        var original = SafeTensors.Read(Path.Combine(Folder, "dtypes.safetensors"));
        var bytes = SafeTensors.ToBytes(original.Tensors, original.Metadata);
        var again = SafeTensors.Parse(bytes, "rewritten");
        foreach (var t in original.Tensors)
        {
            Assert.Equal(t.DType, again[t.Name].DType);
            Assert.Equal(t.Data.ToArray(), again[t.Name].Data.ToArray());
        }
    }
}
