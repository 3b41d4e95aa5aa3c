using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Teleport.Data;
using Teleport.Records;

namespace Teleport.Serialization;

/// <summary>One tensor entry of a safetensors header, as written (offsets relative to the data section).</summary>
internal sealed record SafeTensorsHeaderEntry(string Name, SafeTensorDType DType, int[] Shape, long Begin, long End, long KeyOffset);

/// <summary>
/// Parses the JSON header of a safetensors file with <see cref="Utf8JsonReader"/> (no reflection):
/// <c>{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, "__metadata__": {"k": "v"}}</c>.
/// Every deviation — invalid UTF-8 or JSON, a missing, repeated or unknown field, an unknown dtype,
/// an empty or duplicate tensor name, a non-string metadata value — throws <see cref="TeleportDataException"/>
/// with the file and the byte offset in the file.
/// </summary>
internal ref struct SafeTensorsHeaderReader
{
    private readonly string _path;
    private readonly long _base;
    private Utf8JsonReader _reader;

    private SafeTensorsHeaderReader(ReadOnlySpan<byte> header, string path, long headerOffset)
    {
        _path = path;
        _base = headerOffset;
        _reader = new Utf8JsonReader(header, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
    }

    /// <summary>Parses <paramref name="header"/>, which starts at byte <paramref name="headerOffset"/> of <paramref name="path"/>.</summary>
    public static (List<SafeTensorsHeaderEntry> Entries, Dictionary<string, string> Metadata) Parse(ReadOnlySpan<byte> header, string path, long headerOffset)
    {
        CheckStart(header, path, headerOffset);
        var invalid = JsonProblem.FirstInvalidUtf8(header);
        if (invalid >= 0) throw new TeleportDataException(path, "the header " + JsonProblem.NotUtf8(header, invalid, headerOffset), headerOffset + invalid);
        var parser = new SafeTensorsHeaderReader(header, path, headerOffset);
        try
        {
            return parser.ParseRoot(header);
        }
        catch (JsonException e)
        {
            // The records' plain words (System.Text.Json's own text speaks of its reader, "when isFinalBlock is true").
            var (problem, at) = JsonProblem.Of(header, e, parser.Consumed, headerOffset, MaxDepth);
            throw new TeleportDataException(path, "the header " + problem, at, e);
        }
        catch (InvalidOperationException e)
        {
            // A string whose escapes decode to invalid UTF-16 (a lone surrogate such as \uD800); the bytes are UTF-8 (checked above).
            var (problem, at) = JsonProblem.Undecodable(header, parser.Position - headerOffset, headerOffset);
            throw new TeleportDataException(path, "the header " + problem, at, e);
        }
    }

    /// <summary>System.Text.Json's default nesting limit, which this reader keeps (a header nests three levels).</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// The two starts the safetensors format rules out that the JSON reader would only call "invalid" in its own words: no
    /// header at all, and a byte-order mark (the format: "The header data MUST begin with a { character (0x7B)").
    /// </summary>
    private static void CheckStart(ReadOnlySpan<byte> header, string path, long headerOffset)
    {
        if (header.IsEmpty)
            throw new TeleportDataException(path, "the header is empty (the header size at byte 0 is 0): a safetensors header is a JSON object", 0);
        if (header.StartsWith("\uFEFF"u8))
            throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"the header starts with a byte-order mark (EF BB BF) at byte {headerOffset}: a safetensors header begins with '{{'"), headerOffset);
    }

    private readonly long Consumed => _reader.BytesConsumed;

    private readonly long Position => _base + _reader.TokenStartIndex;

    private (List<SafeTensorsHeaderEntry>, Dictionary<string, string>) ParseRoot(ReadOnlySpan<byte> header)
    {
        var entries = new List<SafeTensorsHeaderEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var sawMetadata = false;
        Next();
        if (_reader.TokenType != JsonTokenType.StartObject) throw Fail("the header is not a JSON object");
        while (Next() == JsonTokenType.PropertyName)
        {
            var keyOffset = Position;
            var name = _reader.GetString()!;
            if (name == SafeTensors.MetadataKey)
            {
                if (sawMetadata) throw Fail($"duplicate \"{SafeTensors.MetadataKey}\"", keyOffset);
                sawMetadata = true;
                ParseMetadata(metadata);
                continue;
            }
            if (name.Length == 0) throw Fail("a tensor has an empty name", keyOffset);
            if (!names.Add(name)) throw Fail($"duplicate tensor name \"{name}\"", keyOffset);
            entries.Add(ParseEntry(name, keyOffset));
        }
        CheckPadding(header);
        return (entries, metadata);
    }

    /// <summary>
    /// What follows the header object: the format allows padding with spaces (0x20; JSON's other white space is kept
    /// accepted, as before), nothing else. NUL padding — which some writers emit to align the data — gets its own words,
    /// since the JSON reader's ("'0x00' is invalid after a single JSON value") does not say what is wrong with the file.
    /// </summary>
    private readonly void CheckPadding(ReadOnlySpan<byte> header)
    {
        var rest = header[(int)_reader.BytesConsumed..];
        var i = rest.IndexOfAnyExcept(" \t\r\n"u8);
        if (i < 0) return;
        var at = _base + _reader.BytesConsumed + i;
        if (rest[i] == 0)
            throw Fail("the header is padded with NUL bytes, but the safetensors format pads it with spaces (0x20) only: NUL (0x00)", at);
        throw Fail("unexpected content after the header object", at);
    }

    private void ParseMetadata(Dictionary<string, string> metadata)
    {
        if (Next() == JsonTokenType.Null) return;
        if (_reader.TokenType != JsonTokenType.StartObject) throw Fail($"\"{SafeTensors.MetadataKey}\" is not an object of strings");
        while (Next() == JsonTokenType.PropertyName)
        {
            var keyOffset = Position;
            var key = _reader.GetString()!;
            if (Next() != JsonTokenType.String)
                throw Fail($"metadata value of \"{key}\" is {Describe(_reader.TokenType)}, not a string");
            if (!metadata.TryAdd(key, _reader.GetString()!)) throw Fail($"duplicate metadata key \"{key}\"", keyOffset);
        }
    }

    private SafeTensorsHeaderEntry ParseEntry(string name, long keyOffset)
    {
        if (Next() != JsonTokenType.StartObject) throw Fail($"tensor \"{name}\" is {Describe(_reader.TokenType)}, not an object");
        SafeTensorDType? dtype = null;
        int[]? shape = null;
        long[]? offsets = null;
        while (Next() == JsonTokenType.PropertyName)
        {
            var fieldOffset = Position;
            var field = _reader.GetString()!;
            switch (field)
            {
                case "dtype" when dtype is null:
                    if (Next() != JsonTokenType.String) throw Fail($"tensor \"{name}\": dtype is {Describe(_reader.TokenType)}, not a string");
                    var text = _reader.GetString()!;
                    dtype = SafeTensorDTypes.TryParse(text, out var t) ? t
                        : throw Fail($"tensor \"{name}\": unknown dtype \"{text}\" (known: BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, I64, U64, F64)");
                    break;
                case "shape" when shape is null:
                    shape = Array.ConvertAll(ReadIntegers(name, field, int.MaxValue, fixedCount: null), d => (int)d);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(name, field, long.MaxValue, fixedCount: 2);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Fail($"tensor \"{name}\": duplicate field \"{field}\"", fieldOffset);
                default:
                    throw Fail($"tensor \"{name}\": unknown field \"{field}\" (expected dtype, shape, data_offsets)", fieldOffset);
            }
        }
        var missing = dtype is null ? "dtype" : shape is null ? "shape" : offsets is null ? "data_offsets" : null;
        if (missing is not null) throw Fail($"tensor \"{name}\" has no \"{missing}\" field", keyOffset);
        return new SafeTensorsHeaderEntry(name, dtype!.Value, shape!, offsets![0], offsets[1], keyOffset);
    }

    private long[] ReadIntegers(string name, string field, long max, int? fixedCount)
    {
        if (Next() != JsonTokenType.StartArray) throw Fail($"tensor \"{name}\": {field} is {Describe(_reader.TokenType)}, not an array");
        var arrayStart = Position;
        var values = new List<long>();
        while (Next() != JsonTokenType.EndArray)
        {
            if (_reader.TokenType != JsonTokenType.Number || !_reader.TryGetInt64(out var v) || v < 0 || v > max)
                throw Fail(string.Create(CultureInfo.InvariantCulture, $"tensor \"{name}\": {field} holds {Describe(_reader.TokenType)} that is not an integer in [0, {max}]"));
            values.Add(v);
        }
        if (fixedCount is { } n && values.Count != n)
            throw Fail(string.Create(CultureInfo.InvariantCulture, $"tensor \"{name}\": {field} has {values.Count} entries, expected {n}"), arrayStart);
        return values.ToArray();
    }

    private JsonTokenType Next()
    {
        if (!_reader.Read()) throw Fail("the header ends before the JSON object is complete");
        return _reader.TokenType;
    }

    private readonly TeleportDataException Fail(string problem, long? at = null)
    {
        var offset = at ?? Position;
        return new TeleportDataException(_path, string.Create(CultureInfo.InvariantCulture, $"{problem} at byte {offset}"), offset);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
