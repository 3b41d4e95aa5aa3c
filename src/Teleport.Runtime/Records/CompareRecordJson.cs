using System;
using System.Buffers;
using System.Text.Json;
using Teleport.Serialization;

namespace Teleport.Records;

/// <summary>
/// Writes and reads a <see cref="CompareRecord"/>:
/// <code>
/// { "baseline": &lt;run&gt;, "teleport": &lt;run&gt;, "control": &lt;run&gt;,            ("control" only when present)
///   "target_source": "loss_trace" | "epochs", "target_train_loss": …, "baseline_seconds": …,
///   "time_to_target_seconds": … | null, "time_to_target_ratio": … | null,
///   "control_time_to_target_seconds": … | null, "control_time_to_target_ratio": … | null }  (control only)
/// </code>
/// Runs are written as by <see cref="RunRecordJson"/>. Reading takes the stored numbers as they are.
/// </summary>
public static class CompareRecordJson
{
    /// <summary>Writes <paramref name="record"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, CompareRecord record)
    {
        var bytes = ToUtf8Bytes(record);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The JSON text as UTF-8 (with a final newline).</summary>
    public static byte[] ToUtf8Bytes(CompareRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, RecordJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("baseline");
            RunRecordJson.WriteTo(writer, record.Baseline);
            writer.WritePropertyName("teleport");
            RunRecordJson.WriteTo(writer, record.Teleport);
            if (record.Control is not null)
            {
                writer.WritePropertyName("control");
                RunRecordJson.WriteTo(writer, record.Control);
            }
            var t = record.TimeToTarget;
            writer.WriteString("target_source", SourceName(t.Source));
            RecordJson.WriteNumber(writer, "target_train_loss", t.TargetLoss);
            RecordJson.WriteNumber(writer, "baseline_seconds", t.BaselineSeconds);
            RecordJson.WriteNumber(writer, "time_to_target_seconds", t.Seconds);
            RecordJson.WriteNumber(writer, "time_to_target_ratio", t.Ratio);
            if (record.ControlTimeToTarget is { } c)
            {
                RecordJson.WriteNumber(writer, "control_time_to_target_seconds", c.Seconds);
                RecordJson.WriteNumber(writer, "control_time_to_target_ratio", c.Ratio);
            }
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a compare record file.</summary>
    public static CompareRecord Read(string path) => FromValue(RecordJsonReader.ReadFile(path), path);

    /// <summary>Parses a compare record from UTF-8 JSON.</summary>
    public static CompareRecord Parse(ReadOnlySpan<byte> utf8, string source) => FromValue(RecordJsonReader.Parse(utf8, source), source);

    private static CompareRecord FromValue(RecordValue value, string source)
    {
        var root = new FieldReader(value, source, "");
        var baseline = RunRecordJson.FromValue(root.Require("baseline"), source, "baseline");
        var teleport = RunRecordJson.FromValue(root.Require("teleport"), source, "teleport");
        var control = root.Has("control") ? RunRecordJson.FromValue(root.Require("control"), source, "control") : null;
        var sourceName = root.String("target_source");
        var curve = sourceName switch
        {
            "smoothed_loss_trace" => LossCurveSource.SmoothedLossTrace,
            "loss_trace" => LossCurveSource.LossTrace,
            "epochs" => LossCurveSource.Epochs,
            _ => throw root.Fail("target_source", $"is \"{sourceName}\", not \"smoothed_loss_trace\", \"loss_trace\" or \"epochs\""),
        };
        var target = root.NullableNumber("target_train_loss");
        var total = root.NullableNumber("baseline_seconds");
        var result = new TimeToTargetResult(curve, target, total, root.NullableNumber("time_to_target_seconds"), root.NullableNumber("time_to_target_ratio"));
        TimeToTargetResult? controlResult = control is null ? null
            : new(curve, target, total, root.NullableNumber("control_time_to_target_seconds"), root.NullableNumber("control_time_to_target_ratio"));
        return new CompareRecord(baseline, teleport, control, result, controlResult);
    }

    private static string SourceName(LossCurveSource source) => source switch
    {
        LossCurveSource.SmoothedLossTrace => "smoothed_loss_trace",
        LossCurveSource.LossTrace => "loss_trace",
        _ => "epochs",
    };
}
