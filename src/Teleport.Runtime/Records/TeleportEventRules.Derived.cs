using System;
using Teleport.Teleportation;

namespace Teleport.Records;

// The columns the callback computes from an event's losses and ‖∇L‖² (TeleportReport's formulas): report prints the gain
// and drift beside them, and an edit on either side showed a row whose columns disagree.
public static partial class TeleportEventRules
{
    private static RecordProblem? Derived(TeleportEvent e, string at)
    {
        var before = e.GradNormSquaredBefore;
        // The gain is NaN when ‖∇L‖² before is 0 (a ratio over nothing), the quotient otherwise.
        var gain = before == 0 ? double.NaN : e.GradNormSquaredAfter / before;
        var gainSays = $"\"{at}grad_norm_sq_after\" / \"{at}grad_norm_sq_before\" is {RecordJson.Text(e.GradNormSquaredAfter)} / {RecordJson.Text(before)}"
            + (before == 0 ? ", which has no value" : " = " + RecordJson.Text(gain));
        var scale = Math.Max(Math.Abs(e.LossBefore), TeleportReport.LossScaleFloor);
        var drift = e.LossAfter - e.LossBefore;
        return Agrees(e, at, "grad_norm_sq_gain", gain, gainSays)
            ?? Agrees(e, at, "relative_loss_drift", Math.Abs(drift) / scale,
                $"|\"{at}loss_after\" − \"{at}loss_before\"| / max(|\"{at}loss_before\"|, 1e-30) is {RecordJson.Text(Math.Abs(drift) / scale)}")
            ?? Agrees(e, at, "loss_drift", drift, $"\"{at}loss_after\" − \"{at}loss_before\" is {RecordJson.Text(drift)}");
    }

    /// <summary>A derived field, if the event has it, is a number equal to <paramref name="truth"/>.</summary>
    private static RecordProblem? Agrees(TeleportEvent e, string at, string key, double truth, string truthSays)
    {
        if (!e.Extra.TryGetValue(key, out var value)) return null;
        const string Writes = "the teleport callback writes it from the event's losses and ‖∇L‖²";
        if (!value.TryGetNumber(out var written)) return new(at + key, Shown(value), $"not a number: {Writes}");
        return Close(written, truth) ? null : new(at + key, RecordJson.Text(written), $"but {truthSays}: {Writes}");
    }

    /// <summary>Equal up to the rounding of a record written by another tool (the callback writes the same bits; NaN equals NaN).</summary>
    private static bool Close(double written, double truth) =>
        written.Equals(truth) || Math.Abs(written - truth) <= 1e-9 * Math.Abs(truth);
}
