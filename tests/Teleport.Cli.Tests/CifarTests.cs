using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>`--dataset cifar10` end to end: the binary batches in --data, the cifar-mlp network, a teleport.</summary>
public sealed class CifarTests
{
    /// <summary>Writes CIFAR-10 binary batches of <paramref name="perFile"/> records: label byte, then 3072 pixel bytes.</summary>
    private static string WriteCifar(TempFolder dir, int perFile)
    {
        var data = Directory.CreateDirectory(dir.File("cifar-10-batches-bin")).FullName;
        var random = new System.Random(7);
        foreach (var name in new[] { "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin" })
        {
            var bytes = new byte[perFile * 3073];
            for (var r = 0; r < perFile; r++)
            {
                var label = (byte)(r % 10);
                bytes[r * 3073] = label;
                // Class-dependent brightness, so there is something to learn.
                for (var p = 1; p < 3073; p++) bytes[r * 3073 + p] = (byte)System.Math.Clamp(20 * label + random.Next(60), 0, 255);
            }
            File.WriteAllBytes(Path.Combine(data, name), bytes);
        }
        return data;
    }

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
