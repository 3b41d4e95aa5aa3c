using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Teleport.Serialization;

namespace Teleport.Records;

/// <summary>
/// Writes and reads a <see cref="RunRecord"/> as the JSON the <c>teleport</c> tool's <c>--out</c> writes (src/Teleport.Cli/README.md, "Output"):
/// <code>
/// { "config": { … },
///   "epochs": [ { "epoch": 1, "train_loss": …, "test_loss": …, "test_accuracy": …, "grad_norm_sq": …,
///                 "wall_seconds": …, "steps": …, …extra } ],
///   "teleports": [ { "step": …, "epoch": …, "loss_before": …, "loss_after": …, "grad_norm_sq_before": …,
///                    "grad_norm_sq_after": …, "steps_taken": …, "seconds": …, …extra } ],
///   "loss_trace": [ { "step": …, "epoch": …, "train_loss": …, "samples": …, "wall_seconds": … } ],
///   "summary": { … } }
/// </code>
/// Keys are snake_case and written in this order; a missing test set or a regression task writes
/// <c>null</c>; <c>"summary"</c> is omitted when there is none. Numbers read back bit-exact; NaN and
/// ±∞ are the strings "NaN", "Infinity", "-Infinity". Files are written atomically.
/// </summary>
public static partial class RunRecordJson
{
    /// <summary>Writes <paramref name="record"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, RunRecord record)
    {
        var bytes = ToUtf8Bytes(record);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The JSON text of <paramref name="record"/> as UTF-8 (with a final newline).</summary>
    public static byte[] ToUtf8Bytes(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, RecordJson.WriterOptions))
            WriteTo(writer, record);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="record"/> as one JSON object.</summary>
    public static void WriteTo(Utf8JsonWriter writer, RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        writer.WritePropertyName("config");
        RecordJson.WriteObject(writer, record.Config);
        WriteHistory(writer, record.Epochs, record.Teleports, record.LossTrace);
        if (record.Summary is not null)
        {
            writer.WritePropertyName("summary");
            RecordJson.WriteObject(writer, record.Summary);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes the "epochs", "teleports" and "loss_trace" properties (shared with checkpoints).</summary>
    internal static void WriteHistory(Utf8JsonWriter writer, IReadOnlyList<EpochRecord> epochs, IReadOnlyList<TeleportEvent> teleports, IReadOnlyList<LossTracePoint> trace)
    {
        writer.WriteStartArray("epochs");
        foreach (var e in epochs) WriteEpoch(writer, e);
        writer.WriteEndArray();
        writer.WriteStartArray("teleports");
        foreach (var t in teleports) WriteTeleport(writer, t);
        writer.WriteEndArray();
        writer.WriteStartArray("loss_trace");
        foreach (var p in trace) WriteTracePoint(writer, p);
        writer.WriteEndArray();
    }

    private static void WriteEpoch(Utf8JsonWriter writer, EpochRecord e)
    {
        writer.WriteStartObject();
        writer.WriteNumber("epoch", e.Epoch);
        RecordJson.WriteNumber(writer, "train_loss", e.TrainLoss);
        RecordJson.WriteNumber(writer, "test_loss", e.TestLoss);
        RecordJson.WriteNumber(writer, "test_accuracy", e.TestAccuracy);
        RecordJson.WriteNumber(writer, "grad_norm_sq", e.GradNormSquared);
        RecordJson.WriteNumber(writer, "wall_seconds", e.WallSeconds);
        writer.WriteNumber("steps", e.Steps);
        RecordJson.WriteFields(writer, e.Extra);
        writer.WriteEndObject();
    }

    private static void WriteTeleport(Utf8JsonWriter writer, TeleportEvent t)
    {
        writer.WriteStartObject();
        writer.WriteNumber("step", t.Step);
        writer.WriteNumber("epoch", t.Epoch);
        RecordJson.WriteNumber(writer, "loss_before", t.LossBefore);
        RecordJson.WriteNumber(writer, "loss_after", t.LossAfter);
        RecordJson.WriteNumber(writer, "grad_norm_sq_before", t.GradNormSquaredBefore);
        RecordJson.WriteNumber(writer, "grad_norm_sq_after", t.GradNormSquaredAfter);
        writer.WriteNumber("steps_taken", t.StepsTaken);
        RecordJson.WriteNumber(writer, "seconds", t.Seconds);
        RecordJson.WriteFields(writer, t.Extra);
        writer.WriteEndObject();
    }

    private static void WriteTracePoint(Utf8JsonWriter writer, LossTracePoint p)
    {
        writer.WriteStartObject();
        writer.WriteNumber("step", p.Step);
        writer.WriteNumber("epoch", p.Epoch);
        RecordJson.WriteNumber(writer, "train_loss", p.TrainLoss);
        writer.WriteNumber("samples", p.Samples);
        RecordJson.WriteNumber(writer, "wall_seconds", p.WallSeconds);
        writer.WriteEndObject();
    }
}
