using System;
using System.IO;
using System.Text.Json.Nodes;
using Teleport.Training;

namespace Teleport.Cli.Tests;

/// <summary>
/// A checkpoint whose trainer.json was edited (a bad-input sweep, when files_sha256 covered the tensor files only): the
/// learning rate trained on silently, a parameter count was shown as a --model value, an unknown identity key as an option
/// (exit 2), a stored history no run writes went into the new record. Each is now a data error (exit 1) naming
/// trainer.json and the field, and no record is written; a command line that differs is still a usage error (exit 2). An
/// edit that breaks no rule (a loss of the history within its range) is refused by the checkpoint's SHA256SUMS, naming
/// trainer.json as edited or corrupted.
/// </summary>
public sealed class ResumeEditedCheckpointTests
{
    [Theory]
    [InlineData("lr", "trainer.json: optimizer.settings.lr is 0.5, but its run.identity records --lr 0.001, which makes it 0.001: the checkpoint contradicts itself")]
    [InlineData("step_count", "trainer.json: has optimizer.step_count 0, but its optimizer has taken 10 steps since the run's start (no teleport reset it), and it is at step 10")]
    [InlineData("parameter_count", "but model paper-mlp has 12804 parameters, and its run.identity records --model paper-mlp")]
    [InlineData("frobnicate", "trainer.json: run.identity has an unknown key \"--frobnicate\", which no teleport run records")]
    [InlineData("eps", "trainer.json: \"optimizer.settings.eps\" is NaN, not a finite number ≥ 0")]
    [InlineData("betas", "trainer.json: optimizer.settings.betas is [0.5, 0.999], but teleport's adam has [0.9, 0.999] (no option sets it)")]
    [InlineData("accuracy", "trainer.json: has \"epochs[0].test_accuracy\" 7.5, not a fraction in [0, 1]")]
    [InlineData("epochs", "trainer.json: records 0 epochs, but its position is in epoch 2, after 1")]
    [InlineData("digests", "trainer.json: \"files_sha256\" is missing, but every version 4 checkpoint records the SHA-256 of its tensor files there")]
    [InlineData("train_loss", "for it (line 3): the file was edited or corrupted after checkpoint-")]
    public void AnEditedTrainerJsonIsADataErrorNamingTheField(string edit, string expected)
    {
        using var dir = new TempFolder();
        var args = Checkpointed(dir);
        Edit(dir, json =>
        {
            var settings = json["optimizer"]!["settings"]!;
            switch (edit)
            {
                case "lr": settings["lr"] = 0.5; break;
                case "step_count": json["optimizer"]!["step_count"] = 0; break;
                case "parameter_count": json["parameter_count"] = 12805; break;
                case "frobnicate": json["run"]!["identity"]!["--frobnicate"] = 1; break;
                case "eps": settings["eps"] = "NaN"; break;
                case "betas": settings["betas"] = new JsonArray(0.5, 0.999); break;
                case "accuracy": json["epochs"]![0]!["test_accuracy"] = 7.5; break;
                case "epochs": json["epochs"] = new JsonArray(); break;
                case "digests": json.AsObject().Remove("files_sha256"); break;
                case "train_loss": json["epochs"]![0]!["train_loss"] = (double)json["epochs"]![0]!["train_loss"]! * 1.5; break;
            }
        });
        var run = CliRun.Of([.. args, "--epochs", "2", "--resume"]);
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("teleport: trainer.json: ", line);
        Assert.Contains(expected, line);
        Assert.False(File.Exists(dir.File("r.json")));
    }

    [Fact]
    public void ACommandLineThatDiffersIsStillAUsageError()
    {
        using var dir = new TempFolder();
        var args = Checkpointed(dir);
        var run = CliRun.Of([.. args, "--epochs", "2", "--resume", "--lr", "0.002"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("was written with --lr 0.001, but this command has --lr 0.002", run.Error);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("transport")]
    public void ARunWhoseTeleportsResetTheOptimizerResumes(string policy)
    {
        // The step-count rule counts the steps since the last reset a teleport event records: a run that resets resumes.
        using var dir = new TempFolder();
        string[] args = [.. Small.Args("train", Small.Synthetic, Small.Teleports), "--optimizer", "adam", "--optimizer-state", policy,
            "--checkpoint", dir.File("ck"), "--out", dir.File("r.json")];
        Assert.Equal(130, CliRun.Of([.. args, "--epochs", "2", "--stop-after-steps", "19"]).ExitCode);
        CliRun.Of([.. args, "--epochs", "2", "--resume"]).Succeeded();
    }

    /// <summary>An adam run of one epoch (10 steps) checkpointed in ck; the arguments that resume it (with --epochs).</summary>
    private static string[] Checkpointed(TempFolder dir)
    {
        string[] args = ["train", "--dataset", "synthetic", "--limit-train", "200", "--limit-test", "50", "--optimizer", "adam",
            "--checkpoint", dir.File("ck"), "--out", dir.File("r.json")];
        CliRun.Of([.. args, "--epochs", "1"]).Succeeded();
        File.Delete(dir.File("r.json"));
        return args;
    }

    private static void Edit(TempFolder dir, Action<JsonNode> edit)
    {
        var path = Path.Combine(Checkpoints.FindLatest(dir.File("ck"))!, Checkpoints.StateFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
