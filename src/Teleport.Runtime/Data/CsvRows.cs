using System;
using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Data;

/// <summary>Accumulates parsed CSV rows (features, labels or targets) and builds the <see cref="Dataset"/>.</summary>
internal sealed class CsvRows(CsvLayout layout, string path, string[]? header, int? classCount)
{
    /// <summary>The most classes a label column may imply without <see cref="CsvOptions.ClassCount"/>: one output per class.</summary>
    public const int MaxClassCount = int.MaxValue;

    private readonly List<float> _features = [];
    private readonly List<int> _labels = [];
    private readonly List<float> _targets = [];
    private int _maxLabel = -1;

    /// <summary>Parses the selected cells of one data row.</summary>
    public void Add(List<string> cells, int lineNumber)
    {
        foreach (var c in layout.Features) _features.Add(Number(cells, c, lineNumber));
        foreach (var c in layout.Targets) _targets.Add(Number(cells, c, lineNumber));
        if (layout.Label >= 0) _labels.Add(Label(cells, layout.Label, lineNumber));
    }

    /// <summary>The data set of all rows added.</summary>
    public Dataset ToDataset(string name)
    {
        var count = _features.Count / layout.Features.Length;
        if (count == 0)
            throw new TeleportDataException(path, "no data rows (only a header)");
        var features = FeatureArrays.CreateAligned(_features.Count);
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_features).CopyTo(features.Span);
        if (layout.Label < 0)
            return Dataset.Regression(name, features, layout.Features.Length, _targets.ToArray(), layout.Targets.Length);
        // Labels were checked against ClassCount as they were read; without one, the largest label decides.
        var classes = classCount ?? _maxLabel + 1;
        return Dataset.Classification(name, features, layout.Features.Length, _labels.ToArray(), classes);
    }

    private float Number(List<string> cells, int column, int lineNumber)
    {
        var text = cells[column];
        return CsvDataset.TryParseNumber(text, out var value) ? value : throw Bad(text, column, lineNumber, "cannot parse", "as a finite number");
    }

    private int Label(List<string> cells, int column, int lineNumber)
    {
        var text = cells[column];
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label))
        {
            // Integral values written as floats ("3.0") are accepted; the float's range is checked below as a long.
            if (!CsvDataset.TryParseNumber(text, out var f) || f != MathF.Round(f) || Math.Abs(f) >= 1e18f)
                throw Bad(text, column, lineNumber, "label", "is not an integer");
            label = (long)f;
        }
        // Without a class count the largest label + 1 is the count, which must fit in an int.
        var limit = classCount ?? MaxClassCount;
        if (label < 0 || label >= limit)
            throw Bad(text, column, lineNumber, "label", string.Create(CultureInfo.InvariantCulture,
                $"is outside 0..{limit - 1}{(classCount is null ? " (the class count, the largest label + 1, must be at most " + MaxClassCount + ")" : "")}"));
        _maxLabel = Math.Max(_maxLabel, (int)label);
        return (int)label;
    }

    private TeleportDataException Bad(string text, int column, int lineNumber, string verb, string problem) =>
        new(path, string.Create(CultureInfo.InvariantCulture,
            $"line {lineNumber}, {CsvLayout.Describe(column, header)}: {verb} \"{text}\" {problem}"));
}
