using System.IO;
using System.Linq;

namespace Teleport.Cli.Tests;

public sealed class DataErrorTests
{
    [Fact]
    public void WithoutFashionMnistTrainFallsBackToTheSyntheticTaskAndSaysWhereItLooked()
    {
        using var dir = new TempFolder();
        var path = dir.File("fallback.json");
        var run = CliRun.Of("train", "--dataset", "fashion-mnist", "--limit-train", "200", "--limit-test", "50", "--epochs", "1", "--out", path).Succeeded();

        var lines = run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
        var notice = Assert.Single(lines);
        Assert.Contains("Fashion-MNIST is not installed", notice);
        Assert.Contains(CliRun.NoFashionMnist, notice);
        Assert.Contains("synthetic", notice);
        var data = CliRun.Json(path).GetProperty("config").GetProperty("data_used");
        Assert.True(data.GetProperty("fallback").GetBoolean());
        Assert.Equal("synthetic-classification", data.GetProperty("name").GetString());
        Assert.Equal("fashion-mnist", data.GetProperty("requested").GetString());
        Assert.Equal(784, data.GetProperty("features").GetInt32());
    }

    /// <summary>A truncated IDX file: one line naming the file and the problem, exit code 1, no stack trace, no --out file.</summary>
    [Fact]
    public void ACorruptIdxFileIsOneLineAndExitCodeOneAndNoRecord()
    {
        using var dir = new TempFolder();
        var data = Directory.CreateDirectory(dir.File("data")).FullName;
        // train images: magic 0x00000803, 60000 × 28 × 28, but only 10 bytes of pixels.
        byte[] header = [0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28];
        File.WriteAllBytes(Path.Combine(data, "train-images-idx3-ubyte"), [.. header, .. new byte[10]]);
        foreach (var name in new[] { "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            File.WriteAllBytes(Path.Combine(data, name), [0, 0, 8, 1, 0, 0, 0, 1, 0]);
        var path = dir.File("run.json");

        var run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data", data, "--epochs", "1", "--out", path);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("teleport: train-images-idx3-ubyte: ", line);
        Assert.Contains("truncated", line);
        Assert.DoesNotContain("   at ", run.Error + run.Out);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void AGzipFileWithBytesAppendedIsSaidToHaveThemNotToBeCutShort()
    {
        // The sweep: "garbage" appended to t10k-labels-idx1-ubyte.gz was "truncated or corrupt …; the file is probably cut
        // short" — the last 8 bytes were taken for the gzip trailer, while the data decompress whole.
        using var dir = new TempFolder();
        var data = Directory.CreateDirectory(dir.File("data")).FullName;
        const int n = 10;
        byte[] images = [0, 0, 8, 3, 0, 0, 0, n, 0, 0, 0, 28, 0, 0, 0, 28, .. new byte[n * 28 * 28]];
        byte[] labels = [0, 0, 8, 1, 0, 0, 0, n, .. Enumerable.Range(0, n).Select(i => (byte)i)];
        foreach (var (name, content) in new[] { ("train-images-idx3-ubyte", images), ("train-labels-idx1-ubyte", labels), ("t10k-images-idx3-ubyte", images), ("t10k-labels-idx1-ubyte", labels) })
            File.WriteAllBytes(Path.Combine(data, name + ".gz"), Gzip(content));
        var gz = Path.Combine(data, "t10k-labels-idx1-ubyte.gz");
        var length = new FileInfo(gz).Length;
        File.AppendAllText(gz, "garbage");

        var run = CliRun.Of("train", "--data", data, "--epochs", "1", "--out", dir.File("run.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"teleport: t10k-labels-idx1-ubyte.gz: 7 bytes follow the end of its gzip data at byte {length} of its {length + 7} bytes (its trailer, before them, matches the {8 + n} bytes it decompresses to): something was appended to the file", run.Error.Trim());
        Assert.False(File.Exists(dir.File("run.json")));

        // Cut short instead, it is still said to be.
        File.WriteAllBytes(gz, Gzip(labels)[..^3]);
        run = CliRun.Of("train", "--data", data, "--epochs", "1", "--out", dir.File("run.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the file is probably cut short", run.Error);
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal)) gzip.Write(content);
        return buffer.ToArray();
    }

    [Fact]
    public void AMissingDataFolderGivenExplicitlyIsAnErrorNotAFallback()
    {
        var run = CliRun.Of("train", "--dataset", "fashion-mnist", "--data", CliRun.NoFashionMnist, "--epochs", "1");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not found", run.Error);
        Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AnUnwritableOutFileIsExitCodeOne()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("blocker"), "a file where a folder should be");
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--out", Path.Combine(dir.File("blocker"), "run.json")]));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("teleport: ", run.Error);
        Assert.Equal(new[] { "blocker" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }
}
