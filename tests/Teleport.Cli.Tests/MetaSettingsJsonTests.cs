using System;
using System.IO;
using System.Text.Json;
using Teleport.Cli.Output;
using Teleport.MetaLearning;

namespace Teleport.Cli.Tests;

/// <summary>
/// The settings at the top of the meta JSON outputs (meta --out, meta-train --curve, meta-test --out) are numbers where
/// they are numbers: every value was a string ("steps": "300", "meta_learning_rate": "0.0001"). A number reads back to
/// the same double; a file written before is still named for what it is.
/// </summary>
public sealed class MetaSettingsJsonTests
{
    [Fact]
    public void EveryMetaOutputWritesItsNumericSettingsAsNumbers()
    {
        using var dir = new TempFolder();
        CliRun.Of("meta-train", "--variant", "lr-tele", "--train-tasks", "1", "--steps", "10", "--seed", "7",
            "--out", dir.File("tele.safetensors"), "--curve", dir.File("curve.json")).Succeeded();
        var curve = CliRun.Json(dir.File("curve.json"));
        var protocol = MetaVariant.LearnedRateTeleport.Protocol();
        AssertNumbers(curve, "train_tasks", "steps", "seed", "meta_learning_rate", "teleport_learning_rate", "meta_training_seconds");
        AssertStrings(curve, "meta_gradient", "variant");
        Assert.Equal((1, 10, 7), (curve.GetProperty("train_tasks").GetInt32(), curve.GetProperty("steps").GetInt32(), curve.GetProperty("seed").GetInt32()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(protocol.MetaLearningRate), BitConverter.DoubleToInt64Bits(curve.GetProperty("meta_learning_rate").GetDouble()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(protocol.TeleportLearningRate), BitConverter.DoubleToInt64Bits(curve.GetProperty("teleport_learning_rate").GetDouble()));

        CliRun.Of("meta-test", "--meta", dir.File("tele.safetensors"), "--test-tasks", "1", "--steps", "5", "--out", dir.File("test.json")).Succeeded();
        var test = CliRun.Json(dir.File("test.json"));
        AssertNumbers(test, "steps", "test_tasks");
        AssertStrings(test, "task_family", "meta");

        CliRun.Of("meta", "--train-tasks", "1", "--steps", "10", "--test-tasks", "1", "--out", dir.File("meta.json")).Succeeded();
        var meta = CliRun.Json(dir.File("meta.json"));
        AssertNumbers(meta, "train_tasks", "steps", "test_tasks", "seed");
        AssertStrings(meta, "form");
    }

    [Theory]
    [InlineData(0.30000000000000004)]
    [InlineData(1e-4)]
    [InlineData(1.0 / 3)]
    [InlineData(5e-324)]
    [InlineData(1.7976931348623157e308)]
    [InlineData(-2.5e-17)]
    [InlineData(123456789012345)]
    public void ANumberSettingReadsBackToTheSameDouble(double value)
    {
        var bytes = MetaTable.Json(new MetaSettingsJson().Add("x", value).Add("name", "n"), []);
        using var json = JsonDocument.Parse(bytes);
        var read = json.RootElement.GetProperty("x");
        Assert.Equal(JsonValueKind.Number, read.ValueKind);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(read.GetDouble()));
        Assert.Equal(value, double.Parse(new MetaSettingsJson().Add("x", value).AsText()["x"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ASettingThatIsNotFiniteIsRefusedNotWritten(double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MetaSettingsJson().Add("meta_learning_rate", value));
        Assert.Contains("\"meta_learning_rate\"", e.Message);
    }

    /// <summary>The files earlier versions wrote (every setting a string) and this one's: report names each for what it is.</summary>
    [Theory]
    [InlineData("""{"train_tasks": "2", "steps": "20", "seed": "0", "meta_gradient": "first-order", "meta_learning_rate": "0.0001", "teleport_learning_rate": "0.0001", "meta_training_seconds": "1.5", "variant": "lr-tele", "arms": []}""", "is a `teleport meta-train` curve")]
    [InlineData("""{"train_tasks": 2, "steps": 20, "seed": 0, "meta_gradient": "first-order", "meta_learning_rate": 0.0001, "teleport_learning_rate": 0.0001, "meta_training_seconds": 1.5, "variant": "lr-tele", "arms": []}""", "is a `teleport meta-train` curve")]
    [InlineData("""{"steps": "300", "test_tasks": "5", "task_family": "paper", "meta": "a.safetensors", "arms": []}""", "is a `teleport meta` or `meta-test` result")]
    [InlineData("""{"train_tasks": "30", "steps": "300", "test_tasks": "5", "seed": "0", "form": "lie", "arms": []}""", "is a `teleport meta` or `meta-test` result")]
    [InlineData("""{"steps": 300, "test_tasks": 5, "task_family": "paper", "meta": "a.safetensors", "arms": []}""", "is a `teleport meta` or `meta-test` result")]
    public void ReportNamesAMetaFileOfEitherVersion(string json, string expected)
    {
        using var dir = new TempFolder();
        var path = dir.File("meta.json");
        File.WriteAllText(path, json);
        var run = CliRun.Of("report", path, "--out", dir.File("report"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    private static void AssertNumbers(JsonElement json, params string[] keys)
    {
        foreach (var key in keys) Assert.True(json.GetProperty(key).ValueKind == JsonValueKind.Number, $"\"{key}\" is {json.GetProperty(key).ValueKind}");
    }

    private static void AssertStrings(JsonElement json, params string[] keys)
    {
        foreach (var key in keys) Assert.True(json.GetProperty(key).ValueKind == JsonValueKind.String, $"\"{key}\" is {json.GetProperty(key).ValueKind}");
    }
}
