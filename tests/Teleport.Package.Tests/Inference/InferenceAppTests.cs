using System;
using System.IO;
using System.Linq;
using AotInference;
using Teleport.Data;
using Teleport.Package.Tests.Infrastructure;
using Teleport.Serialization;

namespace Teleport.Package.Tests.Inference;

/// <summary>
/// The AOT sample's command line, run in-process under the JIT: the end-to-end path on a small IDX
/// folder, and every user error ending in one line and a non-zero exit code, never a stack trace.
/// </summary>
public sealed class InferenceAppTests : IDisposable
{
    private readonly TempDirectory _temp = new("teleport-aot-app");

    [Fact]
    public void ExportedRandomWeightsClassifyASmallDataFolder()
    {
        var weights = _temp.Combine("random.safetensors");
        var data = _temp.Combine("data");
        IdxFolder.Write(data, testCount: 25);
        Assert.Equal(InferenceApp.Success, Run(out var exported, out _, "--export-random-weights", weights, "--seed", "4"));
        Assert.Contains("12804 parameters", exported);

        Assert.Equal(InferenceApp.Success, Run(out var output, out var error, weights, data, "--warmup-passes", "2"));
        Assert.Equal("", error);
        Assert.Contains("data: 25 test images", output);
        Assert.Matches(@"accuracy: [01]\.\d{4} \(\d+/25\)", output);
        Assert.Matches(@"latency per image: median \d+\.\d\d µs, p99 \d+\.\d\d µs", output);
    }

    [Fact]
    public void ExportIsDeterministicPerSeedAndLoadsBackExactly()
    {
        string Export(string name, int seed)
        {
            var path = _temp.Combine(name);
            WeightsFile.ExportRandom(path, seed);
            return path;
        }
        var a = Export("a.safetensors", 9);
        var b = Export("b.safetensors", 9);
        var c = Export("c.safetensors", 10);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));

        var expected = new FashionMlp();
        expected.InitializeParameters(9);
        Assert.Equal(expected.Parameters.ToArray(), WeightsFile.Load(a).Parameters.ToArray());
        var names = SafeTensors.Read(a).Tensors.Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]").Order();
        Assert.Equal(["fc0.weight [16, 784]", "fc1.weight [10, 16]", "fc2.weight [10, 10]"], names);
    }

    [Fact]
    public void MissingWeightsFile() =>
        AssertOneLineError(InferenceApp.DataError, "error: weights: safetensors file", "not found", _temp.Combine("nothing.safetensors"));

    [Fact]
    public void TruncatedWeightsFile()
    {
        var path = ValidWeights();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..200]);
        AssertOneLineError(InferenceApp.DataError, "error: weights: valid.safetensors: header size", "larger than the file", path);
    }

    [Fact]
    public void GarbageWeightsFile()
    {
        var path = _temp.Combine("garbage.safetensors");
        File.WriteAllText(path, "this is not a safetensors file");
        AssertOneLineError(InferenceApp.DataError, "error: weights: garbage.safetensors:", "", path);
    }

    [Fact]
    public void WrongShapeInWeightsFile()
    {
        var path = _temp.Combine("wide.safetensors");
        SafeTensors.Write(path,
        [
            SafeTensor.FromSingle("fc0.weight", [32, 784], new float[32 * 784]),
            SafeTensor.FromSingle("fc1.weight", [10, 32], new float[10 * 32]),
            SafeTensor.FromSingle("fc2.weight", [10, 10], new float[100]),
        ]);
        AssertOneLineError(InferenceApp.DataError, "error: weights: wide.safetensors: tensor \"fc0.weight\" has shape [32, 784]", "needs [16, 784]", path);
    }

    [Fact]
    public void MissingTensorInWeightsFile()
    {
        var path = _temp.Combine("short.safetensors");
        SafeTensors.Write(path, [SafeTensor.FromSingle("fc0.weight", [16, 784], new float[16 * 784])]);
        AssertOneLineError(InferenceApp.DataError, "error: weights: short.safetensors: tensor \"fc1.weight\"", "missing", path);
    }

    [Fact]
    public void NonFiniteWeight()
    {
        var path = _temp.Combine("nan.safetensors");
        var fc1 = new float[160];
        fc1[3] = float.NaN;
        SafeTensors.Write(path,
        [
            SafeTensor.FromSingle("fc0.weight", [16, 784], new float[16 * 784]),
            SafeTensor.FromSingle("fc1.weight", [10, 16], fc1),
            SafeTensor.FromSingle("fc2.weight", [10, 10], new float[100]),
        ]);
        AssertOneLineError(InferenceApp.DataError, "error: weights: nan.safetensors: tensor \"fc1.weight\" holds a non-finite value", "element 3", path);
    }

    [Fact]
    public void EmptyTensorNameIsOneLineNotACrash()
    {
        // Issue 14: a tensor named "" crashed the app (ArgumentException from the library's SafeTensor).
        var path = _temp.Combine("empty-name.safetensors");
        var header = System.Text.Encoding.UTF8.GetBytes("{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}  ");
        var bytes = new byte[8 + header.Length + 4];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)header.Length);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        AssertOneLineError(InferenceApp.DataError, "error: weights: empty-name.safetensors: a tensor has an empty name", "at byte 9", path);
    }

    [Fact]
    public void WeightBeyondFloatRangeIsNonFinite()
    {
        // A finite F64 weight that overflows float is as unusable as an infinite one.
        var path = _temp.Combine("huge.safetensors");
        var fc2 = new double[100];
        fc2[7] = 1e300;
        SafeTensors.Write(path,
        [
            SafeTensor.FromSingle("fc0.weight", [16, 784], new float[16 * 784]),
            SafeTensor.FromSingle("fc1.weight", [10, 16], new float[160]),
            SafeTensor.FromDouble("fc2.weight", [10, 10], fc2),
        ]);
        AssertOneLineError(InferenceApp.DataError, "error: weights: huge.safetensors: tensor \"fc2.weight\" holds a non-finite value", "element 7", path);
    }

    [Fact]
    public void MissingDataFolder() =>
        AssertOneLineError(InferenceApp.DataError, "error: data: Fashion-MNIST: folder", "not found", ValidWeights(), _temp.Combine("no-data"));

    [Fact]
    public void MissingTestImagesFile()
    {
        var data = _temp.Combine("partial");
        IdxFolder.Write(data, testCount: 3);
        File.Delete(Path.Combine(data, "t10k-images-idx3-ubyte"));
        AssertOneLineError(InferenceApp.DataError, "error: data: Fashion-MNIST: t10k-images-idx3-ubyte[.gz] not found", "", ValidWeights(), data);
    }

    [Fact]
    public void ImagesOfTheWrongSize()
    {
        var data = _temp.Combine("small-images");
        IdxFolder.Write(data, testCount: 3, rows: 10, cols: 10);
        AssertOneLineError(InferenceApp.DataError, "error: data: t10k-images-idx3-ubyte: images have 100 pixels", "needs 784", ValidWeights(), data);
    }

    [Theory]
    [InlineData("no weights file given")]
    [InlineData("unknown option --fast", "--fast")]
    [InlineData("--warmup-passes needs an integer ≥ 0, got \"-1\"", "w.safetensors", "--warmup-passes", "-1")]
    [InlineData("--export-random-weights needs a value", "--export-random-weights")]
    [InlineData("unexpected argument c", "a", "b", "c")]
    [InlineData("--seed seeds --export-random-weights; inference reads its weights from the file", "w.safetensors", "--seed", "5")]
    [InlineData("--warmup-passes times inference; --export-random-weights runs none", "--export-random-weights", "r.safetensors", "--warmup-passes", "3")]
    public void UsageErrors(string problem, params string[] args) =>
        AssertOneLineError(InferenceApp.UsageError, "error: " + problem, "(see --help)", args);

    [Fact]
    public void HelpPrintsTheUsage()
    {
        Assert.Equal(InferenceApp.Success, Run(out var output, out var error, "--help"));
        Assert.StartsWith("usage: AotInference WEIGHTS.safetensors", output);
        Assert.Equal("", error);
    }

    [FashionMnistFact]
    public void ClassifiesTheInstalledFashionMnistTestSet()
    {
        Assert.Equal(InferenceApp.Success, Run(out var output, out var error, ValidWeights()));
        Assert.Equal("", error);
        Assert.Contains("data: 10000 test images", output);
        Assert.Matches(@"accuracy: 0\.\d{4} \(\d+/10000\)", output);
    }

    public void Dispose() => _temp.Dispose();

    private string ValidWeights()
    {
        var path = _temp.Combine("valid.safetensors");
        if (!File.Exists(path)) WeightsFile.ExportRandom(path, seed: 1);
        return path;
    }

    private static int Run(out string output, out string error, params string[] args)
    {
        using var o = new StringWriter { NewLine = "\n" };
        using var e = new StringWriter { NewLine = "\n" };
        var code = InferenceApp.Run(args, o, e);
        output = o.ToString();
        error = e.ToString();
        return code;
    }

    private static void AssertOneLineError(int expectedCode, string start, string contains, params string[] args)
    {
        var code = Run(out var output, out var error, args);
        var context = $"exit {code}\nstdout: {output}\nstderr: {error}";
        Assert.True(code == expectedCode, context);
        Assert.True(error.EndsWith('\n') && error.Count(ch => ch == '\n') == 1, "Not exactly one line: " + context);
        Assert.True(error.StartsWith(start, StringComparison.Ordinal), context);
        Assert.True(error.Contains(contains, StringComparison.Ordinal), context);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}

/// <summary>A fact skipped, with the reason, only when Fashion-MNIST is not installed (CI installs it).</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsInstalled())
            Skip = $"Fashion-MNIST is not installed at {FashionMnist.DefaultDirectory} (apt-get install dataset-fashion-mnist)";
    }
}
