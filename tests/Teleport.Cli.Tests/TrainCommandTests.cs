using System.IO;
using System.Linq;
using System.Text.Json;
using Teleport.Records;

namespace Teleport.Cli.Tests;

public sealed class TrainCommandTests
{
    [Fact]
    public void TrainWritesARunRecordWithTheDesignKeys()
    {
        using var dir = new TempFolder();
        var path = dir.File("run.json");
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, Small.Teleports, ["--epochs", "2", "--optimizer", "adam", "--out", path])).Succeeded();

        var json = CliRun.Json(path);
        Assert.Equal(["config", "epochs", "teleports", "loss_trace", "summary"], json.EnumerateObject().Select(p => p.Name));
        var epochs = json.GetProperty("epochs").EnumerateArray().ToArray();
        Assert.Equal(2, epochs.Length);
        string[] epochKeys = ["epoch", "train_loss", "test_loss", "test_accuracy", "grad_norm_sq", "wall_seconds"];
        foreach (var key in epochKeys) Assert.Equal(JsonValueKind.Number, epochs[1].GetProperty(key).ValueKind);
        Assert.Equal(2, epochs[1].GetProperty("epoch").GetInt32());
        var teleports = json.GetProperty("teleports").EnumerateArray().ToArray();
        Assert.NotEmpty(teleports);
        string[] teleportKeys = ["step", "loss_before", "loss_after", "grad_norm_sq_before", "grad_norm_sq_after", "steps_taken", "seconds"];
        foreach (var key in teleportKeys) Assert.Equal(JsonValueKind.Number, teleports[0].GetProperty(key).ValueKind);
        Assert.Equal("epoch", teleports[0].GetProperty("trigger").GetString());
        Assert.True(teleports[0].GetProperty("kept").ValueKind is JsonValueKind.True or JsonValueKind.False);

        var config = json.GetProperty("config");
        Assert.Equal("train", config.GetProperty("command").GetString());
        Assert.Equal("adam", config.GetProperty("optimizer").GetString());
        Assert.Equal(0.001, config.GetProperty("lr").GetDouble());
        Assert.Equal("gradnorm", config.GetProperty("teleport").GetString());
        Assert.Equal(path, config.GetProperty("out").GetString());
        Assert.Equal(300, config.GetProperty("data_used").GetProperty("train_samples").GetInt32());

        // The runtime's reader accepts it, and the printed table ends with the final numbers.
        var record = RunRecordJson.Read(path);
        Assert.Equal(teleports.Length, record.Teleports.Count);
        Assert.Contains("final: train_loss", run.Out);
        Assert.Contains($"wrote {path}", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void PipedOutputIsPlainLinesOnePerEpochThenTheTable()
    {
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "3"])).Succeeded();
        var lines = run.Out.Split('\n');
        Assert.Equal(3, lines.Count(l => l.StartsWith("epoch ", System.StringComparison.Ordinal) && l.Contains(": train_loss")));
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("epoch  train_loss", System.StringComparison.Ordinal));
    }

    [Fact]
    public void TheControlArmNeverTeleports()
    {
        using var dir = new TempFolder();
        var path = dir.File("control.json");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "2", "--teleport-epochs", "1", "--teleport-every", "5", "--control", "--out", path])).Succeeded();
        var json = CliRun.Json(path);
        Assert.Empty(json.GetProperty("teleports").EnumerateArray());
        Assert.True(json.GetProperty("config").GetProperty("control").GetBoolean());
        Assert.Equal("none", json.GetProperty("config").GetProperty("teleport").GetString());
        Assert.True(json.GetProperty("epochs")[0].GetProperty("control_points").GetInt32() > 0);
    }

    [Fact]
    public void TheRegressionModelTrainsOnTheNeuripsTask()
    {
        using var dir = new TempFolder();
        var path = dir.File("regression.json");
        CliRun.Of("train", "--model", "regression", "--dataset", "synthetic", "--epochs", "30", "--lr", "0.0001", "--teleport-every", "10", "--teleport-cap", "1e5", "--out", path).Succeeded();
        var json = CliRun.Json(path);
        var epochs = json.GetProperty("epochs").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, epochs[0].GetProperty("test_loss").ValueKind);
        Assert.True(epochs[^1].GetProperty("train_loss").GetDouble() < epochs[0].GetProperty("train_loss").GetDouble());
        Assert.Equal("synthetic-regression", json.GetProperty("config").GetProperty("data_used").GetProperty("name").GetString());
        Assert.Equal(2, json.GetProperty("teleports").GetArrayLength());
    }

    [Fact]
    public void InfoDescribesTheNetwork()
    {
        var run = CliRun.Of("info", "--model", "paper-mlp").Succeeded();
        Assert.Contains("PaperMlp: 784 inputs → 10 outputs, 12804 parameters", run.Out);
        Assert.Contains("S2 on hidden layer 0", run.Out);
        Assert.Contains("fc0.weight", run.Out);
        Assert.Contains("Data sets: fashion-mnist, mnist, synthetic", run.Out);
    }
}

/// <summary>train --save-model: the trained parameters as safetensors with PyTorch names.</summary>
public sealed class SaveModelTests
{
    [Fact]
    public void TheSavedModelHoldsTheParametersUnderTheirPyTorchNames()
    {
        using var dir = new TempFolder();
        var path = dir.File("model.safetensors");
        CliRun.Of(Small.Args("train", Small.Synthetic, ["--epochs", "1", "--save-model", path])).Succeeded();
        var file = Teleport.Serialization.SafeTensors.Read(path);
        var model = new Teleport.Cli.Models.PaperMlp();
        var parameters = new float[Teleport.Cli.Models.PaperMlp.ParameterCount];
        Teleport.Serialization.SafeTensors.ReadParameters<float>(path, Teleport.Cli.Models.PaperMlp.Info, parameters);
        Assert.Equal(new[] { "fc0.weight", "fc1.weight", "fc2.weight" }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(file.Tensors, t => t.Name)));
        Assert.Contains(parameters, p => p != 0);
        model.InitializeParameters(1);
        Assert.NotEqual(model.Parameters.ToArray(), parameters);
    }
}

/// <summary>Teleports that took no step because every retry of the first one was refused are said so at the end.</summary>
public sealed class StalledTeleportNoteTests
{
    // A null-space step that guards almost nothing (τ = 0.01) at its trust radius (η = 1e300): every retry of the first
    // step, down to 1/64 of the radius, moves the loss beyond the drift tolerance. (--teleport-lr 1e300 and then a level-set
    // ρ of 1e30 did it with non-finite trials until the group ascent and the level-set solver learnt to step at their
    // trust radius.)
    private static readonly string[] StalledStep = ["--epochs", "1", "--teleport-epochs", "1", "--teleport-count", "3", "--teleport-batch", "60", "--teleport-method", "null-space", "--null-space-tau", "0.01", "--teleport-lr", "1e300"];

    [Fact]
    public void TeleportsThatTookNoStepAreNamedWithTheirReason()
    {
        // A stalled teleport printed "teleports 8 (8 kept)" and a run's ordinary numbers; only the record said why.
        using var dir = new TempFolder();
        var path = dir.File("run.json");
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, StalledStep, ["--out", path])).Succeeded();
        var record = RunRecordJson.Read(path);
        Assert.NotEmpty(record.Teleports);
        Assert.All(record.Teleports, t => Assert.Equal(0, t.StepsTaken));
        var n = record.Teleports.Count;
        Assert.Contains($"note: {n} of {n} teleports took no ascent step, every retry of the first step refused: {n} moved the loss beyond the drift tolerance (drift_limit).", run.Out);
        Assert.Contains("a smaller teleport step size (--teleport-lr, or --level-set-rho) may move them", run.Out);

        var compare = CliRun.Of(Small.Args("compare", Small.Synthetic, StalledStep)).Succeeded();
        Assert.Contains($"note: [teleport] {n} of {n} teleports took no ascent step", compare.Out);
    }

    [Fact]
    public void TeleportsThatMovedHaveNoNote()
    {
        var run = CliRun.Of(Small.Args("train", Small.Synthetic, Small.Teleports, ["--epochs", "1"])).Succeeded();
        Assert.DoesNotContain("took no ascent step", run.Out);
    }
}
