using System.Globalization;
using System.Text;

namespace Teleport.Generators.Emit;

/// <summary>C# literals written with the invariant culture.</summary>
internal static class Literals
{
    public static string String(string? value)
    {
        if (value is null) return "null";
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    // Control characters, and U+0085, U+2028, U+2029, which C# takes for line breaks ("newline in constant").
                    if (c < ' ' || IsLineBreak(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Whether C# reads <paramref name="c"/> as a line break (in a comment or a string literal it ends the line).</summary>
    public static bool IsLineBreak(char c) => c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029';

    /// <summary><paramref name="text"/> with each line break a space, to sit inside one comment line.</summary>
    public static string OneLine(string text)
    {
        if (text.IndexOfAny(LineBreaks) < 0) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (IsLineBreak(chars[i])) chars[i] = ' ';
        return new string(chars);
    }

    private static readonly char[] LineBreaks = { '\r', '\n', '\u0085', '\u2028', '\u2029' };

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double literal; ±∞ and NaN as the named constants (the invariant culture would write "Infinity").</summary>
    public static string Double(double value) =>
        double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
        : double.IsNaN(value) ? "double.NaN"
        : value.ToString("R", CultureInfo.InvariantCulture) + "d";

    public static string Bool(bool value) => value ? "true" : "false";
}
