using System;
using System.Linq;
using System.Text.Json;

namespace Teleport.Cli.Tests;

/// <summary>A record's JSON text for comparing two runs' numbers: times differ from run to run, and so may the named settings.</summary>
internal static class RecordText
{
    /// <summary>The JSON text of <paramref name="element"/> with every time ("…seconds" keys) and every key in <paramref name="without"/> removed.</summary>
    public static string WithoutTimes(JsonElement element, params string[] without)
    {
        var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, element, without);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, string[] without)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name.EndsWith("seconds", StringComparison.Ordinal) || without.Contains(p.Name)) continue;
                    writer.WritePropertyName(p.Name);
                    Write(writer, p.Value, without);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item, without);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
