using System.Globalization;
using System.Linq;
using System.Text;
using Teleport.Data;

namespace Teleport.Cli.Reports.Markdown;

/// <summary>
/// Text from a record, made literal for report.md: a record is a file anyone may edit, and what it holds must read back
/// as the same characters, not as Markdown, HTML or terminal control. Found by a bad-input sweep: a model name of
/// <c>&lt;img …&gt;</c>, <c>**x**</c> or an ESC sequence went into the page as it was.
/// </summary>
internal static class MarkdownText
{
    /// <summary>A name such as a file's as a code span, or as <see cref="Inline"/> text when a backtick, a pipe (a table cell's edge even inside a span) or a control character or bidirectional override would break the span.</summary>
    public static string Code(string text) =>
        text.Length > 0 && text.IndexOfAny(['`', '|']) < 0 && !text.Any(VisibleText.IsHidden) ? $"`{text}`" : Inline(text);

    /// <summary>
    /// <paramref name="text"/> on one line with every character CommonMark could read as markup backslash-escaped
    /// (<c>\ ` * &lt; &gt; | &amp; ~</c>; <c>_</c> where it may start or end emphasis, not between two letters or digits, so
    /// <c>optimizer_settings</c> stays as it is; the <c>(</c> of <c>](</c>, so no link forms, while an array such as
    /// <c>[0.9, 0.999]</c> stays as it is — a reference link needs a definition, which cannot start a line here), line
    /// breaks as spaces, and control characters and bidirectional overrides (the tool's one list, <see cref="VisibleText.IsHidden"/>)
    /// as their code, <c>U+001B</c>, <c>U+202E</c>: an override reordered the rest of the line in a rendered page.
    /// </summary>
    public static string Inline(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                result.Append(' ');
            }
            else if (VisibleText.IsHidden(c)) result.Append(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
            else if (c is '\\' or '`' or '*' or '<' or '>' or '|' or '&' or '~' || (c == '(' && i > 0 && text[i - 1] == ']')
                     || (c == '_' && !(i > 0 && char.IsLetterOrDigit(text[i - 1]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))))
                result.Append('\\').Append(c);
            else result.Append(c);
        }
        return result.ToString();
    }
}
