using System;
using System.Collections.Generic;
using Teleport.Records;
using Teleport.Teleportation;

namespace Teleport.Cli.Reports;

/// <summary>
/// A teleport event's numbers as a report uses them: the standard fields plus the extras the teleport
/// callback writes (<c>relative_loss_drift</c>, <c>grad_norm_sq_gain</c>, <c>grad_norm_sq_trace</c>, <c>kept</c>,
/// <c>trigger</c>, <c>stop_reason</c>), recomputed from the standard fields when a record lacks them.
/// </summary>
/// <param name="Index">1-based position among the report's teleports.</param>
/// <param name="Arm">The arm it belongs to.</param>
/// <param name="Event">The recorded event.</param>
internal sealed record TeleportFacts(int Index, string Arm, TeleportEvent Event)
{
    /// <summary>|loss after − loss before| / max(|loss before|, 1e-30), as the teleporter defines it.</summary>
    public double RelativeDrift =>
        Extra("relative_loss_drift")
        ?? Math.Abs(Event.LossAfter - Event.LossBefore) / Math.Max(Math.Abs(Event.LossBefore), TeleportReport.LossScaleFloor);

    /// <summary>‖∇L‖² after ÷ before (NaN when before is 0).</summary>
    public double Gain => Extra("grad_norm_sq_gain")
        ?? (Event.GradNormSquaredBefore == 0 ? double.NaN : Event.GradNormSquaredAfter / Event.GradNormSquaredBefore);

    /// <summary>Whether the look-ahead kept the teleport; null when the record does not say.</summary>
    public bool? Kept => Event.Extra.TryGetValue("kept", out var v) && v.Kind == RecordValueKind.Boolean ? v.Boolean : null;

    /// <summary>What triggered it (epoch, every, adaptive), if recorded.</summary>
    public string? Trigger => Text("trigger");

    /// <summary>Why the ascent stopped (completed, cap_reached, …), if recorded.</summary>
    public string? StopReason => Text("stop_reason");

    /// <summary>‖∇L‖² on the teleport batch before the ascent and after each accepted step (empty if not recorded).</summary>
    public IReadOnlyList<double> GradNormTrace
    {
        get
        {
            if (!Event.Extra.TryGetValue("grad_norm_sq_trace", out var value) || value.Kind != RecordValueKind.Array) return [];
            var trace = new List<double>(value.Items.Count);
            foreach (var item in value.Items) trace.Add(item.TryGetNumber(out var n) ? n : double.NaN);
            return trace;
        }
    }

    /// <summary>Every teleport of the report's arms, numbered from 1 in order.</summary>
    public static List<TeleportFacts> Collect(ReportInput input)
    {
        var all = new List<TeleportFacts>();
        foreach (var arm in input.Arms)
            foreach (var e in arm.Run.Teleports) all.Add(new TeleportFacts(all.Count + 1, arm.Name, e));
        return all;
    }

    private double? Extra(string key) =>
        Event.Extra.TryGetValue(key, out var v) && v.TryGetNumber(out var n) ? n : null;

    private string? Text(string key) =>
        Event.Extra.TryGetValue(key, out var v) && v.Kind == RecordValueKind.String ? v.String : null;
}
