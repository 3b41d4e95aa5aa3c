using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Teleport.Records;

/// <summary>
/// Writes <see cref="RecordValue"/>s and numbers with <see cref="Utf8JsonWriter"/> (no reflection).
/// Numbers are written in the shortest form that reads back to the same <see cref="double"/>;
/// NaN and ±∞, which JSON cannot hold, are written as the strings "NaN", "Infinity" and "-Infinity"
/// (the convention of System.Text.Json's named floating-point literals and of Python's json module).
/// </summary>
public static class RecordJson
{
    /// <summary>The writer options of every Teleport JSON file: indented, "\n" line ends, non-ASCII text kept readable.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes a number value (non-finite as a string).</summary>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteStringValue(Text(value));
    }

    /// <summary>A number as the records write it, for messages: the shortest round-trip form, NaN and ±∞ by their strings.</summary>
    public static string Text(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes a named number (non-finite as a string).</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(name);
        WriteNumber(writer, value);
    }

    /// <summary>Writes a named number, or null.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(name);
        if (value is { } v) WriteNumber(writer, v);
        else writer.WriteNullValue();
    }

    /// <summary>Writes a value (recursively).</summary>
    public static void WriteValue(Utf8JsonWriter writer, RecordValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case RecordValueKind.Null: writer.WriteNullValue(); break;
            case RecordValueKind.Boolean: writer.WriteBooleanValue(value.Boolean); break;
            case RecordValueKind.Number: WriteNumber(writer, value.Number); break;
            case RecordValueKind.String: writer.WriteStringValue(value.String); break;
            case RecordValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.Items) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default: WriteObject(writer, value.Fields); break;
        }
    }

    /// <summary>Writes fields as a JSON object.</summary>
    public static void WriteObject(Utf8JsonWriter writer, RecordFields fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        writer.WriteStartObject();
        WriteFields(writer, fields);
        writer.WriteEndObject();
    }

    /// <summary>Writes fields as properties of the object being written.</summary>
    public static void WriteFields(Utf8JsonWriter writer, RecordFields fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var (key, value) in fields)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }
    }

    /// <summary>Fields as one indented JSON object in UTF-8, with a final newline (what the record files hold).</summary>
    public static byte[] ToUtf8Bytes(RecordFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            WriteObject(writer, fields);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
