using System;
using System.Collections.Generic;

namespace Teleport.Records;

// An epoch's "teleports" and "teleports_kept": the teleport callback counts its teleports, and the kept ones, as it
// records their events (TeleportCallback.OnEpochEnd); other callbacks may record events of their own, never remove any.
public static partial class TeleportEventRules
{
    private static RecordProblem? Counts(IReadOnlyList<EpochRecord> epochs, IReadOnlyList<TeleportEvent> teleports, string prefix)
    {
        for (var i = 0; i < epochs.Count; i++)
        {
            var extra = epochs[i].Extra;
            var at = string.Create(C, $"{prefix}epochs[{i}].");
            var counted = WholeCount(extra, "teleports", at, out var problem);
            if (problem is not null) return problem;
            var kept = WholeCount(extra, "teleports_kept", at, out problem);
            if (problem is not null) return problem;
            if (counted is null && kept is null) continue;

            var epoch = epochs[i].Epoch;
            int events = 0, keptEvents = 0, droppedEvents = 0;
            foreach (var e in teleports)
            {
                if (e.Epoch != epoch) continue;
                events++;
                if (!e.Extra.TryGetValue("kept", out var k) || k.Kind != RecordValueKind.Boolean) continue;
                if (k.Boolean) keptEvents++;
                else droppedEvents++;
            }
            var eventsSay = string.Create(C, $"\"{prefix}teleports\" holds {Count(events, "event")} of epoch {epoch}");
            if (counted > events)
                return new(at + "teleports", counted.Value.ToString(C), $"but {eventsSay}: the teleport callback records an event for each teleport it counts");
            if (kept is not { } keptCount) continue;
            if (keptCount > counted)
                return new(at + "teleports_kept", keptCount.ToString(C), string.Create(C, $"more than the epoch's {counted} teleports (\"{at}teleports\"): the callback counts a kept teleport among its teleports"));
            if (keptCount > keptEvents)
                return new(at + "teleports_kept", keptCount.ToString(C), string.Create(C,
                    $"but {keptEvents} of the {Count(events, "event")} of epoch {epoch} in \"{prefix}teleports\" are kept: the callback counts a kept teleport as it records its event"));
            if (counted - keptCount > droppedEvents)
                return new(at + "teleports_kept", keptCount.ToString(C), string.Create(C,
                    $"but of the epoch's {counted} teleports (\"{at}teleports\") only {droppedEvents} have an event in \"{prefix}teleports\" that was not kept, so at least {counted - droppedEvents} were kept: the callback records whether each teleport it counts was kept"));
        }
        return null;
    }

    /// <summary>An epoch's count field, if present: a whole number ≥ 0 (else <paramref name="problem"/>).</summary>
    private static long? WholeCount(RecordFields extra, string key, string at, out RecordProblem? problem)
    {
        problem = null;
        if (!extra.TryGetValue(key, out var value)) return null;
        if (value.TryGetNumber(out var n) && n >= 0 && n <= int.MaxValue && Math.Floor(n) == n) return (long)n;
        problem = new(at + key, Shown(value), "not a count (a whole number ≥ 0)");
        return null;
    }
}
