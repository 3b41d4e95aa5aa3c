using System;
using System.Globalization;
using System.Text;

namespace Teleport.Data;

/// <summary>
/// Text that names what a user gave (a file name, a CSV cell, a record's string) made into one line on which every
/// character can be seen: the one spelling of <see cref="TeleportDataException"/>'s messages and of the CLI's standard
/// error. A name may hold control characters: an escape sequence (<c>$'\e[2J'</c>) clears the terminal instead of
/// appearing, a carriage return hides what came before it, a tab reads as spaces, and a right-to-left override
/// (U+202E, the "Trojan Source" characters) reorders the rest of the line — as an invisible mark (U+200F, U+061C) moves
/// the neutral characters around it.
/// </summary>
/// <remarks>
/// Internal, and visible to the CLI (assembly <c>teleport</c>, InternalsVisibleTo): the CLI ships with the runtime built
/// from the same commit, so the two cannot drift apart, and the package's public API does not grow a string helper.
/// </remarks>
internal static class VisibleText
{
    /// <summary>
    /// Whether <paramref name="c"/> is written as an escape: a control character (C0, DEL, C1; line breaks are made
    /// spaces first) or one of Unicode's invisible bidirectional controls (UAX #9's explicit formatting characters): the
    /// marks U+061C (ALM), U+200E (LRM) and U+200F (RLM), the embeddings and overrides U+202A–U+202E, the isolates
    /// U+2066–U+2069. The generator's <c>QuotedFormula</c> escapes the same set.
    /// </summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c) || c is '\u061C' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// <paramref name="text"/> as one line: a line break (CR, LF, CRLF, FF, NEL, U+2028, U+2029 — what
    /// <see cref="string.ReplaceLineEndings(string)"/> calls one) becomes a space unless a space comes just before it
    /// (so CRLF, a run of breaks or a break after a space is one space), and breaks and spaces at the ends are dropped;
    /// every other <see cref="IsHidden"/> character becomes a visible escape, <c>\x1B</c> up to U+00FF and <c>\u202E</c>
    /// above. Beyond <paramref name="maxLength"/> characters of the result the text is cut with "…", never inside an
    /// escape or a surrogate pair.
    /// </summary>
    public static string OneLine(string text, int maxLength = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var (start, end) = (0, text.Length);
        while (start < end && IsBreakOrSpace(text[start])) start++;
        while (end > start && IsBreakOrSpace(text[end - 1])) end--;

        var line = new StringBuilder(Math.Min(end - start, maxLength) + 1);
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            ReadOnlySpan<char> piece;
            if (IsLineBreak(c))
            {
                if (line.Length > 0 && line[^1] == ' ') continue;
                piece = " ";
            }
            else if (IsHidden(c))
            {
                piece = EscapeOf(c);
            }
            else
            {
                var pair = char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]);
                piece = text.AsSpan(i, pair ? 2 : 1);
            }

            if (line.Length + piece.Length > maxLength)
            {
                line.Append('…');
                break;
            }
            line.Append(piece);
            if (piece.Length == 2 && char.IsHighSurrogate(piece[0])) i++;
        }
        return line.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> (a path the tool echoes on standard output: "wrote …") with every <see cref="IsHidden"/>
    /// character and every line break (U+2028 and U+2029 too) as a visible escape, and nothing else changed: no trimming,
    /// no cut, so the line still names the file, and a name with a line break or an escape sequence in it can neither
    /// split the line nor drive the terminal.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? visible = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsHidden(c) && c is not ('\u2028' or '\u2029'))
            {
                visible?.Append(c);
                continue;
            }
            visible ??= new StringBuilder(text, 0, i, text.Length + 16);
            visible.Append(EscapeOf(c));
        }
        return visible?.ToString() ?? text;
    }

    /// <summary>The escape that shows <paramref name="c"/>: <c>\x1B</c> up to U+00FF, <c>\u202E</c> above.</summary>
    private static string EscapeOf(char c) => c <= '\u00FF'
        ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}")
        : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");

    /// <summary>A line ending as <see cref="string.ReplaceLineEndings(string)"/> knows them (CRLF is two of them here, made one space).</summary>
    private static bool IsLineBreak(char c) => c is '\r' or '\n' or '\f' or '\u0085' or '\u2028' or '\u2029';

    private static bool IsBreakOrSpace(char c) => c == ' ' || IsLineBreak(c);
}
