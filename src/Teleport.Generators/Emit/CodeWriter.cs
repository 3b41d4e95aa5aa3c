using System;
using System.Text;

namespace Teleport.Generators.Emit;

/// <summary>The one writer all emitted text goes through: indentation, blocks, invariant numbers.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes several lines (split on '\n'), each indented.</summary>
    public CodeWriter Lines(string text)
    {
        foreach (var line in text.Split('\n')) Line(line.TrimEnd('\r'));
        return this;
    }

    /// <summary>Opens a braced block; dispose the result to close it.</summary>
    public Block Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Block(this);
    }

    /// <summary>Writes an XML doc summary (and remarks when given), escaping XML.</summary>
    public CodeWriter Doc(string summary, string? remarks = null)
    {
        Line("/// <summary>" + Xml(summary) + "</summary>");
        if (remarks is null) return this;
        Line("/// <remarks>");
        foreach (var line in remarks.Split('\n')) Line("/// " + Xml(line.TrimEnd('\r')) + (line.Length > 0 ? "<br/>" : ""));
        Line("/// </remarks>");
        return this;
    }

    /// <summary>
    /// Text for one line of a doc comment: XML escaped, and each of C#'s line breaks (\r, \n, U+0085, U+2028, U+2029) a
    /// space. A formula written over lines ("tanh(x)⏎+ x") ended the comment there and left the rest as code.
    /// </summary>
    public static string Xml(string text) => Literals.OneLine(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public override string ToString() => _builder.ToString();

    internal readonly struct Block : IDisposable
    {
        private readonly CodeWriter _writer;

        public Block(CodeWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}");
        }
    }
}
