using System;
using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Data;

/// <summary>Which zero-based columns hold the features, the label or the targets of a CSV file.</summary>
internal sealed record CsvLayout(int[] Features, int Label, int[] Targets)
{
    /// <summary>Resolves the columns chosen in <paramref name="options"/> against the header (or the column count).</summary>
    public static CsvLayout Resolve(CsvOptions options, string[]? header, int columnCount, string path)
    {
        var used = new HashSet<int>();
        var label = -1;
        if (options.Label is { } labelColumn)
        {
            label = Find(labelColumn, header, columnCount, path);
            used.Add(label);
        }
        var targets = Array.Empty<int>();
        if (options.Targets is { Count: > 0 } targetColumns)
        {
            targets = new int[targetColumns.Count];
            for (var i = 0; i < targets.Length; i++)
            {
                targets[i] = Find(targetColumns[i], header, columnCount, path);
                if (!used.Add(targets[i]))
                    throw new TeleportDataException(path, $"{Describe(targets[i], header)} is chosen twice as a target");
            }
        }
        int[] features;
        if (options.Features is { } featureColumns)
        {
            features = new int[featureColumns.Count];
            for (var i = 0; i < features.Length; i++)
            {
                features[i] = Find(featureColumns[i], header, columnCount, path);
                if (!used.Add(features[i]))
                    throw new TeleportDataException(path, $"{Describe(features[i], header)} is chosen twice (as a feature and as a feature, label or target)");
            }
        }
        else
        {
            var list = new List<int>();
            for (var c = 0; c < columnCount; c++)
                if (!used.Contains(c)) list.Add(c);
            features = list.ToArray();
        }
        if (features.Length == 0)
            throw new TeleportDataException(path, "no feature columns (every column is the label or a target)");
        return new CsvLayout(features, label, targets);
    }

    /// <summary>"column 3 ("petal_width")" or "column 3": 1-based, with the header name when there is one.</summary>
    public static string Describe(int column, string[]? header) => header is null
        ? string.Create(CultureInfo.InvariantCulture, $"column {column + 1}")
        : string.Create(CultureInfo.InvariantCulture, $"column {column + 1} (\"{header[column]}\")");

    private static int Find(CsvColumn column, string[]? header, int columnCount, string path)
    {
        if (column.Name is { } name)
        {
            if (header is null)
                throw new TeleportDataException(path, $"column \"{name}\" is chosen by name but the file has no header row");
            var index = Array.IndexOf(header, name);
            return index >= 0 ? index
                : throw new TeleportDataException(path, $"no column named \"{name}\" in the header (columns: {string.Join(", ", header)})");
        }
        return column.Index < columnCount ? column.Index
            : throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"column index {column.Index} is out of range (the file has {columnCount} columns)"));
    }
}
