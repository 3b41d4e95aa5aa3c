namespace Teleport.Records;

/// <summary>The kinds of value a run record holds: JSON's, with numbers as <see cref="double"/>.</summary>
public enum RecordValueKind
{
    /// <summary>JSON <c>null</c>.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A number (a <see cref="double"/>; NaN and ±∞ are written as the strings "NaN", "Infinity", "-Infinity").</summary>
    Number,

    /// <summary>A string.</summary>
    String,

    /// <summary>An ordered list of values.</summary>
    Array,

    /// <summary>Ordered key–value fields (<see cref="RecordFields"/>).</summary>
    Object,
}
