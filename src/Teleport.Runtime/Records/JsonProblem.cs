using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Teleport.Records;

/// <summary>
/// A JSON reader's error in plain words with its place (byte and line), shared by every reader built on
/// <see cref="Utf8JsonReader"/>: the records' (<see cref="RecordJsonReader"/>) and the safetensors header's.
/// System.Text.Json's own text speaks of its reader ("when isFinalBlock is true", "LineNumber: 0 | BytePositionInLine: 12000",
/// "Cannot transcode invalid UTF-8 JSON text to UTF-16 string") and quotes the input, which a user of the tool can do
/// nothing with. The problems have no subject ("is not valid JSON at byte 7 (line 1)"): the caller puts the file's
/// name or "the header" in front.
/// </summary>
internal static class JsonProblem
{
    /// <summary>
    /// <paramref name="e"/>, thrown while reading <paramref name="json"/> (which starts at byte <paramref name="origin"/> of
    /// its file; the reader had consumed <paramref name="consumed"/> bytes), in plain words, and the file offset it points at —
    /// null for input with nothing but white space, where "(at byte 0)" would only add noise.
    /// </summary>
    public static (string Problem, long? At) Of(ReadOnlySpan<byte> json, JsonException e, long consumed, long origin, int maxDepth)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
            return (json.IsEmpty ? "is empty" : "is empty (white space only)", null);
        var index = ErrorIndex(json, e, consumed);
        // A byte that starts no UTF-8 character, at or before the fault, is what is wrong: the parser calls 0xFF outside a
        // string "an invalid start of a value", which points at the wrong thing.
        var invalid = FirstInvalidUtf8(json);
        if (invalid >= 0 && invalid <= index) return (NotUtf8(json, invalid, origin), origin + invalid);
        var place = Place(json, index, origin);
        var message = e.Message;
        // These fragments are System.Text.Json's wording (JsonReaderHelper's resources); an unknown one falls to the generic text.
        string problem;
        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
            problem = string.Create(CultureInfo.InvariantCulture, $"nests deeper than {maxDepth} levels {place}");
        else if (message.Contains("trailing comma", StringComparison.Ordinal))
            problem = $"is not valid JSON {place}: a trailing comma";
        else if (message.Contains("after a single JSON value", StringComparison.Ordinal))
            problem = $"is not valid JSON {place}: more follows the JSON value";
        else if (message.Contains("isFinalBlock", StringComparison.Ordinal) || message.Contains("end of the JSON payload", StringComparison.Ordinal)
            || message.Contains("reached end of data", StringComparison.Ordinal))
            problem = $"is not valid JSON {place}: it ends inside a value (cut short?)";
        else if (message.Contains("comment", StringComparison.OrdinalIgnoreCase))
            problem = $"is not valid JSON {place}: a comment";
        else
            problem = $"is not valid JSON {place}";
        return (problem, origin + index);
    }

    /// <summary>
    /// The <see cref="InvalidOperationException"/> a string's decoding throws, in plain words: bytes in it that are not
    /// UTF-8 (the reader only finds out when decoding it), else an escape that decodes to half a surrogate pair.
    /// <paramref name="tokenStart"/> is where the string starts in <paramref name="json"/>.
    /// </summary>
    public static (string Problem, long At) Undecodable(ReadOnlySpan<byte> json, long tokenStart, long origin)
    {
        var start = (int)Math.Clamp(tokenStart, 0, json.Length);
        var invalid = FirstInvalidUtf8(json[start..]);
        if (invalid >= 0) return (NotUtf8(json, start + invalid, origin), origin + start + invalid);
        return ($"has a string {Place(json, start, origin)} that escapes half of a UTF-16 surrogate pair (\\uD800–\\uDFFF alone), which is no character", origin + start);
    }

    /// <summary>"is not valid UTF-8 at byte N (line L): …" for the byte at <paramref name="index"/> of <paramref name="json"/>.</summary>
    public static string NotUtf8(ReadOnlySpan<byte> json, int index, long origin) =>
        string.Create(CultureInfo.InvariantCulture, $"is not valid UTF-8 {Place(json, index, origin)}: byte 0x{json[index]:X2} starts no UTF-8 character there");

    /// <summary>The index of the first byte of <paramref name="bytes"/> that starts no complete UTF-8 character, or −1.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        // The vectorised check first: a valid file (all of them, nearly) is not walked character by character.
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        var i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var consumed) != OperationStatus.Done) return i;
            i += consumed;
        }
        return -1;
    }

    /// <summary>"at byte N (line L)": the file offset of <paramref name="index"/> and its 1-based line in <paramref name="json"/>.</summary>
    private static string Place(ReadOnlySpan<byte> json, long index, long origin)
    {
        var line = json[..(int)Math.Min(index, json.Length)].Count((byte)'\n') + 1;
        return string.Create(CultureInfo.InvariantCulture, $"at byte {origin + index} (line {line})");
    }

    /// <summary>
    /// The error's index in <paramref name="json"/>: the exception's line (0-based) and byte in it when it gives them,
    /// which point at the fault; otherwise where the reader stopped.
    /// </summary>
    private static long ErrorIndex(ReadOnlySpan<byte> json, JsonException e, long consumed)
    {
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } inLine) return Math.Min(consumed, json.Length);
        long start = 0;
        for (var l = 0L; l < line; l++)
        {
            var next = json[(int)start..].IndexOf((byte)'\n');
            if (next < 0) return Math.Min(consumed, json.Length);
            start += next + 1;
        }
        return Math.Min(start + inLine, json.Length);
    }
}
