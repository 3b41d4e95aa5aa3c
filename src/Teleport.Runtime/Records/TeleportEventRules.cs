using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Teleportation;
using Teleport.Training;

namespace Teleport.Records;

/// <summary>
/// What every history's <c>"teleports"</c> keep, whoever reads them back: <c>teleport report</c> checks a run record's
/// with these rules and a resume the history stored in a checkpoint's <c>trainer.json</c>, so the two never disagree
/// about what a run writes (they had: report refused a teleport's NaN whatever stopped it, a resume let it through in a
/// teleport that stopped "non_finite"; report wanted an epoch's <c>teleports</c> to equal its events, a resume at most).
/// </summary>
/// <remarks>
/// <para>
/// Each rule follows from the writers. <see cref="TrainingContext.RecordTeleport(double, double, double, double, int, double, RecordFields?)"/>
/// records an event at the trainer's position, and a callback teleports where it may change the parameters, before a
/// batch's step (<see cref="ITrainingCallback.OnBatchStart"/>): its epoch is the one in progress and its step the
/// optimizer steps taken before that batch's, so step + 1 is one of the epoch's steps — and, in a run in progress, one
/// already taken (the teleport's batch steps right after it; a run that diverges there writes no checkpoint). Any
/// callback may record events; <see cref="TeleportCallback"/> counts its own into the epoch's <c>teleports</c> (and,
/// with a look-ahead, those it kept into <c>teleports_kept</c>), so an epoch counts at most the events it holds.
/// </para>
/// <para>
/// Losses (cross-entropy, squared error) and ‖∇L‖² (a sum of squares) are never negative. The teleporter ends a teleport
/// at a point it checked finite — its start, or the last accepted step: a step to a value that is not finite is rolled
/// back and retried shorter, and when every retry fails the teleport stops "non_finite" at the last point it accepted,
/// with that point's finite values — except when it stops "non_finite" because its starting point was not finite (on
/// the teleport batch, which the training batches need not share), or "no_symmetry", where nothing moved and nothing
/// was checked. So in a run that stops on divergence only those two stop reasons, or an event that gives none (another
/// callback's), may hold a value that is not finite; a run that trains on through divergence may write them anywhere.
/// <c>grad_norm_sq_trace</c> holds the teleport objective's values (‖∇L‖² unless the teleport options chose another,
/// which the event does not record, and some of which are signed), so only its finiteness is a rule.
/// </para>
/// <para>
/// The callback writes <c>grad_norm_sq_gain</c>, <c>relative_loss_drift</c> and <c>loss_drift</c> from the event's
/// losses and ‖∇L‖² (<see cref="TeleportReport"/>), so they agree with them.
/// </para>
/// </remarks>
public static partial class TeleportEventRules
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The stop reason of a teleport that met a value that was not finite.</summary>
    public static string NonFiniteStop { get; } = TeleportCallback.StopReasonName(TeleportStopReason.NonFinite);

    /// <summary>The stop reason of a teleport that found no symmetry to move along (its values come unchecked).</summary>
    public static string NoSymmetryStop { get; } = TeleportCallback.StopReasonName(TeleportStopReason.NoSymmetry);

    private static readonly string[] StopReasons = Array.ConvertAll(Enum.GetValues<TeleportStopReason>(), TeleportCallback.StopReasonName);

    /// <summary>
    /// The first value of <paramref name="teleports"/> (or of the epochs' counts of them) that no run writes, or null.
    /// </summary>
    /// <param name="epochs">The history's epoch records, 1, 2, …, n (<see cref="RecordRules.FirstMisnumberedEpoch"/>).</param>
    /// <param name="teleports">Its teleport events.</param>
    /// <param name="runningAt">
    /// For the history of a run in progress (a checkpoint's), its global step: epoch n + 1 is then under way, from the end
    /// of epoch n to this step. Null for a finished run's record, which holds every epoch its events happened in.
    /// </param>
    /// <param name="stopsOnDivergence">Whether the run stops on divergence (<see cref="TrainerOptions.StopOnDivergence"/>).</param>
    /// <param name="prefix">Prefixes the places named (<c>"teleport."</c> for an arm of a compare record).</param>
    public static RecordProblem? FirstProblem(
        IReadOnlyList<EpochRecord> epochs, IReadOnlyList<TeleportEvent> teleports, long? runningAt, bool stopsOnDivergence, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(teleports);
        ArgumentNullException.ThrowIfNull(prefix);
        for (var k = 0; k < teleports.Count; k++)
        {
            var at = string.Create(C, $"{prefix}teleports[{k}].");
            if ((Position(epochs, teleports[k], runningAt, at, prefix) ?? Values(teleports[k], stopsOnDivergence, at) ?? Derived(teleports[k], at)) is { } problem)
                return problem;
        }
        return Counts(epochs, teleports, prefix);
    }

    /// <summary>The event's epoch is one the history holds or the one under way, and step + 1 one of that epoch's steps taken.</summary>
    private static RecordProblem? Position(IReadOnlyList<EpochRecord> epochs, TeleportEvent e, long? runningAt, string at, string prefix)
    {
        var recorded = epochs.Count;
        var last = runningAt is null ? recorded : recorded + 1;
        if (e.Epoch < 1 || e.Epoch > last)
            return new(at + "epoch", e.Epoch.ToString(C), runningAt is null
                ? string.Create(C, $"but the record holds {Count(recorded, "epoch")}: a teleport is recorded in the epoch it happens in, and a finished run records every epoch")
                : string.Create(C, $"but the run is in epoch {recorded + 1}: a teleport is recorded in the epoch it happens in"));
        var first = e.Epoch == 1 ? 0 : epochs[e.Epoch - 2].Steps;
        var end = e.Epoch <= recorded ? epochs[e.Epoch - 1].Steps : runningAt!.Value;
        if (e.Step >= first && e.Step < end) return null;
        var endSays = e.Epoch <= recorded
            ? string.Create(C, $"\"{prefix}epochs[{e.Epoch - 1}].steps\" is {end}")
            : string.Create(C, $"the run is at step {end}");
        return new(at + "step", e.Step.ToString(C), end > first
            ? string.Create(C, $"but a teleport in epoch {e.Epoch} comes after {first} to {end - 1} optimizer steps ({endSays}): it happens before a batch's step")
            : string.Create(C, $"but epoch {e.Epoch} has taken no step ({endSays}), and a teleport happens before a batch's step, which follows it"));
    }

    /// <summary>Its stop reason, losses and ‖∇L‖², steps, time and trace.</summary>
    private static RecordProblem? Values(TeleportEvent e, bool stopsOnDivergence, string at)
    {
        string? stop = null;
        if (e.Extra.TryGetValue("stop_reason", out var reason))
        {
            if (reason.Kind != RecordValueKind.String || Array.IndexOf(StopReasons, reason.String) < 0)
                return new(at + "stop_reason", Shown(reason), $"not a reason a teleport stops for ({string.Join(", ", StopReasons)})");
            stop = reason.String;
        }
        var finite = stopsOnDivergence && stop is not null && stop != NonFiniteStop && stop != NoSymmetryStop;
        foreach (var (key, value) in e.Measures())
        {
            if (value < 0)
                return new(at + key, RecordJson.Text(value), "below 0: losses (cross-entropy, squared error) and ‖∇L‖² (a sum of squares) are not negative");
            if (finite && !double.IsFinite(value)) return NotFinite(at + key, value, stop!);
        }
        if (e.StepsTaken < 0) return new(at + "steps_taken", e.StepsTaken.ToString(C), "not a count of ascent steps (≥ 0)");
        if (!double.IsFinite(e.Seconds) || e.Seconds < 0) return new(at + "seconds", RecordJson.Text(e.Seconds), "not a time (finite and ≥ 0)");
        return Trace(e, finite ? stop : null, at + "grad_norm_sq_trace");
    }

    /// <summary><c>grad_norm_sq_trace</c>: the objective at the start and after each accepted step, numbers (finite where the event's are).</summary>
    private static RecordProblem? Trace(TeleportEvent e, string? finiteStop, string place)
    {
        if (!e.Extra.TryGetValue("grad_norm_sq_trace", out var trace)) return null;
        if (trace.Kind != RecordValueKind.Array) return new(place, Shown(trace), "not an array of numbers (the teleport objective at the start and after each accepted step)");
        for (var k = 0; k < trace.Items.Count; k++)
        {
            var itemPlace = string.Create(C, $"{place}[{k}]");
            if (!trace.Items[k].TryGetNumber(out var value)) return new(itemPlace, Shown(trace.Items[k]), "not a number");
            if (finiteStop is not null && !double.IsFinite(value)) return NotFinite(itemPlace, value, finiteStop);
        }
        return null;
    }

    private static RecordProblem NotFinite(string place, double value, string stop) =>
        new(place, RecordJson.Text(value), $"not finite in a teleport that stopped \"{stop}\": the teleporter ends one at a point it checked finite (only \"{NonFiniteStop}\" at a starting point that was not, and \"{NoSymmetryStop}\", report values it did not check)");

    /// <summary>A value as the file has it: a string in quotes, so that "8" is not taken for the number 8.</summary>
    private static string Shown(RecordValue value) => value.Kind == RecordValueKind.String ? $"\"{value.String}\"" : value.ToString();

    private static string Count(long n, string noun) => string.Create(C, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
