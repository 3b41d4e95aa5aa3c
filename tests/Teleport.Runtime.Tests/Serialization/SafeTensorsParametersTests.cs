using System;
using System.IO;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;

namespace Teleport.Runtime.Tests.Serialization;

public class SafeTensorsParametersTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "data", "mlp.safetensors");

    /// <summary>The layout a generated 4 → 3 → 2 network with biases has (fc0.weight, fc0.bias, fc1.weight, fc1.bias).</summary>
    private static NetworkInfo Mlp(bool bias = true)
    {
        ParameterTensorInfo[] tensors = bias
            ? [new("fc0.weight", [3, 4], 0, 12), new("fc0.bias", [3], 12, 3), new("fc1.weight", [2, 3], 15, 6), new("fc1.bias", [2], 21, 2)]
            : [new("fc0.weight", [3, 4], 0, 12), new("fc1.weight", [2, 3], 12, 6)];
        return new NetworkInfo("Mlp", 4, 2, LossKind.MeanSquaredError, [], tensors, []);
    }

    [Fact]
    public void LoadsAPyTorchStateDictIntoTheParameterLayout()
    {
        var info = Mlp();
        var parameters = new float[info.ParameterCount];
        var metadata = SafeTensors.ReadParameters<float>(Fixture, info, parameters);
        Assert.Equal("pt", metadata["format"]);
        var file = SafeTensors.Read(Fixture);
        Assert.Equal(file["fc0.weight"].ToSingleArray(), parameters[..12]);
        Assert.Equal(file["fc0.bias"].ToSingleArray(), parameters[12..15]);
        Assert.Equal(file["fc1.weight"].ToSingleArray(), parameters[15..21]);
        Assert.Equal(file["fc1.bias"].ToSingleArray(), parameters[21..]);

        var doubles = new double[info.ParameterCount];
        SafeTensors.ReadParameters<double>(Fixture, info, doubles);
        Assert.Equal(Array.ConvertAll(parameters, v => (double)v), doubles);
    }

    [Fact]
    public void WritesFloatAsF32AndDoubleAsF64AndReadsBack()
    {
        using var dir = new TempDirectory();
        var info = Mlp();
        var parameters = new float[info.ParameterCount];
        new SeededRandom(1).FillUniform(parameters, -1f, 1f);
        var path = dir.File("ckpt.safetensors");
        SafeTensors.WriteParameters<float>(path, info, parameters);
        Assert.Equal(SafeTensorDType.F32, SafeTensors.Read(path)["fc1.bias"].DType);
        var back = new float[info.ParameterCount];
        SafeTensors.ReadParameters<float>(path, info, back);
        Assert.Equal(parameters, back);

        var precise = Array.ConvertAll(parameters, v => v + 1e-12);
        SafeTensors.WriteParameters<double>(path, info, precise, new System.Collections.Generic.Dictionary<string, string> { ["step"] = "5" });
        var file = SafeTensors.Read(path);
        Assert.Equal(SafeTensorDType.F64, file["fc0.weight"].DType);
        Assert.Equal("5", file.Metadata["step"]);
        var preciseBack = new double[info.ParameterCount];
        SafeTensors.ReadParameters<double>(path, info, preciseBack);
        Assert.Equal(precise, preciseBack);
    }

    [Fact]
    public void NonFiniteParametersAreNotWritten()
    {
        // WriteParameters wrote NaN weights that ReadParameters then refused.
        using var dir = new TempDirectory();
        var info = Mlp();
        var parameters = new float[info.ParameterCount];
        parameters[13] = float.NaN; // fc0.bias[1]
        var path = dir.File("nan.safetensors");
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.WriteParameters<float>(path, info, parameters));
        Assert.StartsWith("Mlp's tensor \"fc0.bias\" holds NaN at element 1", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void MismatchedStateDictsAreNamed()
    {
        using var dir = new TempDirectory();
        // The fixture has biases; a bias-free network does not.
        var e = Assert.Throws<TeleportDataException>(() => SafeTensors.ReadParameters<float>(Fixture, Mlp(bias: false), new float[18]));
        Assert.Equal("mlp.safetensors: tensor \"fc0.bias\" is not a parameter of Mlp (expected: fc0.weight, fc1.weight)", e.Message);

        var path = dir.File("partial.safetensors");
        SafeTensors.Write(path, [SafeTensor.FromSingle("fc0.weight", [3, 4], new float[12])]);
        e = Assert.Throws<TeleportDataException>(() => SafeTensors.ReadParameters<float>(path, Mlp(bias: false), new float[18]));
        Assert.Equal("partial.safetensors: tensor \"fc1.weight\" of Mlp is missing", e.Message);

        SafeTensors.Write(path, [SafeTensor.FromSingle("fc0.weight", [4, 3], new float[12]), SafeTensor.FromSingle("fc1.weight", [2, 3], new float[6])]);
        e = Assert.Throws<TeleportDataException>(() => SafeTensors.ReadParameters<float>(path, Mlp(bias: false), new float[18]));
        Assert.Equal("partial.safetensors: tensor \"fc0.weight\" has shape [4, 3], Mlp needs [3, 4]", e.Message);

        Assert.Throws<ArgumentException>(() => SafeTensors.ReadParameters<float>(path, Mlp(bias: false), new float[17]));
    }
}
