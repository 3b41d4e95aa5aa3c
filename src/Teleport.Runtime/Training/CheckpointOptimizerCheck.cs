using System.Collections.Generic;
using System.Globalization;
using Teleport.Data;
using Teleport.Optimizers;
using Teleport.Records;
using Teleport.Serialization;

namespace Teleport.Training;

/// <summary>
/// The optimizer part of a checkpoint against the run resuming it: the buffers of optimizer.safetensors are the optimizer's
/// own, and — when the run owns its optimizer (<see cref="TrainerOptions.OwnsOptimizer"/>) — the step count is the one the
/// run's steps and resets leave. A bad-input sweep set <c>optimizer.step_count</c> to 0 at step 20: the resume restarted
/// Adam's bias correction silently; and a file without <c>exp_avg</c> was reported in .NET's words.
/// </summary>
internal static class CheckpointOptimizerCheck
{
    /// <summary>
    /// The optimizer's step count counts the steps since it was created or last reset (<see cref="Optimizer{T}.Reset"/>).
    /// The trainer takes one step per global step (a step refused for divergence is not taken, and no checkpoint follows
    /// it); a look-ahead's trial steps are undone with the state they started from. So a run whose optimizer started
    /// fresh has taken global_step steps since its start, or since the last reset: a <see cref="TeleportCallback"/> resets
    /// with the reset policy (both branches of a look-ahead), or with a transport that falls back to a reset and is kept,
    /// and records it in the event (<c>optimizer_state</c>, <c>kept</c>). A control arm resets at its points without
    /// events: there the count is only bounded.
    /// </summary>
    /// <exception cref="TeleportDataException">A step count this run cannot have.</exception>
    public static void StepCount(CheckpointState state, IReadOnlyList<ITrainingCallback> callbacks, string path)
    {
        var c = CultureInfo.InvariantCulture;
        var step = state.Progress.GlobalStep;
        var count = state.OptimizerStepCount;
        if (count > step)
            throw new TeleportDataException(path, string.Create(c,
                $"has optimizer.step_count {count}, more than the {step} steps of its run (the run's optimizer started fresh, and counts only its steps)"));
        foreach (var callback in callbacks)
            if (callback is TeleportCallback { Options: { ControlOnly: true, OptimizerState: OptimizerStatePolicy.Reset } }) return;
        long? lastReset = null;
        foreach (var t in state.Teleports)
            if (Resets(t) && t.Step >= (lastReset ?? 0)) lastReset = t.Step;
        var expected = step - (lastReset ?? 0);
        if (count != expected)
            throw new TeleportDataException(path, string.Create(c,
                $"has optimizer.step_count {count}, but its optimizer has taken {expected} steps since {(lastReset is { } r ? $"the teleport at step {r} reset it" : "the run's start (no teleport reset it)")}, and it is at step {step}"));
    }

    /// <summary>Whether a teleport event left the optimizer reset (see <see cref="StepCount"/>).</summary>
    private static bool Resets(TeleportEvent t)
    {
        if (!t.Extra.TryGetValue("optimizer_state", out var outcome) || outcome.Kind != RecordValueKind.String) return false;
        // A look-ahead that keeps the point without the teleport restores the state from before it, then applies the
        // policy there: the reset policy resets that branch too, a transport (whose fallback this was) does not.
        var kept = !t.Extra.TryGetValue("kept", out var k) || k.Kind != RecordValueKind.Boolean || k.Boolean;
        return outcome.String switch
        {
            "reset" => true,
            "reset_fallback" => kept,
            _ => false,
        };
    }

    /// <summary>
    /// Every tensor of optimizer.safetensors is a buffer of <paramref name="optimizer"/> (configured with the checkpoint's
    /// kind and settings, checked before) and every buffer is there, said in the file's terms (<see cref="Optimizer{T}.LoadState"/>
    /// would say it in .NET's, with a parameter name).
    /// </summary>
    /// <exception cref="TeleportDataException">A tensor too many or a buffer missing.</exception>
    public static void Buffers(SafeTensorsFile file, Optimizer<float> optimizer, string path)
    {
        var kind = OptimizerFields.KindName(optimizer.Kind);
        var names = new List<string>();
        foreach (var buffer in optimizer.Buffers) names.Add('"' + buffer.Name + '"');
        var own = names.Count == 0 ? $"{kind} has no buffers with these settings" : $"its buffers are {string.Join(", ", names)}";
        var found = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            if (optimizer.FindBuffer(tensor.Name) is null)
                throw new TeleportDataException(path, $"holds a tensor \"{tensor.Name}\", which is not a buffer of {kind} ({own})");
            found.Add(tensor.Name);
        }
        foreach (var buffer in optimizer.Buffers)
            if (!found.Contains(buffer.Name))
                throw new TeleportDataException(path, $"has no \"{buffer.Name}\" buffer, which {kind} needs ({own})");
    }
}
