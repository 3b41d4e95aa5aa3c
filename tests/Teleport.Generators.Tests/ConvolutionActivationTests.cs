using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// A [Conv2d]'s activation is checked as a [Dense]'s is (the sweep found the checks that ran on dense layers only): a σ
/// undefined at some input is TP0025, and a σ past the CAS's bounds is TP0017 quoting the formula, refused before any
/// derivative is taken.
/// </summary>
public class ConvolutionActivationTests
{
    private static string Convolution(string activation) => $$"""
        using Teleport;
        [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]
        [Conv2d(2, Kernel = 3, Padding = 1, Activation = "{{activation}}")]
        [Dense(2)]
        public partial class Net { }
        """;

    private static string Underlined(GeneratorOutput output, Diagnostic d) =>
        output.Compilation.SyntaxTrees.First().GetText().ToString(d.Location.SourceSpan);

    [Theory]
    [InlineData("log(x)", "at x = −1, log(x) is the log of −1")]
    [InlineData("sqrt(x) + x", "sqrt(x) is the sqrt of −")]
    [InlineData("1/x", "at x = 0, 1 / x divides by 0")]
    public void AConvolutionActivationUndefinedForSomeInputsIsTP0025(string activation, string where)
    {
        // Only TP0037 (no channel symmetry) was reported: the network built and computed NaN for such pre-activations.
        var output = GeneratorHarness.Run(Convolution(activation));
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0025");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains($"The activation of layer 0 of 'Net' (\"{activation}\") is undefined for some inputs", d.GetMessage());
        Assert.Contains(where, d.GetMessage());
        Assert.Equal($"\"{activation}\"", Underlined(output, d));
        output.AssertCompilesCleanlyExcept("TP0025");
    }

    [Fact]
    public void AConvolutionActivationTooLargeIsTP0017QuotingTheFormula()
    {
        // It quoted an empty formula ('of 'Net' ("") is too complex') and went on to differentiate σ, which only its
        // derivative's bound stopped; a dense layer's σ is refused by its size first.
        var relu = string.Concat(Enumerable.Repeat("relu(", 12)) + "x" + new string(')', 12);
        var output = GeneratorHarness.Run(Convolution(relu));
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0017");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains($"The activation of layer 0 of 'Net' (\"{relu}\") is too complex to derive: it expands to 16381 terms", d.GetMessage());
        Assert.Equal($"\"{relu}\"", Underlined(output, d));
        Assert.Empty(output.Sources);
    }
}
