using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Teleport.Serialization;

/// <summary>
/// Writes a safetensors JSON header with <see cref="Utf8JsonWriter"/>: <c>__metadata__</c> first (keys
/// in ordinal order), then the tensors in the given order with consecutive byte ranges, padded with
/// spaces to a multiple of 8 bytes.
/// </summary>
internal static class SafeTensorsHeaderWriter
{
    public static byte[] Write(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(tensors));
            if (!names.Add(t.Name)) throw new ArgumentException($"Duplicate tensor name \"{t.Name}\".", nameof(tensors));
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                var keys = new List<string>(metadata.Keys);
                keys.Sort(StringComparer.Ordinal);
                // A null value was written as JSON null, which the reader (as the format) refuses: the file was unreadable.
                foreach (var key in keys)
                    if (metadata[key] is null) throw new ArgumentException($"Metadata \"{key}\" has a null value; safetensors metadata values are strings.", nameof(metadata));
                json.WriteStartObject(SafeTensors.MetadataKey);
                foreach (var key in keys) json.WriteString(key, metadata[key]);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in tensors)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", SafeTensorDTypes.Name(t.DType));
                json.WriteStartArray("shape");
                foreach (var d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + t.Data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += t.Data.Length;
            }
            json.WriteEndObject();
        }

        var padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
