using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Teleport.Runtime.Tests.Data;
using Teleport.Serialization;

namespace Teleport.Runtime.Tests.Serialization;

public class SafeTensorsTests
{
    [Fact]
    public void RoundTripsEveryWritableDtypeWithMetadata()
    {
        using var dir = new TempDirectory();
        var path = dir.File("model.safetensors");
        float[] weights = [1.5f, -2.25f, 3e-8f, 65504f, -0f, 0.1f];
        double[] precise = [Math.PI, -1e300];
        var tensors = new List<SafeTensor>
        {
            SafeTensor.FromSingle("fc0.weight", [2, 3], weights),
            SafeTensor.FromDouble("fc0.bias", [2], precise),
            SafeTensor.FromSingle("half", [2], [1.5f, -0.1f], SafeTensorDType.F16),
            SafeTensor.FromSingle("brain", [2], [1.5f, 3.0e38f], SafeTensorDType.BF16),
            SafeTensor.FromSingle("scalar", [], [7f]),
            SafeTensor.FromSingle("empty", [0, 4], []),
        };
        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = "3" });

        var bytes = File.ReadAllBytes(path);
        var headerSize = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, headerSize % 8);
        Assert.StartsWith("{\"__metadata__\":{\"epoch\":\"3\",\"format\":\"pt\"},\"fc0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}",
            Encoding.UTF8.GetString(bytes, 8, (int)headerSize));

        var file = SafeTensors.Read(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(6, file.Tensors.Count);
        Assert.Equal(weights, file["fc0.weight"].ToSingleArray());
        Assert.Equal([2, 3], file["fc0.weight"].Shape);
        Assert.Equal(precise, file["fc0.bias"].ToDoubleArray());
        Assert.Equal(SafeTensorDType.F64, file["fc0.bias"].DType);
        Assert.Equal(new[] { 1.5f, (float)(Half)(-0.1f) }, file["half"].ToSingleArray());
        var brain = file["brain"].ToSingleArray();
        Assert.Equal(1.5f, brain[0]);
        Assert.Equal(3.0e38f, brain[1], 3.0e38f * 0.004f);
        Assert.Equal(new[] { 7f }, file["scalar"].ToSingleArray());
        Assert.Empty(file["scalar"].Shape);
        Assert.Equal(0, file["empty"].ElementCount);
        Assert.True(file.TryGetTensor("scalar", out var scalar) && scalar.ElementCount == 1);
        Assert.False(file.TryGetTensor("nope", out _));
        Assert.Contains("No tensor named \"nope\"", Assert.Throws<KeyNotFoundException>(() => file["nope"]).Message);

        // Writing the same tensors again gives the same bytes.
        Assert.Equal(bytes, SafeTensors.ToBytes(tensors, new Dictionary<string, string> { ["epoch"] = "3", ["format"] = "pt" }));
    }

    [Fact]
    public void WriterRejectsDuplicateAndReservedNamesAndBadData()
    {
        var t = SafeTensor.FromSingle("a", [1], [1f]);
        Assert.Throws<ArgumentException>(() => SafeTensors.ToBytes([t, t]));
        Assert.Throws<ArgumentException>(() => SafeTensor.FromSingle("__metadata__", [1], [1f]));
        Assert.Throws<ArgumentException>(() => SafeTensor.FromSingle("a", [2], [1f]));
        Assert.Throws<ArgumentException>(() => SafeTensor.FromSingle("a", [1], [1f], SafeTensorDType.I32));
        Assert.Throws<ArgumentException>(() => new SafeTensor("a", SafeTensorDType.F32, [-1], []));
    }

    [Fact]
    public void FailedWriteLeavesNoPartialFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.safetensors");
        var t = SafeTensor.FromSingle("a", [1], [1f]);
        Assert.Throws<ArgumentException>(() => SafeTensors.Write(path, [t, t]));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void DecodesIntegerAndFloat8Types()
    {
        byte[] data = [0xFE, 0xFF, 0x02, 0x00, 0x38, 0x7F, 0x3C];
        var file = SafeTensors.Parse(SafeTensorsBuilder.Build(Encoding.UTF8.GetBytes(
            "{" + SafeTensorsBuilder.Entry("i16", "2", 0, 4, "I16") + "," + SafeTensorsBuilder.Entry("e4m3", "2", 4, 6, "F8_E4M3")
            + "," + SafeTensorsBuilder.Entry("e5m2", "1", 6, 7, "F8_E5M2") + "}"), data), "ints");
        Assert.Equal(new double[] { -2, 2 }, file["i16"].ToDoubleArray());
        var e4m3 = file["e4m3"].ToDoubleArray();
        Assert.Equal(1.0, e4m3[0]); // 0 0111 000 = 2^0
        Assert.True(double.IsNaN(e4m3[1]));
        Assert.Equal(new double[] { 1.0 }, file["e5m2"].ToDoubleArray()); // 0x3C00 as half
    }
}
