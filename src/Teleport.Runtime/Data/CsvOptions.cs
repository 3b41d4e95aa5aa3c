using System.Collections.Generic;

namespace Teleport.Data;

/// <summary>Whether a CSV file's first row is a header.</summary>
public enum CsvHeader
{
    /// <summary>The first row is a header when any of its cells is not a number.</summary>
    Auto,

    /// <summary>The first row is a header.</summary>
    Present,

    /// <summary>Every row is data; columns can only be chosen by index.</summary>
    Absent,
}

/// <summary>
/// How <see cref="CsvDataset"/> reads a file. Set exactly one of <see cref="Label"/> (classification)
/// and <see cref="Targets"/> (regression).
/// </summary>
public sealed class CsvOptions
{
    /// <summary>The cell separator: <c>,</c> (default), <c>;</c> or tab (any character but a quote or a line break).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the first row is a header (default: detected).</summary>
    public CsvHeader Header { get; init; } = CsvHeader.Auto;

    /// <summary>The integer class-label column (classification).</summary>
    public CsvColumn? Label { get; init; }

    /// <summary>The float target columns (regression), in output order.</summary>
    public IReadOnlyList<CsvColumn>? Targets { get; init; }

    /// <summary>The feature columns in order; null means every column that is not the label or a target.</summary>
    public IReadOnlyList<CsvColumn>? Features { get; init; }

    /// <summary>The number of classes; null means the largest label + 1.</summary>
    public int? ClassCount { get; init; }

    /// <summary>The data set's display name; null means the file name.</summary>
    public string? Name { get; init; }
}
