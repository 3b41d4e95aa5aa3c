using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Teleport.Data;

namespace Teleport.Records;

/// <summary>
/// Parses JSON into <see cref="RecordValue"/>s with <see cref="Utf8JsonReader"/> (no reflection).
/// Strict: invalid JSON or UTF-8, trailing content, comments and duplicate keys are errors, reported as
/// <see cref="TeleportDataException"/> naming the file and the byte offset.
/// </summary>
public static class RecordJsonReader
{
    /// <summary>Reads and parses the JSON file at <paramref name="path"/>.</summary>
    public static RecordValue ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(DataFile.ReadBytes(path, $"JSON file {Path.GetFullPath(path)} not found"), path);
    }

    /// <summary>Parses UTF-8 JSON; <paramref name="source"/> names it in error messages.</summary>
    public static RecordValue Parse(ReadOnlySpan<byte> utf8, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var offset = utf8.StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(utf8[offset..], new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            // Read() throws on empty input, and, past the value, on anything but whitespace.
            reader.Read();
            var value = ReadValue(ref reader, source, offset);
            reader.Read();
            return value;
        }
        catch (JsonException e)
        {
            var (problem, at) = JsonProblem.Of(utf8[offset..], e, reader.BytesConsumed, offset, MaxDepth);
            throw new TeleportDataException(source, problem, at, e);
        }
        catch (InvalidOperationException e)
        {
            // A string that is not valid UTF-8 (or escapes to a lone surrogate): the reader only finds out when decoding it.
            var (problem, at) = JsonProblem.Undecodable(utf8[offset..], reader.TokenStartIndex, offset);
            throw new TeleportDataException(source, problem, at, e);
        }
    }

    private const int MaxDepth = 64;

    private static RecordValue ReadValue(ref Utf8JsonReader reader, string source, int offset)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return RecordValue.Null;
            case JsonTokenType.True: return RecordValue.True;
            case JsonTokenType.False: return RecordValue.False;
            case JsonTokenType.String: return RecordValue.FromString(reader.GetString()!);
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                    throw new TeleportDataException(source, "a number outside the range of double", offset + reader.TokenStartIndex);
                return RecordValue.FromNumber(number);
            case JsonTokenType.StartArray:
                var items = new List<RecordValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, source, offset));
                return RecordValue.FromArray(items);
            case JsonTokenType.StartObject:
                var fields = new RecordFields();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var at = offset + reader.TokenStartIndex;
                    var key = reader.GetString()!;
                    if (fields.ContainsKey(key))
                        throw new TeleportDataException(source, $"duplicate key \"{key}\"", at);
                    reader.Read();
                    fields.Add(key, ReadValue(ref reader, source, offset));
                }
                return RecordValue.FromFields(fields);
            default:
                throw new TeleportDataException(source, $"unexpected JSON token {reader.TokenType}", offset + reader.TokenStartIndex);
        }
    }
}
