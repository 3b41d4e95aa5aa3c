using System.IO;

namespace Teleport.Cli.Tests;

/// <summary>
/// <c>teleport meta-train</c> and <c>meta-test</c>: a meta-network trained and saved, then tested on the held-out tasks
/// next to GD — the saved file reproduces the losses of the network it was written from (the one-shot <c>meta</c>
/// command's LSTM(lr, tele) column with the same seed and sizes); bad files are one-line errors.
/// </summary>
public sealed class MetaTrainTestCommandTests
{
    [Fact]
    public void ASavedMetaNetworkTestsLikeTheNetworkItWasWrittenFrom()
    {
        using var dir = new TempFolder();
        var trained = CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "2", "--steps", "20", "--seed", "3",
            "--out", dir.File("tele.safetensors"), "--curve", dir.File("curve.json")).Succeeded();
        Assert.Contains("task 2/2", trained.Out);
        Assert.Equal(4, CliRun.Json(dir.File("curve.json")).GetProperty("arms")[0].GetProperty("meta_losses").GetArrayLength());

        var tested = CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--test-tasks", "2", "--steps", "20", "--out", dir.File("test.json")).Succeeded();
        Assert.Contains("LSTM(lr, tele) [tele]", tested.Out);
        var arms = CliRun.Json(dir.File("test.json")).GetProperty("arms");
        Assert.Equal("GD", arms[0].GetProperty("name").GetString());

        CliRun.Of("meta", "--train-tasks", "2", "--steps", "20", "--test-tasks", "2", "--seed", "3", "--out", dir.File("meta.json")).Succeeded();
        var oneShot = CliRun.Json(dir.File("meta.json")).GetProperty("arms")[2];
        Assert.Equal("LSTM(lr, tele)", oneShot.GetProperty("name").GetString());
        for (var task = 0; task < 2; task++)
            for (var e = 0; e < 20; e++)
                Assert.Equal(oneShot.GetProperty("losses")[task][e].GetDouble(), arms[1].GetProperty("losses")[task][e].GetDouble());
    }

    [Fact]
    public void TheUpdateVariantsTrainAndTestTogether()
    {
        using var dir = new TempFolder();
        CliRun.Of("meta-train", "--variant", "update", "--train-tasks", "1", "--steps", "10", "--second-order", "--out", dir.File("u.safetensors")).Succeeded();
        CliRun.Of("meta-train", "--variant", "update-tele", "--train-tasks", "1", "--steps", "10", "--out", dir.File("ut.safetensors")).Succeeded();
        var run = CliRun.Of("meta-test", "--meta", dir.File("u.safetensors"), dir.File("ut.safetensors"), "--test-tasks", "1", "--steps", "10").Succeeded();
        Assert.Contains("LSTM(update) [u]", run.Out);
        Assert.Contains("LSTM(update, tele) [ut]", run.Out);
    }

    [Fact]
    public void BadFilesAndOptionsAreOneLineErrors()
    {
        using var dir = new TempFolder();
        var missing = CliRun.Of("meta-test", "--meta", dir.File("none.safetensors"));
        Assert.Equal(ExitCodes.DataError, missing.ExitCode);
        Assert.Contains("none.safetensors", missing.Error);

        // A safetensors file that is not a meta-network: its metadata has no variant.
        CliRun.Of("train", "--dataset", "synthetic", "--limit-train", "40", "--limit-test", "20", "--epochs", "1", "--save-model", dir.File("mlp.safetensors")).Succeeded();
        var notMeta = CliRun.Of("meta-test", "--meta", dir.File("mlp.safetensors"));
        Assert.Equal(ExitCodes.DataError, notMeta.ExitCode);
        Assert.Contains("variant", notMeta.Error);

        var variant = CliRun.Of("meta-train", "--variant", "sideways", "--out", dir.File("x.safetensors"));
        Assert.Equal(ExitCodes.UsageError, variant.ExitCode);
        Assert.Contains("--variant", variant.Error);
        var noOut = CliRun.Of("meta-train", "--variant", "lr");
        Assert.Equal(ExitCodes.UsageError, noOut.ExitCode);
        Assert.Contains("--out", noOut.Error);
        Assert.False(File.Exists(dir.File("x.safetensors")));
    }
}
