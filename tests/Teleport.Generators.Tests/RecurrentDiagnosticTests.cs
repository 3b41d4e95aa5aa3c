using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>The diagnostics of bad recurrent ([Lstm]) declarations: ID, severity, message, place, and nothing thrown.</summary>
public class RecurrentDiagnosticTests
{
    private static (Diagnostic Diagnostic, GeneratorOutput Output, string Source) Single(string id, string source)
    {
        var output = GeneratorHarness.Run(source);
        var matching = output.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: " + string.Join("; ", output.GeneratorDiagnostics));
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id.StartsWith("CS", System.StringComparison.Ordinal));
        return (matching[0], output, source);
    }

    private static string Underlined(Diagnostic d, string source) => source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Fact]
    public void TP0004_ZeroHiddenSize()
    {
        var (d, output, source) = Single("TP0004", """
            using Teleport;
            [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
            [Lstm(0)]
            [Dense(2)]
            public partial class NoUnits { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("Layer 0 hidden size of the network 'NoUnits' must be a positive number, but is 0", d.GetMessage());
        Assert.Equal("Lstm(0)", Underlined(d, source));
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void TP0020_RecurrentLayerAfterDense()
    {
        var (d, output, source) = Single("TP0040", """
            using Teleport;
            [Network(Inputs = 8, Loss = LossKind.MeanSquaredError)]
            [Dense(16, Activation = "tanh")]
            [Lstm(12)]
            [Dense(2)]
            public partial class ProjectedLstm { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("Layer 1 of 'ProjectedLstm' is an [Lstm] after the [Dense] layer 0", d.GetMessage());
        Assert.Equal("Lstm(12)", Underlined(d, source));
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void TP0021_LstmOutputsAsLogitsWarnsAndStillGenerates()
    {
        var (d, output, source) = Single("TP0041", """
            using Teleport;
            [Network(Inputs = 6, Loss = LossKind.SoftmaxCrossEntropy)]
            [Lstm(4)]
            public partial class BoundedLogits { }
            """);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("The last layer of 'BoundedLogits' (layer 0) is an [Lstm]", d.GetMessage());
        Assert.Equal("Lstm(4)", Underlined(d, source));
        output.AssertCompilesCleanlyExcept("TP0041");
        Assert.Single(output.Sources);
    }

    [Fact]
    public void TP0013_RecurrentMembersAreReserved()
    {
        var (d, _, _) = Single("TP0013", """
            using Teleport;
            [Network(Inputs = 3, Loss = LossKind.MeanSquaredError)]
            [Lstm(2)]
            [Dense(1)]
            public partial class Clash { public void Step() { } }
            """);
        Assert.Contains("member named 'Step'", d.GetMessage());
    }

    [Fact]
    public void RecurrentMemberNamesAreFreeOnDenseNetworks()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 3)]
            [Dense(2)]
            public partial class Dense { public void Step() { } }
            """);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void EveryBadRecurrentDeclarationAtOnceNeverThrows()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 0)]
            [Dense(3)]
            [Lstm(-2, Bias = false)]
            [Lstm(0)]
            public class Everything { }
            """);
        Assert.Empty(output.Sources);
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id.StartsWith("CS8785", System.StringComparison.Ordinal));
        Assert.Equal(2, output.GeneratorDiagnostics.Count(d => d.Id == "TP0040"));
        Assert.Equal(3, output.GeneratorDiagnostics.Count(d => d.Id == "TP0004"));
    }
}
