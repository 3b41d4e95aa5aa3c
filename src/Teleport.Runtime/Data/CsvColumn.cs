using System;
using System.Globalization;

namespace Teleport.Data;

/// <summary>
/// A CSV column chosen by header name or by zero-based index (like pandas' <c>iloc</c>).
/// Converts implicitly from <see cref="int"/> and <see cref="string"/>.
/// </summary>
public readonly struct CsvColumn : IEquatable<CsvColumn>
{
    private CsvColumn(int index, string? name)
    {
        Index = index;
        Name = name;
    }

    /// <summary>The zero-based index, or −1 when chosen by name.</summary>
    public int Index { get; }

    /// <summary>The header name, or null when chosen by index.</summary>
    public string? Name { get; }

    /// <summary>The column at zero-based <paramref name="index"/>.</summary>
    public static CsvColumn At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new CsvColumn(index, null);
    }

    /// <summary>The column whose header is <paramref name="name"/> (exact, case-sensitive).</summary>
    public static CsvColumn Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new CsvColumn(-1, name);
    }

    public static implicit operator CsvColumn(int index) => At(index);

    public static implicit operator CsvColumn(string name) => Named(name);

    public bool Equals(CsvColumn other) => Index == other.Index && Name == other.Name;

    public override bool Equals(object? obj) => obj is CsvColumn other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Index, Name);

    public static bool operator ==(CsvColumn left, CsvColumn right) => left.Equals(right);

    public static bool operator !=(CsvColumn left, CsvColumn right) => !left.Equals(right);

    public override string ToString() => Name is null
        ? string.Create(CultureInfo.InvariantCulture, $"column index {Index}")
        : $"column \"{Name}\"";
}
