using System;
using System.Collections.Generic;
using System.Globalization;
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
            var at = ErrorOffset(utf8[offset..], e, reader.BytesConsumed);
            var problem = Problem(utf8[offset..], e, offset + at);
            // An empty file has no place to point at ("(at byte 0)" would only add noise).
            throw new TeleportDataException(source, problem, problem.StartsWith("is empty", StringComparison.Ordinal) ? null : offset + at, e);
        }
        catch (InvalidOperationException e)
        {
            // A string that is not valid UTF-8 (or escapes to a lone surrogate): the reader only finds out when decoding it.
            throw new TeleportDataException(source, $"a JSON string is not valid UTF-8 text ({e.Message})", offset + reader.TokenStartIndex, e);
        }
    }

    /// <summary>
    /// The parser's error in plain words, with its place: System.Text.Json's own text speaks of its reader
    /// ("Change the reader options", "when isFinalBlock is true", "LineNumber: 0 | BytePositionInLine: 12000") and
    /// quotes the input, which a user of the tool can do nothing with.
    /// </summary>
    private static string Problem(ReadOnlySpan<byte> json, JsonException e, long at)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
            return json.IsEmpty ? "is empty" : "is empty (white space only)";
        var c = CultureInfo.InvariantCulture;
        var place = e.LineNumber is { } line ? string.Create(c, $"at byte {at} (line {line + 1})") : string.Create(c, $"at byte {at}");
        var message = e.Message;
        // These fragments are System.Text.Json's wording (JsonReaderHelper's resources); an unknown one falls to the generic text.
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            return string.Create(c, $"nests deeper than {MaxDepth} levels {place}");
        if (message.Contains("trailing comma", StringComparison.Ordinal))
            return $"is not valid JSON {place}: a trailing comma";
        if (message.Contains("after a single JSON value", StringComparison.Ordinal))
            return $"is not valid JSON {place}: more follows the JSON value";
        if (message.Contains("isFinalBlock", StringComparison.Ordinal) || message.Contains("end of the JSON payload", StringComparison.Ordinal))
            return $"is not valid JSON {place}: it ends inside a value (cut short?)";
        if (message.Contains("comment", StringComparison.OrdinalIgnoreCase))
            return $"is not valid JSON {place}: a comment";
        return $"is not valid JSON {place}";
    }

    /// <summary>
    /// The error's byte offset in <paramref name="json"/>: the exception's line (0-based) and byte in it when it gives
    /// them, which point at the fault; otherwise where the reader stopped.
    /// </summary>
    private static long ErrorOffset(ReadOnlySpan<byte> json, JsonException e, long consumed)
    {
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } inLine) return consumed;
        long start = 0;
        for (var l = 0L; l < line; l++)
        {
            var next = json[(int)start..].IndexOf((byte)'\n');
            if (next < 0) return consumed;
            start += next + 1;
        }
        return Math.Min(start + inLine, json.Length);
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
