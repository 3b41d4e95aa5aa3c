using System;
using System.Collections.Generic;
using Teleport.Records;
using Teleport.Teleportation;

namespace Teleport.Training;

// The extra fields of a teleport event (see the class remarks).
public sealed partial class TeleportCallback
{
    private RecordFields DescribeTeleport(
        TeleportReport report, TeleportTrigger trigger, int batch, OptimizerStateOutcome outcome, string? blockedBy,
        bool kept, TeleportLookaheadResult? lookahead)
    {
        var symmetries = new List<RecordValue>(report.SymmetriesUsed.Length);
        foreach (var id in report.SymmetriesUsed) symmetries.Add(id);
        var trace = new List<double>(report.GradNormSquaredTrace.Length);
        foreach (var value in report.GradNormSquaredTrace) trace.Add(value);
        var extra = new RecordFields()
            .Add("trigger", TriggerName(trigger))
            .Add("batch", batch)
            .Add("loss_drift", report.LossDrift)
            .Add("relative_loss_drift", report.RelativeLossDrift)
            .Add("grad_norm_sq_gain", report.GradNormSquaredGain)
            .Add("grad_norm_sq_trace", RecordValue.FromNumbers(trace))
            .Add("backtracks", report.Backtracks)
            .Add("rejected_steps", report.RejectedSteps)
            .Add("stop_reason", StopReasonName(report.StopReason))
            .Add("symmetries", RecordValue.FromArray(symmetries))
            .Add("final_lr", report.FinalLearningRate)
            .Add("ascent_seconds", report.Seconds)
            .Add("policy", TeleportTrainingOptions.PolicyName(Options.OptimizerState))
            .Add("optimizer_state", OutcomeName(outcome));
        if (blockedBy is not null) extra.Add("transport_blocked_by", blockedBy);
        extra.Add("kept", kept);
        if (lookahead is { } l)
        {
            extra.Add("lookahead_loss_teleported", l.TeleportedLoss)
                .Add("lookahead_loss_plain", l.PlainLoss)
                .Add("lookahead_seconds", l.Seconds);
        }
        return extra;
    }

    /// <summary>The record name of a trigger: epoch, every, adaptive.</summary>
    public static string TriggerName(TeleportTrigger trigger) => trigger switch
    {
        TeleportTrigger.Epoch => "epoch",
        TeleportTrigger.Every => "every",
        TeleportTrigger.Adaptive => "adaptive",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown trigger."),
    };

    /// <summary>The record name of a stop reason: completed, cap_reached, no_improvement, drift_limit, non_finite, no_symmetry, range_violation.</summary>
    public static string StopReasonName(TeleportStopReason reason) => reason switch
    {
        TeleportStopReason.Completed => "completed",
        TeleportStopReason.CapReached => "cap_reached",
        TeleportStopReason.NoImprovement => "no_improvement",
        TeleportStopReason.DriftLimit => "drift_limit",
        TeleportStopReason.NonFinite => "non_finite",
        TeleportStopReason.NoSymmetry => "no_symmetry",
        TeleportStopReason.RangeViolation => "range_violation",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown stop reason."),
    };

    /// <summary>The record name of an outcome: reset, kept, transported, reset_fallback.</summary>
    public static string OutcomeName(OptimizerStateOutcome outcome) => outcome switch
    {
        OptimizerStateOutcome.Reset => "reset",
        OptimizerStateOutcome.Kept => "kept",
        OptimizerStateOutcome.Transported => "transported",
        OptimizerStateOutcome.ResetFallback => "reset_fallback",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };
}
