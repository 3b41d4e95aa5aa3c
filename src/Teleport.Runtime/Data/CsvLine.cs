using System;
using System.Collections.Generic;
using System.Text;

namespace Teleport.Data;

/// <summary>
/// Splits one CSV line into cells: a delimiter separates cells, whitespace around a cell is trimmed,
/// a cell may be enclosed in double quotes (a doubled quote inside stands for one quote).
/// Quoted cells cannot span lines.
/// </summary>
internal static class CsvLine
{
    /// <summary>Splits <paramref name="line"/> into <paramref name="cells"/>; returns false on an unterminated quote.</summary>
    public static bool Split(string line, char delimiter, List<string> cells, StringBuilder scratch)
    {
        cells.Clear();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] != delimiter && char.IsWhiteSpace(line[i])) i++;
            if (i < line.Length && line[i] == '"')
            {
                scratch.Clear();
                i++;
                while (true)
                {
                    if (i >= line.Length) return false;
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            scratch.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    scratch.Append(line[i++]);
                }
                // Text between the closing quote and the delimiter is kept (it makes the cell invalid as a number).
                var rest = i;
                while (i < line.Length && line[i] != delimiter) i++;
                scratch.Append(line.AsSpan(rest, i - rest).Trim());
                cells.Add(scratch.ToString());
            }
            else
            {
                var start = i;
                while (i < line.Length && line[i] != delimiter) i++;
                cells.Add(line.AsSpan(start, i - start).Trim().ToString());
            }
            if (i >= line.Length) return true;
            i++; // the delimiter
        }
    }
}
