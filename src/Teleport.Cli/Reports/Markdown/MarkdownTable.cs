using System;
using System.Collections.Generic;
using System.Text;

namespace Teleport.Cli.Reports.Markdown;

/// <summary>A GitHub-flavoured Markdown table: the first column and the text columns left-aligned, the others right-aligned (numbers).</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<string> _text = new(StringComparer.Ordinal);

    /// <summary>Left-aligns the columns named <paramref name="columns"/> (words rather than numbers).</summary>
    public MarkdownTable Text(params string[] columns)
    {
        _text.UnionWith(columns);
        return this;
    }

    /// <summary>Rows added so far.</summary>
    public int Count => _rows.Count;

    public MarkdownTable Row(params string[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"{cells.Length} cells for {headers.Length} columns.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>Appends the table, followed by a blank line.</summary>
    public void AppendTo(StringBuilder text)
    {
        Line(text, headers);
        text.Append('|');
        for (var i = 0; i < headers.Length; i++) text.Append(i == 0 || _text.Contains(headers[i]) ? " --- |" : " ---: |");
        text.Append('\n');
        foreach (var row in _rows) Line(text, row);
        text.Append('\n');
    }

    private static void Line(StringBuilder text, string[] cells)
    {
        text.Append('|');
        foreach (var cell in cells) text.Append(' ').Append(Escape(cell)).Append(" |");
        text.Append('\n');
    }

    /// <summary>A cell's text made literal (<see cref="MarkdownText.Inline"/>): nothing in it breaks the row or reads as markup.</summary>
    public static string Escape(string cell) => MarkdownText.Inline(cell);
}
