using System;
using System.IO;
using System.Text.Json.Nodes;
using Teleport.Data;
using Teleport.Runtime.Tests.Data;
using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Reliability;

/// <summary>
/// A resume copies the checkpoint's history into the run record; a bad-input sweep edited it and the resume wrote a record
/// that <c>teleport report</c> then refused (an accuracy of 7.5, a negative loss, a lost or extra epoch, a window sum of
/// 1e308, deleted teleports or loss trace, a NaN teleport loss). The history must now be one a run writes. The checkpoint:
/// step 7 of a 2-epoch run of 5 batches an epoch (epoch 1 recorded, trace point at step 5, an open window of 2 steps).
/// </summary>
public sealed class CheckpointHistoryTests
{
    [Theory]
    [InlineData("accuracy", "has \"epochs[0].test_accuracy\" 7.5, not a fraction in [0, 1]")]
    [InlineData("train_loss", "has \"epochs[0].train_loss\" -3, below 0")]
    [InlineData("grad_norm_sq", "has \"epochs[0].grad_norm_sq\" -1, below 0")]
    [InlineData("duplicate", "has \"epochs[1].epoch\" 1, but a run records its epochs 1, 2, 3, … in order, so entry 1 is epoch 2")]
    [InlineData("extra", "records 2 epochs, but its position is in epoch 2, after 1")]
    [InlineData("no_epochs", "records 0 epochs, but its position is in epoch 2, after 1")]
    [InlineData("epoch_steps", "has \"epochs[0].steps\" 4, but epoch 1 ends after 5 steps (5 an epoch)")]
    [InlineData("global_step", "has global_step 8, but its position, epoch 2 batch 2 with 5 batches an epoch, is step 7")]
    [InlineData("window_sum", "has window_loss_sum 1E+308, more than epoch_loss_sum")]
    [InlineData("epoch_samples", "has epoch_samples 39, but the epoch's first 2 batches of 20 hold 40")]
    [InlineData("no_trace", "has window_steps 2, but its loss trace ends at step 0 and the run is at step 7")]
    [InlineData("trace_samples", "has \"loss_trace[0].samples\" 99, but steps 1 to 5 take 100 samples")]
    [InlineData("teleports_counted", "has \"epochs[0].teleports\" 2, but \"teleports\" holds 0 events of epoch 1")]
    [InlineData("teleport_nan", "has \"teleports[0].loss_after\" NaN, not finite in a teleport that stopped \"completed\"")]
    [InlineData("teleport_negative", "has \"teleports[0].grad_norm_sq_before\" -1, below 0")]
    [InlineData("teleport_step", "has \"teleports[0].step\" 6, but a teleport in epoch 1 comes after 0 to 4 optimizer steps (\"epochs[0].steps\" is 5)")]
    [InlineData("teleport_epoch_end", "has \"teleports[0].step\" 5, but a teleport in epoch 1 comes after 0 to 4 optimizer steps (\"epochs[0].steps\" is 5): it happens before a batch's step")]
    [InlineData("teleport_running_step", "has \"teleports[0].step\" 7, but a teleport in epoch 2 comes after 5 to 6 optimizer steps (the run is at step 7)")]
    [InlineData("teleport_future_epoch", "has \"teleports[0].epoch\" 3, but the run is in epoch 2")]
    public void AResumeRefusesAHistoryNoRunWrites(string edit, string expected)
    {
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, edit, stopOnDivergence: true);
        CorruptFileTests.AssertResumeRefused(data, options, Checkpoints.StateFileName, expected);
    }

    [Theory]
    [InlineData("teleport")]
    [InlineData("teleport_running")]
    [InlineData("teleport_no_symmetry_nan")]
    [InlineData("teleport_non_finite_nan")]
    public void ATeleportEventAsWrittenResumes(string edit)
    {
        // A teleport before the step that brought the run to step 7; and one that found no symmetry, or whose starting point
        // was not finite, reports the values it did not check (a resume had refused the "no_symmetry" one).
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, edit, stopOnDivergence: true);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    [Fact]
    public void ATrainerThatDoesNotStopOnDivergenceResumesFromANaNTeleportLoss()
    {
        // Such a run may record NaN itself; the rules about order and sign still hold for it.
        using var dir = new TempDirectory();
        var (data, options) = Edited(dir, "teleport_nan", stopOnDivergence: false);
        Assert.True(CorruptFileTests.NewTrainer(data, options).TryResume());
    }

    /// <summary>The mid-run checkpoint with <paramref name="edit"/> made to its trainer.json.</summary>
    private static (DatasetSplits Data, TrainerOptions Options) Edited(TempDirectory dir, string edit, bool stopOnDivergence)
    {
        var (data, options, checkpoint) = CorruptFileTests.MidRunCheckpoint(dir, stopOnDivergence);
        var path = Path.Combine(checkpoint, Checkpoints.StateFileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var epochs = json["epochs"]!.AsArray();
        var epoch = epochs[0]!;
        JsonNode Teleport(JsonNode? lossAfter, double gradBefore = 1, long step = 1, int epoch = 1, string stop = "completed") => new JsonObject
        {
            ["step"] = step, ["epoch"] = epoch, ["loss_before"] = 1.5, ["loss_after"] = lossAfter, ["grad_norm_sq_before"] = gradBefore,
            ["grad_norm_sq_after"] = 2.0, ["steps_taken"] = 3, ["seconds"] = 0.01, ["stop_reason"] = stop,
        };
        Action change = edit switch
        {
            "accuracy" => () => epoch["test_accuracy"] = 7.5,
            "train_loss" => () => epoch["train_loss"] = -3.0,
            "grad_norm_sq" => () => epoch["grad_norm_sq"] = -1.0,
            "duplicate" => () => epochs.Add(epoch.DeepClone()),
            "extra" => () => epochs.Add(Renumbered(epoch.DeepClone(), 2)),
            "no_epochs" => () => epochs.Clear(),
            "epoch_steps" => () => epoch["steps"] = 4,
            "global_step" => () => json["position"]!["global_step"] = 8,
            "window_sum" => () => json["accumulators"]!["window_loss_sum"] = 1e308,
            "epoch_samples" => () => json["accumulators"]!["epoch_samples"] = 39,
            "no_trace" => () => json["loss_trace"]!.AsArray().Clear(),
            "trace_samples" => () => json["loss_trace"]![0]!["samples"] = 99,
            "teleports_counted" => () => epoch["teleports"] = 2,
            "teleport" => () => json["teleports"]!.AsArray().Add(Teleport(1.4)),
            "teleport_nan" => () => json["teleports"]!.AsArray().Add(Teleport("NaN")),
            "teleport_negative" => () => json["teleports"]!.AsArray().Add(Teleport(1.4, gradBefore: -1)),
            "teleport_step" => () => json["teleports"]!.AsArray().Add(Teleport(1.4, step: 6)),
            "teleport_epoch_end" => () => json["teleports"]!.AsArray().Add(Teleport(1.4, step: 5)),
            "teleport_running_step" => () => json["teleports"]!.AsArray().Add(Teleport(1.4, step: 7, epoch: 2)),
            "teleport_future_epoch" => () => json["teleports"]!.AsArray().Add(Teleport(1.4, step: 6, epoch: 3)),
            "teleport_running" => () => json["teleports"]!.AsArray().Add(Teleport(1.4, step: 6, epoch: 2)),
            "teleport_no_symmetry_nan" => () => json["teleports"]!.AsArray().Add(Teleport("NaN", stop: "no_symmetry")),
            "teleport_non_finite_nan" => () => json["teleports"]!.AsArray().Add(Teleport("NaN", stop: "non_finite")),
            _ => throw new ArgumentException(edit),
        };
        change();
        File.WriteAllText(path, json.ToJsonString());
        // Resealed, as a deliberate edit is: the check under test is another than SHA256SUMS's, which comes last.
        CheckpointSumsFile.Reseal(checkpoint);
        return (data, options);
    }

    private static JsonNode Renumbered(JsonNode epoch, int number)
    {
        epoch["epoch"] = number;
        epoch["steps"] = 5 * number;
        return epoch;
    }
}
