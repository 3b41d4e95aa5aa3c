using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace Teleport.Cli.Tests;

/// <summary>
/// Each rule of <c>TeleportEventRules</c> broken in the same history, read by both its readers: <c>teleport report</c>
/// on the run record and a resume on the checkpoint. Both refuse it, naming the field and giving the same reason, each in
/// its own words around it. Before the rules were one definition the readers disagreed: report refused what a resume took
/// (a count above its events' kept, a trace or a gain column an edit changed, a step past the epoch's last) and a resume
/// what a run writes (see <see cref="TeleportEventsWrittenTests"/>).
/// </summary>
public sealed class TeleportEventRulesTests
{
    [Theory]
    [InlineData("epoch", "teleports[3].epoch", "3", "a teleport is recorded in the epoch it happens in")]
    [InlineData("step", "teleports[0].step", "15", "but a teleport in epoch 1 comes after 0 to 14 optimizer steps (\"epochs[0].steps\" is 15): it happens before a batch's step")]
    [InlineData("stop_reason", "teleports[0].stop_reason", "\"bogus\"", "not a reason a teleport stops for (completed, cap_reached, ")]
    [InlineData("loss_before", "teleports[0].loss_before", "-1", "below 0: losses (cross-entropy, squared error) and ‖∇L‖² (a sum of squares) are not negative")]
    [InlineData("loss_after", "teleports[0].loss_after", "-1", "below 0")]
    [InlineData("grad_norm_sq_before", "teleports[0].grad_norm_sq_before", "-1", "below 0")]
    [InlineData("grad_norm_sq_after", "teleports[0].grad_norm_sq_after", "-Infinity", "below 0")]
    [InlineData("loss_before_nan", "teleports[0].loss_before", "NaN", "not finite in a teleport that stopped \"completed\": the teleporter ends one at a point it checked finite")]
    [InlineData("loss_after_infinite", "teleports[0].loss_after", "Infinity", "not finite in a teleport that stopped \"completed\"")]
    [InlineData("grad_norm_sq_before_nan", "teleports[0].grad_norm_sq_before", "NaN", "not finite in a teleport that stopped \"completed\"")]
    [InlineData("grad_norm_sq_after_infinite", "teleports[0].grad_norm_sq_after", "Infinity", "not finite in a teleport that stopped \"completed\"")]
    [InlineData("nan_in_another_stop", "teleports[0].loss_after", "NaN", "not finite in a teleport that stopped \"drift_limit\"")]
    [InlineData("seconds", "teleports[0].seconds", "-1", "not a time (finite and ≥ 0)")]
    [InlineData("seconds_infinite", "teleports[0].seconds", "Infinity", "not a time (finite and ≥ 0)")]
    [InlineData("trace_not_array", "teleports[0].grad_norm_sq_trace", "\"big\"", "not an array of numbers")]
    [InlineData("trace_item", "teleports[0].grad_norm_sq_trace[1]", "\"big\"", "not a number")]
    [InlineData("trace_nan", "teleports[0].grad_norm_sq_trace[1]", "NaN", "not finite in a teleport that stopped \"completed\"")]
    [InlineData("gain", "teleports[0].grad_norm_sq_gain", null, "but \"teleports[0].grad_norm_sq_after\" / \"teleports[0].grad_norm_sq_before\" is ")]
    [InlineData("gain_text", "teleports[0].grad_norm_sq_gain", "\"big\"", "not a number: the teleport callback writes it from the event's losses and ‖∇L‖²")]
    [InlineData("relative_loss_drift", "teleports[0].relative_loss_drift", null, "but |\"teleports[0].loss_after\" − \"teleports[0].loss_before\"| / max(|\"teleports[0].loss_before\"|, 1e-30) is ")]
    [InlineData("loss_drift", "teleports[0].loss_drift", null, "but \"teleports[0].loss_after\" − \"teleports[0].loss_before\" is ")]
    [InlineData("counted", "epochs[0].teleports", "5", "but \"teleports\" holds 4 events of epoch 1: the teleport callback records an event for each teleport it counts")]
    [InlineData("counted_fraction", "epochs[0].teleports", "3.5", "not a count (a whole number ≥ 0)")]
    [InlineData("counted_text", "epochs[0].teleports", "\"4\"", "not a count (a whole number ≥ 0)")]
    [InlineData("kept_above_counted", "epochs[0].teleports_kept", "5", "more than the epoch's 4 teleports (\"epochs[0].teleports\")")]
    [InlineData("kept_above_kept_events", "epochs[0].teleports_kept", "2", "but 1 of the 4 events of epoch 1 in \"teleports\" are kept")]
    [InlineData("kept_below_kept_events", "epochs[0].teleports_kept", "0", "but of the epoch's 4 teleports (\"epochs[0].teleports\") only 3 have an event in \"teleports\" that was not kept, so at least 1 were kept")]
    public void BothReadersRefuseAHistoryThatBreaksARuleNamingTheField(string edit, string place, string? value, string why)
    {
        using var readers = new TwoReaders();
        Fixture(readers.Record());
        var (report, resume) = readers.Both(history => Edit(history, edit));
        var reportLine = readers.Refusal(report, report: true);
        var resumeLine = readers.Refusal(resume, report: false);
        Assert.StartsWith($"teleport: run.json: \"{place}\" is {value}", reportLine, StringComparison.Ordinal);
        Assert.StartsWith($"teleport: trainer.json: has \"{place}\" {value}", resumeLine, StringComparison.Ordinal);
        Assert.Contains(why, reportLine, StringComparison.Ordinal);
        Assert.Contains(why, resumeLine, StringComparison.Ordinal);
        // Each in its own words around the shared reason.
        Assert.EndsWith(": teleport report renders the records of finished runs, and no run writes this (an edited file?)", reportLine, StringComparison.Ordinal);
    }

    [Fact]
    public void ANegativeStepsTakenIsRefusedByBothReadersAsTheyReadIt()
    {
        using var readers = new TwoReaders();
        var (report, resume) = readers.Both(history => Teleport(history, 0)["steps_taken"] = -1);
        Assert.Contains("\"teleports[0].steps_taken\"", readers.Refusal(report, report: true), StringComparison.Ordinal);
        Assert.Contains("\"teleports[0].steps_taken\"", readers.Refusal(resume, report: false), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHistoryAsWrittenAndATraceOfASignedObjectiveAreTakenByBoth()
    {
        using var readers = new TwoReaders();
        var (report, resume) = readers.Both(_ => { });
        report.Succeeded();
        resume.Succeeded();

        // The trace holds the teleport objective's values — ‖∇L‖² by default, but a library run may teleport by the
        // Hessian's trace or top eigenvalue, which can be negative, and the event does not say which (report had refused
        // a negative entry, a resume did not look).
        using var other = new TwoReaders();
        var (signedReport, signedResume) = other.Both(history => Teleport(history, 0)["grad_norm_sq_trace"] = new JsonArray(-0.5, -0.25));
        signedReport.Succeeded();
        signedResume.Succeeded();
    }

    /// <summary>The run the edits assume: epoch 1 of 15 steps holds 4 teleports (steps 0, 1, 7, 14), the first kept, all "completed".</summary>
    private static void Fixture(JsonNode record)
    {
        var epoch = record["epochs"]![0]!;
        Assert.Equal(15, (long)epoch["steps"]!);
        Assert.Equal(4, (int)epoch["teleports"]!);
        Assert.Equal(1, (int)epoch["teleports_kept"]!);
        var events = record["teleports"]!.AsArray();
        Assert.Equal([0L, 1, 7, 14], events.Select(e => (long)e!["step"]!));
        Assert.Equal([true, false, false, false], events.Select(e => (bool)e!["kept"]!));
        Assert.All(events, e => Assert.Equal("completed", (string)e!["stop_reason"]!));
        Assert.All(events, e => Assert.True(((JsonArray)e!["grad_norm_sq_trace"]!).Count >= 2));
    }

    private static void Edit(JsonNode history, string edit)
    {
        var first = Teleport(history, 0);
        var epoch = history["epochs"]![0]!;
        switch (edit)
        {
            case "epoch": Teleport(history, 3)["epoch"] = 3; break;
            case "step": first["step"] = 15; break;
            case "stop_reason": first["stop_reason"] = "bogus"; break;
            case "loss_before" or "loss_after" or "grad_norm_sq_before": first[edit] = -1; break;
            case "grad_norm_sq_after": first[edit] = "-Infinity"; break;
            case "loss_before_nan": first["loss_before"] = "NaN"; break;
            case "loss_after_infinite": first["loss_after"] = "Infinity"; break;
            case "grad_norm_sq_before_nan": first["grad_norm_sq_before"] = "NaN"; break;
            case "grad_norm_sq_after_infinite": first["grad_norm_sq_after"] = "Infinity"; break;
            case "nan_in_another_stop":
                first["stop_reason"] = "drift_limit";
                first["loss_after"] = "NaN";
                break;
            case "seconds": first["seconds"] = -1; break;
            case "seconds_infinite": first["seconds"] = "Infinity"; break;
            case "trace_not_array": first["grad_norm_sq_trace"] = "big"; break;
            case "trace_item": first["grad_norm_sq_trace"]![1] = "big"; break;
            case "trace_nan": first["grad_norm_sq_trace"]![1] = "NaN"; break;
            case "gain" or "relative_loss_drift" or "loss_drift":
                var key = edit == "gain" ? "grad_norm_sq_gain" : edit;
                first[key] = (double)first[key]! * 2 + 1;
                break;
            case "gain_text": first["grad_norm_sq_gain"] = "big"; break;
            case "counted": epoch["teleports"] = 5; break;
            case "counted_fraction": epoch["teleports"] = 3.5; break;
            case "counted_text": epoch["teleports"] = "4"; break;
            case "kept_above_counted": epoch["teleports_kept"] = 5; break;
            case "kept_above_kept_events": epoch["teleports_kept"] = 2; break;
            case "kept_below_kept_events": epoch["teleports_kept"] = 0; break;
            default: throw new ArgumentException(edit);
        }
    }

    private static JsonNode Teleport(JsonNode history, int index) => history["teleports"]![index]!;
}
