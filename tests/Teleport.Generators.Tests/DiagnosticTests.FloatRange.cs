using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// Constants below float's normal range: the float network writes each constant as a float literal, so 1e-50 is <c>0f</c>
/// there while the Float64 twin keeps <c>1E-50d</c>. Only constants beyond float.MaxValue were TP0018; these were silent.
/// Both kinds are reported at the constant where the user wrote it.
/// </summary>
public partial class DiagnosticTests
{
    [Theory]
    [InlineData("x + 1e-50*x^3", "1e-50", "1E-50")]
    // elu(1e-50) was here: its σ⁻¹ = log1p(1e50·y) for y ≤ 0 is ∞·0 = NaN at y = 0 in the float S3 kernel, TP0024 now
    // (DiagnosticTests.FloatOverflow); in a convolution, which emits no σ⁻¹, it is still this warning (TP0018_InAConvolutionsActivation).
    // A product chain's constants combine before they reach the code: the chain is where 1e-60 was written.
    [InlineData("x + x^3*1e-30*1e-30", "x^3*1e-30*1e-30", "1.0000000000000001E-60")]
    [InlineData("x - 1e-50*x^3", "1e-50", "1E-50")]
    public void TP0018_ConstantThatFloatRoundsToZeroIsAWarningWhereItWasWritten(string formula, string underlined, string value)
    {
        var d = Single("TP0018", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(underlined, Underlined(d));
        Assert.True(d.GetMessage().Contains("holds the constant " + value + ", below float's normal range (1.1754944E-38 to 3.4028235E+38): "
            + "float rounds it to 0, so the float network computes with 0 there (its Float64 twin with the value)"), d.GetMessage());
        Assert.Contains("rescale the formula", d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.Empty(output.CompilationDiagnostics);
        Assert.Single(output.Sources);
    }

    [Fact]
    public void TP0018_TheFloatCodeHoldsZeroWhereTheTwinHoldsTheConstant()
    {
        // What the warning says, in the emitted text: each constant is a literal of the element type.
        Single("TP0018", Network("\"x + 1e-50*x^3\""));
        var code = GeneratorHarness.Run(_source).SingleSource;
        Assert.Contains("return a0 + 0f * (a0 * a0 * a0);", code);
        Assert.Contains("return a0 + 1E-50d * (a0 * a0 * a0);", code);
    }

    [Fact]
    public void TP0018_ConstantTheSimplifierMadeIsReportedOnTheFormula()
    {
        // x + (1e-20*x)^3 is x + 1e-60·x³ once simplified: no written constant is 1e-60, so the whole formula is underlined.
        var d = Single("TP0018", Network("\"x + (1e-20*x)^3\""));
        Assert.Equal("\"x + (1e-20*x)^3\"", Underlined(d));
        Assert.Contains("holds the constant 9.999999999999998E-61, below float's normal range", d.GetMessage());
    }

    [Fact]
    public void TP0018_SubnormalConstantSaysHowManyBitsAreLeft()
    {
        var d = Single("TP0018", Network("\"x + 1e-40*x^3\""));
        Assert.Equal("1e-40", Underlined(d));
        Assert.True(d.GetMessage().Contains("holds the constant 1E-40, below float's normal range (1.1754944E-38 to 3.4028235E+38): float rounds it to the subnormal "
            + "9.9999461E-41, which keeps 17 of float's 24 significant bits, so the float network computes with that subnormal there"), d.GetMessage());
        Assert.Contains("return a0 + 1E-40f * (a0 * a0 * a0);", GeneratorHarness.Run(_source).SingleSource);
    }

    [Theory]
    [InlineData("1e-50*x", "1e-50", "1e-50")]
    [InlineData("tanh(1e-50*x)", "1e-50", "1e-50")]
    [InlineData("x*1e-30*1e-30", "x*1e-30*1e-30", "1.0000000000000001e-60")]
    [InlineData("(1e-20*x)^3", "\"(1e-20*x)^3\"", "9.999999999999998e-61")]
    public void TP0015_ASigmaConstantInFloatOnlyIsRefusedAtTheConstant(string formula, string underlined, string value)
    {
        // 1e-50·x is 0·x in the float code: the float network (the one that trains) passes no gradient through the layer, as
        // for a σ constant in double. It was a TP0018 warning; the network built and trained nothing before the layer.
        var d = Single("TP0015", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(underlined, Underlined(d));
        Assert.Contains("is the constant 0 in float, where the constant " + value + " rounds to 0 (the Float64 twin keeps it, but the float network is the one that trains)", d.GetMessage());
    }

    [Theory]
    [InlineData("x*1e-50*1e50")]
    [InlineData("x - 1e-50*x")]
    [InlineData("x + 1e-30*x^3")]
    public void TP0018_NotReportedWhenTheCodeHoldsNoSuchConstant(string formula)
    {
        // 1e-50·1e50 is 1 and x − 1e-50·x is x in double already; 1e-30 is a normal float.
        var output = GeneratorHarness.Run(Network("\"" + formula + "\""));
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id is "TP0018" or "TP0024");
    }

    [Fact]
    public void TP0018_InAConvolutionsActivation()
    {
        // A dense elu(1e-50) is TP0024 (its float σ⁻¹ kernel is NaN at y = 0); a convolution's elu gets no symmetry, so no σ⁻¹
        // is emitted, and the float code computes with 0 in 1e-50's place: the warning.
        var d = Single("TP0018", """
            using Teleport;
            [Network(Inputs = 16, InputShape = new[] { 1, 4, 4 })]
            [Conv2d(2, Kernel = 3, Padding = 1, Activation = "elu(1e-50)")]
            [Dense(2)]
            public partial class TinyElu { }
            """);
        Assert.Equal("1e-50", Underlined(d));
        Assert.Contains("float rounds it to 0", d.GetMessage());
    }

    [Theory]
    // σ′ = 1e-50·x/sqrt(1e-50·x² + 1e-50) + 1 is 0·x/sqrt(0·x² + 0) + 1 in float: 0/0 for every input.
    [InlineData("x + sqrt(1e-50 + 1e-50*x^2)", "1e-50", "σ′ = 1e-50·x / sqrt(1e-50·x^2 + 1e-50) + 1", "0·x / sqrt(0·x^2 + 0) divides by 0")]
    [InlineData("log(1e-50 + 1e-50*x^2)", "1e-50", "σ = log(1e-50·x^2 + 1e-50)", "log(0·x^2 + 0) is −∞")]
    [InlineData("x + x/(1e-50 + 1e-50*x^2)", "1e-50", "σ = x + x / (1e-50·x^2 + 1e-50)", "x / (0·x^2 + 0) divides by 0")]
    // 1e50 alone was TP0018 (±∞ in float); with 1e-50 rounded to 0 the float σ is ∞·tanh(0) = NaN everywhere.
    [InlineData("1e50*tanh(1e-50*x)", "1e-50", "σ = 1e+50·tanh(1e-50·x)", "∞·tanh(0·x) is NaN")]
    public void TP0024_ConstantThatFloatRoundsToZeroMakesTheFloatCodeUndefined(string formula, string underlined, string shown, string what)
    {
        // The float network would compute NaN or ±∞ where its Float64 twin computes a number: an error, and no code.
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(underlined, Underlined(d));
        Assert.True(d.GetMessage().Contains("The activation of layer 0 is undefined: in float, " + shown + ", which holds the constant 1e-50: "
            + "float rounds it to 0, and with 0 there the float code's " + what + "; the Float64 twin keeps the value"), d.GetMessage());
        Assert.Contains("rescale the formula", d.GetMessage());
        Assert.Contains("(at character " + (formula.IndexOf(underlined, System.StringComparison.Ordinal) + 1) + " of \"" + formula + "\")", d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.Empty(output.Sources);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0018");
    }

    [Fact]
    public void TP0024_UndefinedInFloatByAConstantTheSimplifierMadeIsReportedOnTheFormula()
    {
        // 1e-25·(1e-25 + 1e-25·x²) is 1e-50 + 1e-50·x² once simplified; no written constant is 1e-50.
        const string formula = "log(1e-25*(1e-25 + 1e-25*x^2))";
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal("\"" + formula + "\"", Underlined(d));
        Assert.Contains("float rounds it to 0", d.GetMessage());
        Assert.Contains("no constant written in the formula has that value", d.GetMessage());
        Assert.EndsWith("(at character 1 of \"" + formula + "\")", d.GetMessage());
        Assert.Empty(GeneratorHarness.Run(_source).Sources);
    }
}
