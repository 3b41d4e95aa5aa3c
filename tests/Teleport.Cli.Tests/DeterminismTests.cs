using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Teleport.Cli.Tests;

public sealed class DeterminismTests
{
    /// <summary>The same command twice gives identical numbers in run.json, times aside.</summary>
    [Theory]
    [InlineData("adam", "transport", false)]
    [InlineData("adagrad", "reset", true)]
    public void TheSameCommandTwiceGivesIdenticalRecords(string optimizer, string state, bool shuffle)
    {
        using var dir = new TempFolder();
        string[] Args(string path) => Small.Args("train", Small.Synthetic, Small.Teleports,
            ["--epochs", "2", "--optimizer", optimizer, "--optimizer-state", state, "--teleport-adaptive", "0.5", "--teleport-min-spacing", "4", "--out", path],
            shuffle ? ["--shuffle"] : []);
        CliRun.Of(Args(dir.File("a.json"))).Succeeded();
        CliRun.Of(Args(dir.File("b.json"))).Succeeded();
        var a = WithoutTimes(CliRun.Json(dir.File("a.json")));
        var b = WithoutTimes(CliRun.Json(dir.File("b.json")));
        Assert.Equal(a, b);
        Assert.Contains("\"teleports\":[{", a);
    }

    /// <summary>
    /// The second core's batch loader copies the same batches the training thread would: a shuffled run (batches copied)
    /// with it and with <c>--no-batch-loader</c> writes the same numbers.
    /// </summary>
    [Fact]
    public void TheBatchLoaderChangesNoNumber()
    {
        using var dir = new TempFolder();
        string[] Args(string path, params string[] more) => Small.Args("train", Small.Synthetic, Small.Teleports,
            ["--epochs", "2", "--optimizer", "adam", "--shuffle", "--out", path], more);
        CliRun.Of(Args(dir.File("a.json"))).Succeeded();
        CliRun.Of(Args(dir.File("b.json"), "--no-batch-loader")).Succeeded();
        Assert.Equal(WithoutTimes(CliRun.Json(dir.File("a.json"))), WithoutTimes(CliRun.Json(dir.File("b.json"))));
    }

    /// <summary>The JSON text with every time ("…seconds" keys) and the output path removed.</summary>
    private static string WithoutTimes(JsonElement element) => RecordText.WithoutTimes(element, "out");

    [Fact]
    public void DifferentSeedsGiveDifferentRuns()
    {
        using var dir = new TempFolder();
        var losses = new List<double>();
        foreach (var seed in new[] { "1", "2" })
        {
            var path = dir.File($"seed{seed}.json");
            CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--seed", seed, "--out", path])).Succeeded();
            losses.Add(CliRun.Json(path).GetProperty("epochs")[0].GetProperty("train_loss").GetDouble());
        }
        Assert.NotEqual(losses[0], losses[1]);
    }
}
