using System;
using System.Collections.Generic;

namespace Teleport.Records;

// Reading: JSON → RecordValue (RecordJsonReader) → typed records, with errors naming the place.
public static partial class RunRecordJson
{
    private static readonly string[] EpochKeys = ["epoch", "train_loss", "test_loss", "test_accuracy", "grad_norm_sq", "wall_seconds", "steps"];
    private static readonly string[] TeleportKeys = ["step", "epoch", "loss_before", "loss_after", "grad_norm_sq_before", "grad_norm_sq_after", "steps_taken", "seconds"];

    /// <summary>Reads a run record file.</summary>
    /// <exception cref="Teleport.Data.TeleportDataException">The file is missing, not JSON, or not a run record; the message names the place.</exception>
    public static RunRecord Read(string path) => FromValue(RecordJsonReader.ReadFile(path), path);

    /// <summary>Parses a run record from UTF-8 JSON; <paramref name="source"/> names it in messages.</summary>
    public static RunRecord Parse(ReadOnlySpan<byte> utf8, string source) => FromValue(RecordJsonReader.Parse(utf8, source), source);

    /// <summary>Maps a parsed JSON value to a run record; <paramref name="place"/> prefixes error places (e.g. "baseline").</summary>
    public static RunRecord FromValue(RecordValue value, string source, string place = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(source);
        var root = new FieldReader(value, source, place);
        var (epochs, teleports, trace) = ReadHistory(root);
        return new RunRecord(root.Object("config").Fields, epochs, teleports, trace, root.OptionalObject("summary"));
    }

    /// <summary>Reads the "epochs", "teleports" and "loss_trace" properties (shared with checkpoints).</summary>
    internal static (List<EpochRecord> Epochs, List<TeleportEvent> Teleports, List<LossTracePoint> Trace) ReadHistory(FieldReader root)
    {
        var epochs = new List<EpochRecord>();
        var items = root.Array("epochs");
        for (var i = 0; i < items.Count; i++) epochs.Add(ReadEpoch(root.Item("epochs", i, items[i])));
        var teleports = new List<TeleportEvent>();
        items = root.Array("teleports", optional: true);
        for (var i = 0; i < items.Count; i++) teleports.Add(ReadTeleport(root.Item("teleports", i, items[i])));
        var trace = new List<LossTracePoint>();
        items = root.Array("loss_trace", optional: true);
        for (var i = 0; i < items.Count; i++) trace.Add(ReadTracePoint(root.Item("loss_trace", i, items[i])));
        return (epochs, teleports, trace);
    }

    private static EpochRecord ReadEpoch(FieldReader r) => new(
        r.Int32("epoch", 1), r.Number("train_loss"), r.NullableNumber("test_loss"), r.NullableNumber("test_accuracy"),
        r.Number("grad_norm_sq"), r.Number("wall_seconds"), r.Integer("steps", 0))
    {
        Extra = r.Extra(EpochKeys),
    };

    private static TeleportEvent ReadTeleport(FieldReader r) => new(
        r.Integer("step", 0), r.Int32("epoch", 1), r.Number("loss_before"), r.Number("loss_after"),
        r.Number("grad_norm_sq_before"), r.Number("grad_norm_sq_after"), r.Int32("steps_taken", 0), r.Number("seconds"))
    {
        Extra = r.Extra(TeleportKeys),
    };

    private static LossTracePoint ReadTracePoint(FieldReader r) => new(
        r.Integer("step", 0), r.Int32("epoch", 1), r.Number("train_loss"), r.Integer("samples", 0), r.Number("wall_seconds"));
}
