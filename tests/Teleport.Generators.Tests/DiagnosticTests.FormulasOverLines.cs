using Microsoft.CodeAnalysis;
using Teleport.Testing;

namespace Teleport.Generators.Tests;

/// <summary>
/// Every message that quotes a formula written over lines quotes it on one line, each line break as its C# escape \uXXXX:
/// TP0014, TP0024 and TP0025 quoted the formula with its raw line breaks, so the error list and the build log showed the
/// message broken over lines; TP0005 escaped \n but not U+2028 or U+2029.
/// </summary>
public partial class DiagnosticTests
{
    /// <summary>Each line break C# reads as one: its escape in a C# literal, and the \uXXXX a message shows for it.</summary>
    public static TheoryData<string, string> LineBreaks => new()
    {
        { "\\n", "\\u000a" },
        { "\\r\\n", "\\u000d\\u000a" },
        { "\\u0085", "\\u0085" },
        { "\\u2028", "\\u2028" },
        { "\\u2029", "\\u2029" },
    };

    private static void AssertOneLine(Diagnostic d)
    {
        var message = d.GetMessage();
        Assert.True(message.IndexOfAny(new[] { '\r', '\n', '\u0085', '\u2028', '\u2029' }) < 0, d.Id + " quotes a line break: " + message);
    }

    [Theory]
    [MemberData(nameof(LineBreaks))]
    public void TP0014_QuotesAFormulaOverLinesOnOneLine(string written, string shown)
    {
        // x·x is not monotone (σ(−x) = σ(x)) nor positively homogeneous: no symmetry, and the message quotes σ.
        var d = Single("TP0014", Network("\"x" + written + "*x\""));
        AssertOneLine(d);
        Assert.True(d.GetMessage().Contains("(σ = x" + shown + "*x)"), d.GetMessage());
    }

    [Fact]
    public void TP0014_QuotesARawStringOverLinesOnOneLine()
    {
        var d = Single("TP0014", "using Teleport;\n[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]\n"
            + "[Dense(3, Activation = \"\"\"\n    x\n      * x\n    \"\"\")]\n[Dense(2)]\npublic partial class Raw { }\n");
        AssertOneLine(d);
        Assert.True(d.GetMessage().Contains("(σ = x\\u000a  * x)"), d.GetMessage());
    }

    [Theory]
    [MemberData(nameof(LineBreaks))]
    public void TP0025_QuotesAFormulaOverLinesOnOneLine(string written, string shown)
    {
        var d = Single("TP0025", Network("\"log(" + written + "x)\""));
        AssertOneLine(d);
        Assert.True(d.GetMessage().Contains("(\"log(" + shown + "x)\")"), d.GetMessage());
    }

    [Theory]
    [MemberData(nameof(LineBreaks))]
    public void TP0024_OnTheWholeFormulaQuotesItOnOneLine(string written, string shown)
    {
        // No one sub-formula holds the +∞ the simplifier made, so the message quotes the formula from character 1.
        var d = Single("TP0024", Network("\"(x*1e308)" + written + "*1e308\""));
        AssertOneLine(d);
        Assert.EndsWith("(at character 1 of \"(x*1e308)" + shown + "*1e308\")", d.GetMessage());
    }

    [Theory]
    [MemberData(nameof(LineBreaks))]
    public void TP0005_QuotesAFormulaOverLinesOnOneLine(string written, string shown)
    {
        var d = Single("TP0005", Network("\"x +" + written + "$\""));
        AssertOneLine(d);
        Assert.True(d.GetMessage().Contains("of \"x +" + shown + "$\")"), d.GetMessage());
    }

    /// <summary>
    /// Every bidirectional formatting character (Unicode's Bidi_Control) in a formula is quoted as its escape: raw, an
    /// override or isolate reordered the rest of the message, and a mark (U+061C, U+200E, U+200F) moved the characters
    /// around it, unseen. The three marks were quoted raw.
    /// </summary>
    [Theory]
    [MemberData(nameof(BidiControls.Cases), MemberType = typeof(BidiControls))]
    public void TP0005_QuotesABidiFormattingCharacterAsItsEscape(char bidi)
    {
        var escape = "\\u" + ((int)bidi).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        var d = Single("TP0005", Network("\"x +" + escape + "1\""));
        Assert.True(d.GetMessage().Contains("unexpected character '" + escape + "'"), d.GetMessage());
        Assert.True(d.GetMessage().Contains("of \"x +" + escape + "1\")"), d.GetMessage());
        Assert.DoesNotContain(bidi, d.GetMessage());
    }
}
