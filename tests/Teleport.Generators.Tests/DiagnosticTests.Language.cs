using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Teleport.Generators.Tests;

// What the project's C# must allow: the generated code uses file-local types (C# 11), TP0021 before that.
public partial class DiagnosticTests
{
    private const string TwoNetworks = """
        using Teleport;
        [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
        [Dense(3, Activation = "softplus")]
        [Dense(2)]
        public partial class GlobalNet { }

        [Network(Inputs = 3)]
        [Dense(2)]
        public partial class Other { }
        """;

    [Theory]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    [InlineData(LanguageVersion.CSharp8, "8.0")]
    public void TP0021_LanguageVersionTooOld(LanguageVersion version, string shown)
    {
        var output = GeneratorHarness.Run(new CSharpParseOptions(version), TwoNetworks);
        // One error per network, at its [Network] attribute; no generated code, so nothing fails to compile in it.
        var found = output.GeneratorDiagnostics.Where(d => d.Id == "TP0021").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(found, d => Assert.Contains($"C# 11 or later is required: the code Teleport generates for this network uses file-local types, but the project compiles as C# {shown}", d.GetMessage()));
        Assert.StartsWith("Network(Inputs = 4", TwoNetworks.Substring(found[0].Location.SourceSpan.Start, found[0].Location.SourceSpan.Length));
        Assert.StartsWith("Network(Inputs = 3", TwoNetworks.Substring(found[1].Location.SourceSpan.Start, found[1].Location.SourceSpan.Length));
        Assert.Empty(output.Sources);
        Assert.Empty(output.CompilationDiagnostics);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.Latest)]
    [InlineData(LanguageVersion.LatestMajor)]
    [InlineData(LanguageVersion.Preview)]
    [InlineData(LanguageVersion.Default)]
    public void TP0021_NotReportedFromCSharp11(LanguageVersion version)
    {
        var output = GeneratorHarness.Run(new CSharpParseOptions(version), TwoNetworks).AssertCompilesCleanlyExcept("TP0014");
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id == "TP0021");
        Assert.Equal(2, output.Sources.Length);
    }
}
