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
    public void TP0040_RecurrentLayerAfterDense()
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
    public void TP0041_LstmOutputsAsLogitsWarnsAndStillGenerates()
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

    [Theory]
    [InlineData("[Lstm(16)]\n[MaxPool2d(2)]\n[Dense(2)]", "MaxPool2d(2)", "Layer 1 of 'Mixed' is a [MaxPool2d] layer, but layer 0 is an [Lstm] layer")]
    [InlineData("[Conv2d(2, Activation = \"relu\")]\n[Lstm(4)]\n[Dense(2)]", "Lstm(4)", "Layer 1 of 'Mixed' is an [Lstm] layer, but layer 0 is a [Conv2d] layer")]
    [InlineData("[Lstm(4)]\n[Lstm(4)]\n[AvgPool2d(2)]\n[Conv2d(1)]", "AvgPool2d(2)", "Layer 2 of 'Mixed' is an [AvgPool2d] layer, but layer 0 is an [Lstm] layer")]
    public void TP0042_RecurrentAndImageLayersCombined(string layers, string underlined, string message)
    {
        // Threw "No recurrent lowering for this layer kind" (CS8785) and took every network's code with it.
        var (d, output, source) = Single("TP0042", $$"""
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]
            {{layers}}
            public partial class Mixed { }
            """);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains(message, d.GetMessage());
        Assert.Equal(underlined, Underlined(d, source));
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void TP0042_LeavesTheOtherNetworksGenerated()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            namespace Demo;
            [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
            [Dense(3, Activation = "tanh")]
            [Dense(2)]
            public partial class Good { }
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]
            [Lstm(16)]
            [MaxPool2d(2)]
            [Dense(2)]
            public partial class Bad { }
            public static class Use { public static int N => Good.ParameterCount; }
            """);
        Assert.Single(output.GeneratorDiagnostics, d => d.Id == "TP0042");
        Assert.Single(output.Sources);
        Assert.Empty(output.CompilationDiagnostics);
    }

    /// <summary>Every sequence of one or two layer kinds either generates code that compiles or is refused with a TP error; none throws.</summary>
    public static TheoryData<string> LayerSequences()
    {
        var kinds = new[] { "[Dense(4)]", "[Conv2d(2, Kernel = 1)]", "[AvgPool2d(2)]", "[Lstm(3)]" };
        var data = new TheoryData<string>();
        foreach (var a in kinds)
        {
            data.Add(a);
            foreach (var b in kinds) data.Add(a + "\n" + b);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LayerSequences))]
    public void NoSequenceOfLayerKindsThrows(string layers)
    {
        var output = GeneratorHarness.Run($$"""
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]
            {{layers}}
            public partial class Sequence { }
            """);
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        if (output.Sources.IsEmpty)
            Assert.Contains(output.GeneratorDiagnostics, d => d.Id.StartsWith("TP", System.StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        else
            Assert.Empty(output.CompilationDiagnostics);
    }
}
