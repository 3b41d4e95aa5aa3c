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
        DescribeMethod(report, extra);
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

    /// <summary>The record name of a stop reason: completed, cap_reached, no_improvement, drift_limit, non_finite, no_symmetry, range_violation, kkt_satisfied, line_search_failed.</summary>
    public static string StopReasonName(TeleportStopReason reason) => reason switch
    {
        TeleportStopReason.Completed => "completed",
        TeleportStopReason.CapReached => "cap_reached",
        TeleportStopReason.NoImprovement => "no_improvement",
        TeleportStopReason.DriftLimit => "drift_limit",
        TeleportStopReason.NonFinite => "non_finite",
        TeleportStopReason.NoSymmetry => "no_symmetry",
        TeleportStopReason.RangeViolation => "range_violation",
        TeleportStopReason.KktSatisfied => "kkt_satisfied",
        TeleportStopReason.LineSearchFailed => "line_search_failed",
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

    /// <summary>
    /// The method's own fields: teleport_method always; level set: constraint_gap_trace, kkt_residual_trace (per
    /// iterate), end_iterate and restoration_steps; null space: null_space_tau, kept_ranks, input_dimensions, layer_output_drifts (per layer).
    /// </summary>
    private static void DescribeMethod(TeleportReport report, RecordFields extra)
    {
        extra.Add("teleport_method", MethodName(report.Method));
        if (report.Method == TeleportMethod.LevelSet)
        {
            extra.Add("constraint_gap_trace", RecordValue.FromNumbers(report.ConstraintGapTrace.ToArray()))
                .Add("kkt_residual_trace", RecordValue.FromNumbers(report.KktResidualTrace.ToArray()))
                .Add("end_iterate", report.EndIterate)
                .Add("restoration_steps", report.RestorationSteps);
        }
        else if (report.Method == TeleportMethod.NullSpace)
        {
            var ranks = new List<double>(report.KeptRanks.Length);
            foreach (var r in report.KeptRanks) ranks.Add(r);
            var dimensions = new List<double>(report.InputDimensions.Length);
            foreach (var d in report.InputDimensions) dimensions.Add(d);
            extra.Add("null_space_tau", report.NullSpaceThreshold)
                .Add("kept_ranks", RecordValue.FromNumbers(ranks))
                .Add("input_dimensions", RecordValue.FromNumbers(dimensions))
                .Add("layer_output_drifts", RecordValue.FromNumbers(report.LayerOutputDrifts.ToArray()));
        }
    }

    /// <summary>The record name of a method: group, level-set, null-space.</summary>
    public static string MethodName(TeleportMethod method) => method switch
    {
        TeleportMethod.LevelSet => "level-set",
        TeleportMethod.NullSpace => "null-space",
        _ => "group",
    };
}
