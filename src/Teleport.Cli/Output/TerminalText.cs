using System.Text;

namespace Teleport.Cli.Output;

/// <summary>
/// A message as the tool writes it to standard error: one line, every character visible. An error names what the user
/// gave (a path, an option's value, a record's string), and that may hold control characters: an escape sequence in a
/// file name (<c>$'\e[2J'</c>) cleared the terminal instead of appearing in the error, a carriage return hid what came
/// before it, and a right-to-left override reordered the rest of the line.
/// </summary>
internal static class TerminalText
{
    /// <summary>
    /// Line endings become spaces (a message is one line) and the ends are trimmed; every other control character (C0,
    /// DEL, C1) and the bidirectional embedding, override and isolate characters become a visible escape: <c>\x1B</c>,
    /// <c>\u202E</c>.
    /// </summary>
    public static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        StringBuilder? visible = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (!Hidden(c))
            {
                visible?.Append(c);
                continue;
            }

            visible ??= new StringBuilder(line, 0, i, line.Length + 16);
            visible.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
        }

        return visible?.ToString() ?? line;
    }

    private static bool Hidden(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
