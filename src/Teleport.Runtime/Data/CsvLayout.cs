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
        // Each column once, in one role; the message names both roles ("as a feature and as a feature, label or target").
        var used = new Dictionary<int, string>();
        int Take(CsvColumn column, string role)
        {
            var index = Find(column, header, columnCount, path);
            if (used.TryGetValue(index, out var first))
                throw new TeleportDataException(path, $"{Describe(index, header)} is chosen twice: as {first} and as {role}");
            used.Add(index, role);
            return index;
        }
        var label = -1;
        if (options.Label is { } labelColumn) label = Take(labelColumn, "the label");
        var targets = Array.Empty<int>();
        if (options.Targets is { Count: > 0 } targetColumns)
        {
            targets = new int[targetColumns.Count];
            for (var i = 0; i < targets.Length; i++) targets[i] = Take(targetColumns[i], "a target");
        }
        int[] features;
        if (options.Features is { } featureColumns)
        {
            features = new int[featureColumns.Count];
            for (var i = 0; i < features.Length; i++) features[i] = Take(featureColumns[i], "a feature");
        }
        else
        {
            var list = new List<int>();
            for (var c = 0; c < columnCount; c++)
                if (!used.ContainsKey(c)) list.Add(c);
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
            if (index < 0)
                throw new TeleportDataException(path, $"no column named \"{name}\" in the header (columns: {string.Join(", ", header)})");
            // "a,y,y" with the label "y" read the first y silently.
            var again = Array.IndexOf(header, name, index + 1);
            if (again >= 0)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"the header names more than one column \"{name}\" (columns {index + 1} and {again + 1}): choose it by index"));
            return index;
        }
        return column.Index < columnCount ? column.Index
            : throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                $"column index {column.Index} is out of range (the file has {columnCount} columns)"));
    }
}
