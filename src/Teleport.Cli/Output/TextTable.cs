using System;
using System.Collections.Generic;
using System.Text;
using Spectre.Console;

namespace Teleport.Cli.Output;

/// <summary>A small table of strings: a styled Spectre table on a terminal, right-aligned plain columns otherwise.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Row(params string[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"{cells.Length} cells for {headers.Length} columns.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public void Render(ConsoleOutput output)
    {
        if (output.Ansi is { } ansi)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var h in headers) table.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
            foreach (var row in _rows) table.AddRow(Array.ConvertAll(row, Markup.Escape));
            ansi.Write(table);
            return;
        }
        var widths = new int[headers.Length];
        for (var i = 0; i < headers.Length; i++) widths[i] = headers[i].Length;
        foreach (var row in _rows)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        output.Out.WriteLine(Line(headers, widths));
        foreach (var row in _rows) output.Out.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) sb.Append("  ");
            sb.Append(cells[i].PadLeft(widths[i]));
        }
        return sb.ToString();
    }
}
