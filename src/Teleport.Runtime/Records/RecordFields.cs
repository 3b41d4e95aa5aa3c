using System;
using System.Collections;
using System.Collections.Generic;

namespace Teleport.Records;

/// <summary>
/// Ordered key–value fields: a JSON object whose keys keep the order they were added in, so a run
/// record is written in a stable, readable order. Keys are unique (ordinal comparison). Used for the
/// configuration, the summary and the extra fields of epochs and teleports. Equality is structural
/// and order-sensitive.
/// </summary>
public sealed class RecordFields : IReadOnlyList<KeyValuePair<string, RecordValue>>, IEquatable<RecordFields>
{
    private readonly List<KeyValuePair<string, RecordValue>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>Number of fields.</summary>
    public int Count => _entries.Count;

    /// <summary>The field at <paramref name="index"/>, in insertion order.</summary>
    public KeyValuePair<string, RecordValue> this[int index] => _entries[index];

    /// <summary>The value of <paramref name="key"/>; throws <see cref="KeyNotFoundException"/> if absent.</summary>
    public RecordValue this[string key] =>
        _index.TryGetValue(key, out var i) ? _entries[i].Value : throw new KeyNotFoundException($"No field \"{key}\".");

    /// <summary>The keys in insertion order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in _entries) yield return entry.Key;
        }
    }

    /// <summary>Adds a field; throws if <paramref name="key"/> is already present. Returns this, for chaining.</summary>
    public RecordFields Add(string key, RecordValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_index.ContainsKey(key)) throw new ArgumentException($"Duplicate field \"{key}\".", nameof(key));
        _index.Add(key, _entries.Count);
        _entries.Add(new(key, value));
        return this;
    }

    /// <summary>Sets a field: replaces the value in place if present, else appends. Returns this.</summary>
    public RecordFields Set(string key, RecordValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_index.TryGetValue(key, out var i)) _entries[i] = new(key, value);
        else Add(key, value);
        return this;
    }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>, if present.</summary>
    public bool TryGetValue(string key, out RecordValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }
        value = RecordValue.Null;
        return false;
    }

    /// <summary>A copy (values are immutable except nested objects, which are shared).</summary>
    public RecordFields Clone()
    {
        var copy = new RecordFields();
        foreach (var entry in _entries) copy.Add(entry.Key, entry.Value);
        return copy;
    }

    public IEnumerator<KeyValuePair<string, RecordValue>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(RecordFields? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Count != Count) return false;
        for (var i = 0; i < _entries.Count; i++)
            if (!string.Equals(_entries[i].Key, other._entries[i].Key, StringComparison.Ordinal) || !_entries[i].Value.Equals(other._entries[i].Value))
                return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as RecordFields);

    public override int GetHashCode() => Count;
}
