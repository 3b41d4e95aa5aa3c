using System;
using System.Globalization;
using Teleport.Data;

namespace Teleport.Records;

/// <summary>
/// Typed, checked access to the fields of one parsed JSON object: every failure is a
/// <see cref="TeleportDataException"/> naming the file and the place (<c>epochs[2].train_loss</c>).
/// </summary>
internal readonly struct FieldReader
{
    private readonly RecordFields _fields;
    private readonly string _source;
    private readonly string _place;

    public FieldReader(RecordValue value, string source, string place)
    {
        _source = source;
        _place = place;
        if (value.Kind != RecordValueKind.Object)
            throw new TeleportDataException(source, $"{Describe(place)} is {Article(value.Kind)}, not an object");
        _fields = value.Fields;
    }

    public RecordFields Fields => _fields;

    public string Source => _source;

    /// <summary>A reader for item <paramref name="index"/> of the array field <paramref name="key"/>.</summary>
    public FieldReader Item(string key, int index, RecordValue item) =>
        new(item, _source, Path(string.Create(CultureInfo.InvariantCulture, $"{key}[{index}]")));

    public bool Has(string key) => _fields.TryGetValue(key, out var v) && !v.IsNull;

    public RecordValue Require(string key) =>
        _fields.TryGetValue(key, out var value) ? value : throw Fail(key, "is missing");

    public double Number(string key)
    {
        var value = Require(key);
        return value.TryGetNumber(out var number) ? number : throw Fail(key, $"is {Article(value.Kind)}, not a number");
    }

    public double? NullableNumber(string key)
    {
        if (!_fields.TryGetValue(key, out var value) || value.IsNull) return null;
        return value.TryGetNumber(out var number) ? number : throw Fail(key, $"is {Article(value.Kind)}, not a number or null");
    }

    /// <summary>A finite number: NaN or ±∞ (stored as strings) fails with <paramref name="why"/>.</summary>
    public double FiniteNumber(string key, string why) => Finite(key, Number(key), why);

    /// <summary>A finite number or null: NaN or ±∞ fails with <paramref name="why"/>.</summary>
    public double? NullableFiniteNumber(string key, string why) => NullableNumber(key) is { } value ? Finite(key, value, why) : null;

    private double Finite(string key, double value, string why) =>
        double.IsFinite(value) ? value : throw Fail(key, $"is {RecordJson.Text(value)}: {why}");

    public long Integer(string key, long min = long.MinValue)
    {
        var value = Require(key);
        if (value.Kind != RecordValueKind.Number || value.Number != Math.Floor(value.Number) || Math.Abs(value.Number) > (1L << 53))
            throw Fail(key, $"is {value}, not an integer");
        var integer = (long)value.Number;
        return integer >= min ? integer : throw Fail(key, string.Create(CultureInfo.InvariantCulture, $"is {integer}, less than {min}"));
    }

    public int Int32(string key, int min = int.MinValue)
    {
        var integer = Integer(key, min);
        return integer <= int.MaxValue ? (int)integer : throw Fail(key, string.Create(CultureInfo.InvariantCulture, $"is {integer}, too large"));
    }

    public bool Boolean(string key)
    {
        var value = Require(key);
        return value.Kind == RecordValueKind.Boolean ? value.Boolean : throw Fail(key, $"is {Article(value.Kind)}, not true or false");
    }

    public string String(string key)
    {
        var value = Require(key);
        return value.Kind == RecordValueKind.String ? value.String : throw Fail(key, $"is {Article(value.Kind)}, not a string");
    }

    public FieldReader Object(string key) => new(Require(key), _source, Path(key));

    public RecordFields? OptionalObject(string key)
    {
        if (!_fields.TryGetValue(key, out var value) || value.IsNull) return null;
        return value.Kind == RecordValueKind.Object ? value.Fields : throw Fail(key, $"is {Article(value.Kind)}, not an object");
    }

    /// <summary>The items of an array field; a missing field is an empty array when <paramref name="optional"/>.</summary>
    public System.Collections.Generic.IReadOnlyList<RecordValue> Array(string key, bool optional = false)
    {
        if (!_fields.TryGetValue(key, out var value))
            return optional ? [] : throw Fail(key, "is missing");
        return value.Kind == RecordValueKind.Array ? value.Items : throw Fail(key, $"is {Article(value.Kind)}, not an array");
    }

    /// <summary>The fields whose keys are not among <paramref name="known"/>, in order.</summary>
    public RecordFields Extra(params string[] known)
    {
        var extra = new RecordFields();
        foreach (var (key, value) in _fields)
            if (System.Array.IndexOf(known, key) < 0) extra.Add(key, value);
        return extra;
    }

    public string Path(string key) => _place.Length == 0 ? key : _place + "." + key;

    public TeleportDataException Fail(string key, string problem) => new(_source, $"{Describe(Path(key))} {problem}");

    private static string Describe(string place) => place.Length == 0 ? "the top-level value" : $"\"{place}\"";

    private static string Article(RecordValueKind kind) => kind switch
    {
        RecordValueKind.Null => "null",
        RecordValueKind.Array => "an array",
        RecordValueKind.Object => "an object",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };
}
