using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

// Types the generator cannot add to or create: file-local (TP0010), derived from a network (TP0010), and
// new T() that does not compile (TP0019: a required member, an ambiguous call, an obsolete constructor).
public partial class DiagnosticTests
{
    [Theory]
    [InlineData("file partial class Net { }", "file-local types cannot be networks")]
    [InlineData("file partial class Outer { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } }", "it is nested in the file-local type 'Outer'")]
    public void TP0010_FileLocalType(string type, string reason)
    {
        // Generated a second, non-file type Net: the user's class got nothing.
        var attributed = type.StartsWith("file partial class Net", System.StringComparison.Ordinal) ? "[Network(Inputs = 4)] [Dense(2)] " + type : type;
        var d = Single("TP0010", "using Teleport;\n" + attributed + "\n");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("'Net' cannot be a network: " + reason, d.GetMessage());
        Assert.Equal("Net", Underlined(d));
    }

    [Fact]
    public void TP0010_DerivedFromANetwork()
    {
        // B's generated members hid A's: 25 CS0108 warnings in generated code.
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class A { }
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class B : A { }
            """);
        var d = Assert.Single(output.GeneratorDiagnostics, d => d.Id == "TP0010");
        Assert.Contains("'B' cannot be a network: a network cannot derive from another network ('A')", d.GetMessage());
        Assert.Single(output.Sources);
        Assert.Empty(output.CompilationDiagnostics);
    }

    [Theory]
    [InlineData("public partial class Net { public required int Seed { get; init; } }",
        "it declares the required member 'Seed', which new Net() does not set", "Seed")]
    [InlineData("public partial class Net : Base { }",
        "it inherits from 'Base' the required member 'Seed', which new Net() does not set", "Net")]
    [InlineData("public partial class Net { public Net(int a = 1) { } public Net(string s = \"\") { } }",
        "its constructors Net(int) and Net(string) can both be called without arguments, so new Net() is ambiguous", "Net")]
    [InlineData("public partial class Net { [System.Obsolete(\"use Create\", true)] public Net() { } }",
        "its constructor Net() is [Obsolete] as an error", "Net")]
    public void TP0019_NewTDoesNotCompile(string type, string reason, string underlined)
    {
        // Each passed TP0019 and put its error (CS9035, CS0121, CS0619) in the generated code.
        var d = Single("TP0019", $$"""
            using Teleport;
            public class Base { public required int Seed { get; init; } }
            [Network(Inputs = 4)]
            [Dense(2)]
            {{type}}
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("create 'Net' with new Net(), which does not compile: " + reason, d.GetMessage());
        Assert.Equal(underlined, Underlined(d));
    }

    [Theory]
    [InlineData("public partial class Net { public required int Seed { get; init; } [System.Diagnostics.CodeAnalysis.SetsRequiredMembers] public Net() { Seed = 1; } }")]
    [InlineData("public partial class Net { public Net() { } public Net(int a = 1) { } }")]
    [InlineData("public partial class Net { [System.Obsolete(\"prefer Create\")] public Net() { } }")]
    public void NewTThatCompilesIsNotTP0019(string type)
    {
        var output = GeneratorHarness.Run($"using Teleport;\n[Network(Inputs = 4)]\n[Dense(2)]\n{type}\n");
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id == "TP0019");
        Assert.Single(output.Sources);
        Assert.DoesNotContain(output.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
