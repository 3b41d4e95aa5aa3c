using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Splits a formula into tokens; numbers are invariant-culture (<c>2</c>, <c>0.5</c>, <c>.5</c>, <c>1e-3</c>).</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch))
            {
                i++;
                continue;
            }

            // Digits are ASCII only: char.IsDigit also accepts '２' (U+FF12) or '٣' (U+0663), which double.Parse
            // then refused, reported as "the number '２' is out of range".
            if (IsDigit(ch) || (ch == '.' && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                tokens.Add(Number(text, ref i));
                continue;
            }

            if (char.IsLetter(ch) || ch == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetter(text[i]) || IsDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, start, i - start, text.Substring(start, i - start), 0));
                continue;
            }

            var two = i + 1 < text.Length && text[i + 1] == '=';
            TokenKind? kind = ch switch
            {
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Caret,
                '(' => TokenKind.LeftParenthesis,
                ')' => TokenKind.RightParenthesis,
                ',' => TokenKind.Comma,
                '<' => two ? TokenKind.LessOrEqual : TokenKind.Less,
                '>' => two ? TokenKind.GreaterOrEqual : TokenKind.Greater,
                _ => null,
            };
            if (kind is null)
            {
                throw UnexpectedCharacter(text, i);
            }

            var length = kind is TokenKind.LessOrEqual or TokenKind.GreaterOrEqual ? 2 : 1;
            tokens.Add(new Token(kind.Value, i, length, text.Substring(i, length), 0));
            i += length;
        }

        tokens.Add(new Token(TokenKind.End, text.Length, 0, "", 0));
        return tokens;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>The character at <paramref name="i"/> (a surrogate pair as one) quoted, with its code point when it is not ASCII, e.g. '２' (U+FF12).</summary>
    private static ParseException UnexpectedCharacter(string text, int i)
    {
        var length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        var codePoint = length == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
        var named = codePoint > 0x7E ? " (U+" + codePoint.ToString("X4", CultureInfo.InvariantCulture) + ")" : "";
        var digit = length == 1 && char.IsDigit(text[i]) ? "; numbers are written with the ASCII digits 0-9" : "";
        return new ParseException(ParseErrorKind.UnexpectedCharacter, i, length,
            "unexpected character '" + text.Substring(i, length) + "'" + named + digit);
    }

    private static Token Number(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        // An exponent only when digits follow: "2e-3" is a number, "2e" is 2 followed by the name e.
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && IsDigit(text[j]))
            {
                i = j;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
        }

        var literal = text.Substring(start, i - start);
        if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || double.IsInfinity(value))
        {
            throw new ParseException(ParseErrorKind.InvalidNumber, start, i - start, "the number '" + literal + "' is out of range");
        }

        return new Token(TokenKind.Number, start, i - start, literal, value);
    }
}
