using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Teleport.Data;

/// <summary>
/// Reads a numeric CSV file into a <see cref="Dataset"/>: feature columns as floats, and an integer
/// label column (classification) or float target columns (regression); see <see cref="CsvOptions"/>.
/// Numbers use the invariant culture (<c>1.5e-3</c>, never <c>1,5</c>); blank lines are skipped.
/// A bad cell throws <see cref="TeleportDataException"/> naming the file, the line (1-based), the column
/// (1-based, with its header name) and the text; a row with a different cell count names both counts.
/// </summary>
public static class CsvDataset
{
    /// <summary>Loads <paramref name="path"/> (UTF-8, optional BOM).</summary>
    public static Dataset Load(string path, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
            throw new DatasetNotFoundException(Path.GetFullPath(path), $"CSV file {Path.GetFullPath(path)} not found");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path, options);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="path"/> names it in messages.</summary>
    public static Dataset Parse(TextReader reader, string path, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        // An undefined value was taken as Auto: a header guessed from the first line's cells.
        if (options.Header is not (CsvHeader.Auto or CsvHeader.Present or CsvHeader.Absent))
            throw new ArgumentOutOfRangeException(nameof(options), options.Header, "CsvOptions.Header must be Auto, Present or Absent.");
        var delimiter = options.Delimiter;
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(options));
        if (options.ClassCount is <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.ClassCount, "CsvOptions.ClassCount must be at least 1 (or null: the largest label + 1).");
        if (options.Label is null == (options.Targets is null or { Count: 0 }))
            throw new ArgumentException("Set exactly one of CsvOptions.Label (classification) and CsvOptions.Targets (regression).", nameof(options));

        var cells = new List<string>();
        var scratch = new StringBuilder();
        var lineNumber = 0;
        string? line;
        // The first non-blank line: the header or the first data row.
        do
        {
            line = reader.ReadLine();
            lineNumber++;
            // A byte-order mark a reader did not consume (Load's StreamReader does; a StringReader or a reader opened
            // without BOM detection does not) is not part of the first cell: it made the first column's name "\uFEFFx",
            // so CsvOptions.Label = "x" was "not found".
            if (lineNumber == 1 && line is not null && line.StartsWith('\uFEFF')) line = line.Substring(1);
        }
        while (line is not null && string.IsNullOrWhiteSpace(line));
        if (line is null)
            throw new TeleportDataException(path, "no data rows (the file is empty)");
        SplitOrThrow(line, lineNumber, path, delimiter, cells, scratch);
        var columnCount = cells.Count;
        var firstLine = lineNumber;
        var hasHeader = options.Header switch
        {
            CsvHeader.Present => true,
            CsvHeader.Absent => false,
            _ => !cells.TrueForAll(cell => TryParseNumber(cell, out _)),
        };
        string[]? header = hasHeader ? cells.ToArray() : null;

        var layout = CsvLayout.Resolve(options, header, columnCount, path);
        var rows = new CsvRows(layout, path, header, options.ClassCount);
        if (!hasHeader) rows.Add(cells, lineNumber);

        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            SplitOrThrow(line, lineNumber, path, delimiter, cells, scratch);
            if (cells.Count != columnCount)
                throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture,
                    $"line {lineNumber} has {cells.Count} cells, expected {columnCount} (as in line {firstLine})"));
            rows.Add(cells, lineNumber);
        }
        return rows.ToDataset(options.Name ?? Path.GetFileName(path));
    }

    /// <summary>Parses a finite invariant-culture number.</summary>
    internal static bool TryParseNumber(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);

    private static void SplitOrThrow(string line, int lineNumber, string path, char delimiter, List<string> cells, StringBuilder scratch)
    {
        if (!CsvLine.Split(line, delimiter, cells, scratch))
            throw new TeleportDataException(path, string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: unterminated quoted cell"));
    }
}
