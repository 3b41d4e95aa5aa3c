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
    /// The class's code with comments dropped, the case tag and every integer written alike: two cases with
    /// equal keys differ only in sizes, offsets and doc text, which bind alike (sizes past int's range are
    /// refused before emission, TP0012), so one of them compiling in full stands for both.
    /// </summary>
    public string ClassKey(int tag)
    {
        var code = (Header + "\n" + Class).Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        return Numbers.Replace(string.Join("\n", code).Replace("Fz" + tag.ToString(System.Globalization.CultureInfo.InvariantCulture), "Fz#"), "0");
    }
}
