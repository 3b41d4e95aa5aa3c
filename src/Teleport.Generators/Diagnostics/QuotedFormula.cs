using System.Globalization;
using System.Text;
using Teleport.Generators.Emit;

namespace Teleport.Generators.Diagnostics;

/// <summary>
/// The one way a diagnostic quotes an activation formula (or text taken from it): on one line, each control character,
/// each of C#'s line breaks (\r, \n, U+0085, U+2028, U+2029) and each invisible bidirectional formatting character
/// written as its C# escape \uXXXX: the marks U+061C (Arabic letter mark), U+200E, U+200F (left-to-right and
/// right-to-left marks), the embeddings and overrides U+202A–U+202E and the isolates U+2066–U+2069 (a right-to-left
/// override reordered the rest of the message, "Trojan Source"; a mark moved the neutral characters around it and could
/// not be seen). The set is the runtime's too (Teleport.Data.VisibleText). A formula written over
/// lines ("x⏎* x") was quoted with its line breaks, breaking the message over lines in the error list and the build log;
/// "x\0" printed a raw NUL ("unexpected character ' '").
/// </summary>
internal static class QuotedFormula
{
    public static string Of(string text)
    {
        if (!NeedsEscape(text)) return text;
        var quoted = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsEscaped(c)) quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else quoted.Append(c);
        }
        return quoted.ToString();
    }

    private static bool IsEscaped(char c) => char.IsControl(c) || Literals.IsLineBreak(c) || IsBidiFormatting(c);

    /// <summary>U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: Unicode's Bidi_Control characters, none of them visible.</summary>
    private static bool IsBidiFormatting(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool NeedsEscape(string text)
    {
        foreach (var c in text)
            if (IsEscaped(c)) return true;
        return false;
    }
}
