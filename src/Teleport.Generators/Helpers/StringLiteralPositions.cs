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
    /// the whole token when the literal's form is not decoded (multi-line raw strings).
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
        for (var valueIndex = 0; valueIndex < index; valueIndex++)
        {
            if (pos >= text.Length - 1) return -1;
            pos += verbatim ? (text[pos] == '"' ? 2 : 1) : EscapeLength(text, pos);
        }
        return pos;
    }

    /// <summary>Source characters that make up one value character at <paramref name="pos"/> of a regular literal.</summary>
    private static int EscapeLength(string text, int pos)
    {
        if (text[pos] != '\\' || pos + 1 >= text.Length) return 1;
        switch (text[pos + 1])
        {
            case 'u': return 6;
            case 'U': return 10;
            case 'x':
                var n = 2;
                while (n < 6 && pos + n < text.Length && Uri.IsHexDigit(text[pos + n])) n++;
                return n;
            default: return 2;
        }
    }

    private static class Uri
    {
        public static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
