using System;
using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Records;

/// <summary>
/// One immutable value of a run record: null, a boolean, a number, a string, an array or an object
/// of ordered fields — the JSON data model, with numbers as <see cref="double"/> (exact for integers
/// up to 2⁵³). Used for the free-form parts of a record: the configuration "as used", the summary
/// and the extra fields of epochs and teleports. Equality is structural.
/// </summary>
public sealed class RecordValue : IEquatable<RecordValue>
{
    private readonly double _number;
    private readonly string? _string;
    private readonly RecordValue[]? _items;
    private readonly RecordFields? _fields;

    private RecordValue(RecordValueKind kind, double number = 0, string? text = null, RecordValue[]? items = null, RecordFields? fields = null)
    {
        Kind = kind;
        _number = number;
        _string = text;
        _items = items;
        _fields = fields;
    }

    /// <summary>JSON <c>null</c>.</summary>
    public static RecordValue Null { get; } = new(RecordValueKind.Null);

    /// <summary><c>true</c>.</summary>
    public static RecordValue True { get; } = new(RecordValueKind.Boolean, 1);

    /// <summary><c>false</c>.</summary>
    public static RecordValue False { get; } = new(RecordValueKind.Boolean, 0);

    /// <summary>What this value is.</summary>
    public RecordValueKind Kind { get; }

    /// <summary>True for <see cref="RecordValueKind.Null"/>.</summary>
    public bool IsNull => Kind == RecordValueKind.Null;

    /// <summary>The boolean (throws for other kinds).</summary>
    public bool Boolean => Kind == RecordValueKind.Boolean ? _number != 0 : throw WrongKind(RecordValueKind.Boolean);

    /// <summary>The number (throws for other kinds; see <see cref="TryGetNumber"/> for NaN and ±∞ written as strings).</summary>
    public double Number => Kind == RecordValueKind.Number ? _number : throw WrongKind(RecordValueKind.Number);

    /// <summary>The string (throws for other kinds).</summary>
    public string String => Kind == RecordValueKind.String ? _string! : throw WrongKind(RecordValueKind.String);

    /// <summary>The items of an array (throws for other kinds).</summary>
    public IReadOnlyList<RecordValue> Items => Kind == RecordValueKind.Array ? _items! : throw WrongKind(RecordValueKind.Array);

    /// <summary>The fields of an object (throws for other kinds).</summary>
    public RecordFields Fields => Kind == RecordValueKind.Object ? _fields! : throw WrongKind(RecordValueKind.Object);

    /// <summary>A number value (NaN and ±∞ allowed).</summary>
    public static RecordValue FromNumber(double value) => new(RecordValueKind.Number, value);

    /// <summary>A string value.</summary>
    public static RecordValue FromString(string value) => new(RecordValueKind.String, text: value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A boolean value.</summary>
    public static RecordValue FromBoolean(bool value) => value ? True : False;

    /// <summary>An array of <paramref name="items"/> (copied).</summary>
    public static RecordValue FromArray(IEnumerable<RecordValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var copy = new List<RecordValue>(items);
        foreach (var item in copy) ArgumentNullException.ThrowIfNull(item, nameof(items));
        return new(RecordValueKind.Array, items: copy.ToArray());
    }

    /// <summary>An array of numbers.</summary>
    public static RecordValue FromNumbers(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var items = new List<RecordValue>();
        foreach (var v in values) items.Add(FromNumber(v));
        return new(RecordValueKind.Array, items: items.ToArray());
    }

    /// <summary>An object holding <paramref name="fields"/> (not copied: the fields stay live).</summary>
    public static RecordValue FromFields(RecordFields fields) =>
        new(RecordValueKind.Object, fields: fields ?? throw new ArgumentNullException(nameof(fields)));

    /// <summary>A number, or null when <paramref name="value"/> has none.</summary>
    public static RecordValue FromNullable(double? value) => value is { } v ? FromNumber(v) : Null;

    /// <summary>
    /// The number this value holds, accepting the strings "NaN", "Infinity" and "-Infinity" that
    /// JSON uses for non-finite numbers. False for anything else.
    /// </summary>
    public bool TryGetNumber(out double value)
    {
        value = Kind switch
        {
            RecordValueKind.Number => _number,
            RecordValueKind.String when _string == "NaN" => double.NaN,
            RecordValueKind.String when _string == "Infinity" => double.PositiveInfinity,
            RecordValueKind.String when _string == "-Infinity" => double.NegativeInfinity,
            _ => 0,
        };
        return Kind == RecordValueKind.Number || (Kind == RecordValueKind.String && (_string is "NaN" or "Infinity" or "-Infinity"));
    }

    public static implicit operator RecordValue(double value) => FromNumber(value);
    public static implicit operator RecordValue(long value) => FromNumber(value);
    public static implicit operator RecordValue(int value) => FromNumber(value);
    public static implicit operator RecordValue(bool value) => FromBoolean(value);
    public static implicit operator RecordValue(string value) => FromString(value);
    public static implicit operator RecordValue(RecordFields fields) => FromFields(fields);

    public bool Equals(RecordValue? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Kind != Kind) return false;
        switch (Kind)
        {
            case RecordValueKind.Null: return true;
            case RecordValueKind.Boolean: return _number == other._number;
            case RecordValueKind.Number: return _number.Equals(other._number);
            case RecordValueKind.String: return string.Equals(_string, other._string, StringComparison.Ordinal);
            case RecordValueKind.Object: return _fields!.Equals(other._fields);
            default:
                if (_items!.Length != other._items!.Length) return false;
                for (var i = 0; i < _items.Length; i++)
                    if (!_items[i].Equals(other._items[i])) return false;
                return true;
        }
    }

    public override bool Equals(object? obj) => Equals(obj as RecordValue);

    public override int GetHashCode() => Kind switch
    {
        RecordValueKind.Number or RecordValueKind.Boolean => HashCode.Combine(Kind, _number),
        RecordValueKind.String => HashCode.Combine(Kind, _string),
        RecordValueKind.Array => HashCode.Combine(Kind, _items!.Length),
        RecordValueKind.Object => HashCode.Combine(Kind, _fields!.Count),
        _ => 0,
    };

    public override string ToString() => Kind switch
    {
        RecordValueKind.Null => "null",
        RecordValueKind.Boolean => Boolean ? "true" : "false",
        RecordValueKind.Number => _number.ToString("R", CultureInfo.InvariantCulture),
        RecordValueKind.String => _string!,
        RecordValueKind.Array => $"[{_items!.Length} items]",
        _ => $"{{{_fields!.Count} fields}}",
    };

    private InvalidOperationException WrongKind(RecordValueKind wanted) =>
        new($"The value is {Kind}, not {wanted}.");
}
