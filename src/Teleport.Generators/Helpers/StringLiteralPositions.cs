using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Teleport.Generators.Helpers;

/// <summary>
/// Maps a character index in a string literal's value to its place in the source text, decoding
/// escapes, so a formula error can point at the exact character the user typed.
/// </summary>
internal static class StringLiteralPositions
{
    /// <summary>
    /// The source span of value characters [index, index+length) of <paramref name="literal"/>, or
    /// the whole token when the literal's form is not decoded.
    /// </summary>
    public static TextSpan Map(SyntaxToken literal, int index, int length)
    {
        var start = SourceOffset(literal, index);
        var end = SourceOffset(literal, index + length);
        if (start < 0 || end < 0) return literal.Span;
        return TextSpan.FromBounds(literal.SpanStart + start, literal.SpanStart + System.Math.Max(end, start + 1));
    }

    /// <summary>Offset within the token text of value character <paramref name="index"/>, or -1.</summary>
    private static int SourceOffset(SyntaxToken literal, int index)
    {
        if (literal.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)) return MultiLineRawOffset(literal.Text, index);
        if (!literal.IsKind(SyntaxKind.StringLiteralToken) && !literal.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
            return -1;
        var text = literal.Text;
        if (text.StartsWith("\"\"\"", System.StringComparison.Ordinal))
        {
            var quotes = 0;
            while (quotes < text.Length && text[quotes] == '"') quotes++;
            return quotes + index <= text.Length - quotes ? quotes + index : -1;
        }

        var verbatim = text.StartsWith("@\"", System.StringComparison.Ordinal);
        var pos = verbatim ? 2 : 1;
        var valueIndex = 0;
        while (valueIndex < index)
        {
            if (pos >= text.Length - 1) return -1;
            var (length, chars) = verbatim ? (text[pos] == '"' ? 2 : 1, 1) : Escape(text, pos);
            // A \U escape past U+FFFF is two value characters (a surrogate pair): an index on its second is the escape's.
            if (valueIndex + chars > index) return pos;
            valueIndex += chars;
            pos += length;
        }
        return pos;
    }

    /// <summary>
    /// Offset of value character <paramref name="index"/> of a multi-line raw string: its value is the lines between
    /// the opening and closing delimiter lines, each without the closing line's indentation, joined by their line
    /// breaks (the last line break, before the closing line, is not part of it). -1 past the value's end + 1.
    /// </summary>
    private static int MultiLineRawOffset(string text, int index)
    {
        var quotes = 0;
        while (quotes < text.Length && text[quotes] == '"') quotes++;
        var closingQuotes = text.Length - quotes;
        var lastBreak = text.LastIndexOf('\n', closingQuotes - 1);
        var firstBreak = text.IndexOf('\n', quotes);
        if (lastBreak < 0 || firstBreak < 0 || lastBreak <= firstBreak) return -1;
        var indentation = closingQuotes - (lastBreak + 1);
        var contentEnd = lastBreak > 0 && text[lastBreak - 1] == '\r' ? lastBreak - 1 : lastBreak;

        var valueIndex = 0;
        var pos = firstBreak + 1;
        while (pos <= contentEnd)
        {
            // Skip the indentation (a blank line may be shorter than it).
            var skipped = 0;
            while (skipped < indentation && pos < contentEnd && text[pos] != '\r' && text[pos] != '\n') { pos++; skipped++; }
            while (pos < contentEnd && text[pos] != '\n')
            {
                if (valueIndex == index) return pos;
                valueIndex++;
                pos++;
            }

            if (pos >= contentEnd) break;
            if (valueIndex == index) return pos;
            valueIndex++; // the '\n' (a "\r\n" counted its '\r' above)
            pos++;
        }

        return valueIndex == index ? contentEnd : -1;
    }

    /// <summary>
    /// The source characters at <paramref name="pos"/> of a regular literal that make up its next value characters, and
    /// how many value characters (UTF-16 units) they are: one, or two for a \U escape past U+FFFF ("\U0001F600" is 😀, a
    /// surrogate pair; counted as one, every later position was one character off).
    /// </summary>
    private static (int Length, int Chars) Escape(string text, int pos)
    {
        if (text[pos] != '\\' || pos + 1 >= text.Length) return (1, 1);
        switch (text[pos + 1])
        {
            case 'u': return (6, 1);
            case 'U':
                var scalar = pos + 10 <= text.Length && uint.TryParse(text.Substring(pos + 2, 8), System.Globalization.NumberStyles.AllowHexSpecifier,
                    System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0u;
                return (10, scalar > 0xFFFF ? 2 : 1);
            case 'x':
                var n = 2;
                while (n < 6 && pos + n < text.Length && Uri.IsHexDigit(text[pos + n])) n++;
                return (n, 1);
            default: return (2, 1);
        }
    }

    private static class Uri
    {
        public static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
