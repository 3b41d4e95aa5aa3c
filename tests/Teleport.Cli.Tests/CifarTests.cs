using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>`--dataset cifar10` end to end: the binary batches in --data, the cifar-mlp and cifar-cnn networks, a teleport each.</summary>
public sealed class CifarTests
{
    private static string WriteCifar(TempFolder dir, int perFile) => TestData.WriteCifar(dir.File("cifar-10-batches-bin"), perFile);

    [Fact]
    public void CifarMlpTrainsOnCifarBatchesWithATeleport()
    {
        using var dir = new TempFolder();
        var data = WriteCifar(dir, perFile: 40);
        var path = dir.File("run.json");
        CliRun.Of("train", "--dataset", "cifar10", "--data", data, "--model", "cifar-mlp", "--optimizer", "adam", "--lr", "1e-3",
            "--epochs", "2", "--batch-size", "20", "--teleport-epochs", "1", "--teleport-count", "1", "--teleport-batch", "40", "--out", path).Succeeded();

        var run = CliRun.Json(path);
        var used = run.GetProperty("config").GetProperty("data_used");
        Assert.Equal("cifar10", used.GetProperty("name").GetString());
        Assert.Equal(3072, used.GetProperty("features").GetInt32());
        Assert.Equal(1, run.GetProperty("teleports").GetArrayLength());
        var epochs = run.GetProperty("epochs");
        Assert.Equal(2, epochs.GetArrayLength());
        Assert.True(epochs[1].GetProperty("train_loss").GetDouble() < epochs[0].GetProperty("train_loss").GetDouble());
    }

    [Fact]
    public void CifarCnnTrainsOnCifarBatchesWithAChannelTeleport()
    {
        using var dir = new TempFolder();
        var data = WriteCifar(dir, perFile: 20);
        var path = dir.File("run.json");
        CliRun.Of("train", "--dataset", "cifar10", "--data", data, "--model", "cifar-cnn", "--optimizer", "adam", "--lr", "1e-3",
            "--epochs", "2", "--batch-size", "20", "--teleport-epochs", "1", "--teleport-count", "1", "--teleport-batch", "20", "--out", path).Succeeded();

        var run = CliRun.Json(path);
        var used = run.GetProperty("config").GetProperty("data_used");
        Assert.Equal("cifar10", used.GetProperty("name").GetString());
        Assert.Equal(3072, used.GetProperty("features").GetInt32());
        var teleport = Assert.Single(run.GetProperty("teleports").EnumerateArray());
        Assert.Contains("S2", teleport.GetRawText());
        var epochs = run.GetProperty("epochs");
        Assert.Equal(2, epochs.GetArrayLength());
        Assert.True(epochs[1].GetProperty("train_loss").GetDouble() < epochs[0].GetProperty("train_loss").GetDouble());
    }

    [Fact]
    public void ThePaperNetworkDoesNotFitCifarAndSaysWhichModelDoes()
    {
        using var dir = new TempFolder();
        var data = WriteCifar(dir, perFile: 2);
        var run = CliRun.Of("train", "--dataset", "cifar10", "--data", data, "--epochs", "1");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("model paper-mlp takes 784 inputs", line);
        Assert.Contains("models that fit cifar10: cifar-mlp", line);
    }
}
