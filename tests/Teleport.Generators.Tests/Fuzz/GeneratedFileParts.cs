using System;
using System.Linq;
using System.Text.RegularExpressions;

namespace Teleport.Generators.Tests.Fuzz;

/// <summary>
/// A generated file cut in the two parts the fuzz compiles separately: the network class (its text depends on
/// the names, the layer structure and the symmetries, not on the formulas' expressions) and the file-local
/// operator structs after it (the only code that holds σ, σ′, σ″), with the file's header (namespace) to
/// put them in their place.
/// </summary>
internal sealed record GeneratedFileParts(string Header, string Class, string Operators)
{
    private static readonly Regex Numbers = new(@"\b\d+\b", RegexOptions.CultureInvariant);

    public static GeneratedFileParts Of(string text)
    {
        var lines = text.Split('\n');
        var firstOperator = Array.FindIndex(lines, l => l.StartsWith("file readonly struct ", StringComparison.Ordinal));
        if (firstOperator < 0) firstOperator = lines.Length;
        while (firstOperator > 0 && (lines[firstOperator - 1].StartsWith("///", StringComparison.Ordinal) || lines[firstOperator - 1].StartsWith("[", StringComparison.Ordinal))) firstOperator--;
        var bodyStart = Array.FindIndex(lines, l => l.StartsWith("partial ", StringComparison.Ordinal) || l.StartsWith("///", StringComparison.Ordinal) || l.StartsWith("[", StringComparison.Ordinal));
        if (bodyStart < 0 || bodyStart > firstOperator) bodyStart = firstOperator;
        return new GeneratedFileParts(
            string.Join("\n", lines.Take(bodyStart)),
            string.Join("\n", lines.Skip(bodyStart).Take(firstOperator - bodyStart)),
            string.Join("\n", lines.Skip(firstOperator)));
    }

    /// <summary>
    /// Where the class lives: the header (namespace) and the declarations of the enclosing types and the class
    /// (names, kinds, base list), the case tag written alike. Errors from names show up with any layer structure.
    /// </summary>
    public string ContextKey(int tag) =>
        Normalize(tag, Header.Split('\n').Where(l => !IsComment(l)).Concat(Class.Split('\n').Where(IsDeclaration)));

    /// <summary>
    /// The class's code with its names, comments and integers written alike: the layer structure, loss,
    /// symmetries and operator names. Two files with equal keys differ only in names, sizes and doc text.
    /// </summary>
    public string ShapeKey(int tag)
    {
        var names = Class.Split('\n').Where(IsDeclaration)
            .Select(l => l.Trim().Split(' ').Skip(1).First(w => w is not ("class" or "struct" or "record" or "interface"))).ToList();
        var code = Class.Split('\n').Where(l => !IsComment(l) && !IsDeclaration(l));
        var text = Normalize(tag, code);
        foreach (var name in names) text = Regex.Replace(text, @"(?<![\w@])@?" + Regex.Escape(name.TrimStart('@')) + @"(?!\w)", "T");
        return text;
    }

    private static bool IsDeclaration(string line) => line.TrimStart().StartsWith("partial ", StringComparison.Ordinal);

    private static bool IsComment(string line) => line.TrimStart().StartsWith("//", StringComparison.Ordinal);

    private static string Normalize(int tag, System.Collections.Generic.IEnumerable<string> lines) =>
        Numbers.Replace(string.Join("\n", lines).Replace("Fz" + tag.ToString(System.Globalization.CultureInfo.InvariantCulture), "Fz#"), "0");
}
