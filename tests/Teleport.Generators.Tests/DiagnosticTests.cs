using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>One test per diagnostic ID: the right ID, severity, message and place, and no exception.</summary>
public partial class DiagnosticTests
{
    private string _source = "";

    private Diagnostic Single(string id, string source)
    {
        _source = source;
        var output = GeneratorHarness.Run(source);
        var matching = output.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: " + string.Join("; ", output.GeneratorDiagnostics));
        Assert.Equal("Network0.cs", matching[0].Location.GetLineSpan().Path);
        return matching[0];
    }

    /// <summary>The source text the diagnostic points at.</summary>
    private string Underlined(Diagnostic d) => _source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Fact]
    public void TP0001_NotPartial()
    {
        var d = Single("TP0001", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(2)]
            public class Plain { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("'Plain' must be declared partial", d.GetMessage());
        Assert.Equal("Plain", Underlined(d));
    }

    [Fact]
    public void TP0001_ContainingTypeNotPartial()
    {
        var d = Single("TP0001", """
            using Teleport;
            public class Outer
            {
                [Network(Inputs = 4)]
                [Dense(2)]
                public partial class Inner { }
            }
            """);
        Assert.Contains("'Outer' must be declared partial", d.GetMessage());
        Assert.Contains("contains the network 'Inner'", d.GetMessage());
    }

    [Fact]
    public void TP0002_NoLayers()
    {
        var d = Single("TP0002", """
            using Teleport;
            [Network(Inputs = 4)]
            public partial class Empty { }
            """);
        Assert.Contains("declares no [Dense] layers", d.GetMessage());
    }

    [Fact]
    public void TP0003_LayersSplitAcrossDeclarations()
    {
        var d = Single("TP0003", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "relu")]
            public partial class Split { }

            [Dense(2)]
            public partial class Split { }
            """);
        Assert.Contains("split across 2 partial declarations", d.GetMessage());
    }

    [Fact]
    public void TP0004_NonPositiveLayerSize()
    {
        var d = Single("TP0004", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(0)]
            public partial class Zero { }
            """);
        Assert.Equal("Layer 0 units of the network 'Zero' must be a positive number, but is 0", d.GetMessage());
        Assert.Equal("Dense(0)", Underlined(d));
    }

    [Fact]
    public void TP0004_MissingInputs()
    {
        var d = Single("TP0004", """
            using Teleport;
            [Network]
            [Dense(2)]
            public partial class NoInputs { }
            """);
        Assert.StartsWith("Inputs of the network 'NoInputs' must be a positive number, but is 0", d.GetMessage());
    }

    [Fact]
    public void TP0005_SyntaxErrorPointsAtTheCharacter()
    {
        var d = Single("TP0005", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "tanh(x) $ 2")]
            [Dense(2)]
            public partial class Bad { }
            """);
        Assert.Equal("$", Underlined(d));
        Assert.Contains("at character 9 of \"tanh(x) $ 2\"", d.GetMessage());
        Assert.Equal(2, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void TP0005_PositionAccountsForEscapes()
    {
        var d = Single("TP0005", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "\u0078 + ) ")]
            [Dense(2)]
            public partial class Escaped { }
            """);
        Assert.Equal(")", Underlined(d));
    }

    [Theory]
    [InlineData("\\U0001F600 + x")]
    [InlineData("x\\U0001F600")]
    [InlineData("x + \\U0001F600\\u0020")]
    public void TP0005_AnEscapeOfASurrogatePairIsUnderlinedWhole(string formula)
    {
        // \U0001F600 is two value characters (😀, a surrogate pair): counted as one, the underline took the next source
        // character too ("\U0001F600 "), or, at the end, the whole literal.
        var d = Single("TP0005", "using Teleport;\n[Network(Inputs = 4)]\n[Dense(3, Activation = \"" + formula + "\")]\n[Dense(2)]\npublic partial class Emoji { }\n");
        Assert.Contains("unexpected character '😀' (U+1F600)", d.GetMessage());
        Assert.Equal("\\U0001F600", Underlined(d));
    }

    /// <summary>
    /// "At character N" counts characters as the formula's writer does (Unicode scalar values, from 1): a character past
    /// U+FFFF is one, although it is two UTF-16 units, while the underline spans its whole \U escape.
    /// </summary>
    [Theory]
    [InlineData("\\U0001F600 + x", 1)]
    [InlineData("x + \\U0001F600\\u0020", 5)]
    [InlineData("x + (\\U0001D465)", 6)]
    public void TP0005_CountsACharacterPastUFFFFAsOne(string formula, int character)
    {
        var d = Single("TP0005", "using Teleport;\n[Network(Inputs = 4)]\n[Dense(3, Activation = \"" + formula + "\")]\n[Dense(2)]\npublic partial class Wide { }\n");
        Assert.Contains("(at character " + character + " of \"", d.GetMessage());
        Assert.StartsWith("\\U0001", Underlined(d));
        Assert.Equal(10, Underlined(d).Length);
    }

    /// <summary>The '(' a missing ')' would close is named by its character, as the error is: it was its 0-based index, "at position 4".</summary>
    [Fact]
    public void TP0005_AnUnclosedParenthesisIsNamedByItsCharacter()
    {
        var d = Single("TP0005", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "2 * (x + 1")]
            [Dense(2)]
            public partial class Unclosed { }
            """);
        Assert.Contains("where ')' to close the '(' at character 5 was expected (at character 11 of \"2 * (x + 1\")", d.GetMessage());
    }

    [Fact]
    public void TP0006_UnknownFunction()
    {
        var d = Single("TP0006", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "2 * swish(x)")]
            [Dense(2)]
            public partial class Unknown { }
            """);
        Assert.Contains("swish", d.GetMessage());
        Assert.StartsWith("swish", Underlined(d));
    }

    [Fact]
    public void TP0007_WrongArity()
    {
        var d = Single("TP0007", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "max(x)")]
            [Dense(2)]
            public partial class Arity { }
            """);
        Assert.Contains("max", d.GetMessage());
    }

    [Fact]
    public void TP0008_CrossEntropyWithOneOutput()
    {
        var d = Single("TP0008", """
            using Teleport;
            [Network(Inputs = 4, Loss = LossKind.SoftmaxCrossEntropy)]
            [Dense(1)]
            public partial class OneClass { }
            """);
        Assert.Contains("needs at least 2 outputs", d.GetMessage());
    }

    [Fact]
    public void TP0009_ActivationOnLogitsWarns()
    {
        var d = Single("TP0009", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "relu")]
            public partial class Squashed { }
            """);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("\"relu\"", Underlined(d));
    }

    [Fact]
    public void TP0010_GenericClass()
    {
        var d = Single("TP0010", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class Generic<T> { }
            """);
        Assert.Contains("generic network classes are not supported", d.GetMessage());
    }

    [Fact]
    public void TP0010_AbstractClass()
    {
        var d = Single("TP0010", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(2)]
            public abstract partial class Abstract { }
            """);
        Assert.Contains("abstract", d.GetMessage());
    }

    [Fact]
    public void TP0011_UnknownLoss()
    {
        var d = Single("TP0011", """
            using Teleport;
            [Network(Inputs = 4, Loss = (LossKind)7)]
            [Dense(2)]
            public partial class Weird { }
            """);
        Assert.Contains("loss value 7", d.GetMessage());
    }

    [Fact]
    public void TP0012_TooManyParameters()
    {
        var d = Single("TP0012", """
            using Teleport;
            [Network(Inputs = 100000)]
            [Dense(100000)]
            [Dense(2)]
            public partial class Huge { }
            """);
        Assert.Contains("10000300002 parameters", d.GetMessage());
    }

    [Fact]
    public void TP0013_MemberConflict()
    {
        var d = Single("TP0013", """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class Clash { public int Predict() => 0; }
            """);
        Assert.Contains("member named 'Predict'", d.GetMessage());
    }

    [Fact]
    public void TP0014_HiddenLayerWithoutSymmetryIsReported()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "gelu")]
            [Dense(2)]
            public partial class NoSymmetry { }
            """);
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0014");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Contains("Hidden layer 0", d.GetMessage());
        Assert.Single(output.Sources);
    }

    [Fact]
    public void BadDeclarationsNeverThrowAndEmitNothing()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = -3)]
            [Dense(-1, Activation = "((")]
            [Dense(0, Activation = "foo(")]
            public class Everything { }
            """);
        Assert.Empty(output.Sources);
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id.StartsWith("CS8785", System.StringComparison.Ordinal));
        Assert.True(output.GeneratorDiagnostics.Count(d => d.Id.StartsWith("TP", System.StringComparison.Ordinal)) >= 4);
    }

    [Fact]
    public void EveryDescriptorHasAHelpLinkAndDocPage()
    {
        foreach (var field in typeof(Diagnostics.DiagnosticDescriptors).GetFields())
        {
            var descriptor = (DiagnosticDescriptor)field.GetValue(null)!;
            Assert.EndsWith($"docs/diagnostics/{descriptor.Id}.md", descriptor.HelpLinkUri);
        }
    }
}
