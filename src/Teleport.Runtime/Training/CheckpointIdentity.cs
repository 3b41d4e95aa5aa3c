using System;
using System.Collections.Generic;
using System.Globalization;
using Teleport.Records;

namespace Teleport.Training;

/// <summary>
/// Compares what a checkpoint says about its run with the resuming trainer, and throws
/// <see cref="CheckpointMismatchException"/> naming the first setting that differs.
/// </summary>
internal static class CheckpointIdentity
{
    /// <summary>Every field of <paramref name="current"/> and <paramref name="saved"/> is in both, with equal values (in the current order).</summary>
    public static void RequireSame(RecordFields saved, RecordFields current, string path)
    {
        foreach (var (key, value) in current)
        {
            if (!saved.TryGetValue(key, out var savedValue))
            {
                // Not "none": a setting a checkpoint does not record (written before it was part of the identity, or
                // edited out) is unknown, not absent.
                throw new CheckpointMismatchException(path, key, CheckpointMismatchException.NotRecorded, Text(value),
                    $"does not record {key}, which this run has as {Text(value)}", IdentityPlace + key);
            }
            if (!Same(savedValue, value)) throw Mismatch(path, key, savedValue, value, IdentityPlace + key);
        }
        foreach (var (key, value) in saved)
            if (!current.ContainsKey(key)) throw Mismatch(path, key, value, null, IdentityPlace + key);
    }

    /// <summary>Where the caller's identity fields are in trainer.json (<see cref="CheckpointMismatchException.Place"/>).</summary>
    public const string IdentityPlace = "run.identity.";

    /// <summary>Throws for <paramref name="field"/> when <paramref name="same"/> is false.</summary>
    public static void Require(bool same, string path, string field, RecordValue saved, RecordValue current)
    {
        if (!same) throw Mismatch(path, field, saved, current, PlaceOf(field));
    }

    /// <summary>
    /// The optimizer's settings are equal; the learning rate only when <paramref name="learningRate"/> (a schedule may change
    /// it while training; a caller without one says so with <see cref="TrainerOptions.OwnsOptimizer"/>, and then a learning
    /// rate the run never had is refused rather than trained with).
    /// </summary>
    public static void RequireSameOptimizerSettings(RecordFields saved, RecordFields current, string path, bool learningRate)
    {
        foreach (var (key, value) in current)
        {
            if (key is "kind" || (key is "lr" && !learningRate)) continue;
            var savedValue = saved.TryGetValue(key, out var v) ? v : null;
            if (savedValue is null || !Same(savedValue, value)) throw Mismatch(path, "optimizer_settings." + key, savedValue, value, "optimizer.settings." + key);
        }
    }

    /// <summary>Where the trainer's own setting <paramref name="field"/> is in trainer.json (<see cref="CheckpointJson"/>).</summary>
    private static string PlaceOf(string field) => field switch
    {
        "parameter_count" => "parameter_count",
        "optimizer" => "optimizer.settings.kind",
        _ => "run." + field,
    };

    /// <summary>
    /// Structural equality that also takes the JSON strings "NaN", "Infinity", "-Infinity" for the numbers they name, and
    /// null and +∞ for the same "no limit": checkpoints written before the CLI spelled "no --teleport-cap" as null hold
    /// "Infinity" there, and must still resume.
    /// </summary>
    public static bool Same(RecordValue a, RecordValue b)
    {
        if (NoLimit(a) && NoLimit(b)) return true;
        if (a.TryGetNumber(out var x) && b.TryGetNumber(out var y)) return x.Equals(y);
        if (a.Kind != b.Kind) return false;
        switch (a.Kind)
        {
            case RecordValueKind.Array:
                if (a.Items.Count != b.Items.Count) return false;
                for (var i = 0; i < a.Items.Count; i++)
                    if (!Same(a.Items[i], b.Items[i])) return false;
                return true;
            case RecordValueKind.Object:
                if (a.Fields.Count != b.Fields.Count) return false;
                foreach (var (key, value) in a.Fields)
                    if (!b.Fields.TryGetValue(key, out var other) || !Same(value, other)) return false;
                return true;
            default:
                return a.Equals(b);
        }
    }

    /// <summary>A value as a user would write it: 0.01, exact, [1, 3], none.</summary>
    public static string Text(RecordValue? value)
    {
        if (value is null || value.IsNull) return "none";
        if (value.TryGetNumber(out var number)) return number.ToString("R", CultureInfo.InvariantCulture);
        if (value.Kind == RecordValueKind.Array)
        {
            var items = new List<string>();
            foreach (var item in value.Items) items.Add(Text(item));
            return "[" + string.Join(", ", items) + "]";
        }
        if (value.Kind == RecordValueKind.Object)
        {
            var fields = new List<string>();
            foreach (var (key, item) in value.Fields) fields.Add(key + ": " + Text(item));
            return "{" + string.Join(", ", fields) + "}";
        }
        return value.ToString();
    }

    private static bool NoLimit(RecordValue value) => value.IsNull || (value.TryGetNumber(out var number) && double.IsPositiveInfinity(number));

    private static CheckpointMismatchException Mismatch(string path, string field, RecordValue? saved, RecordValue? current, string place)
    {
        var s = Text(saved);
        var c = Text(current);
        return new CheckpointMismatchException(path, field, s, c, $"was written with {field} {s}, but this run has {field} {c}", place);
    }
}
