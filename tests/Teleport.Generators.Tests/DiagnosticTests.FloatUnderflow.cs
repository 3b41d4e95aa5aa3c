using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// A constant below float's normal range is 0f (or a subnormal) in the float code. Where that only changes the values the
/// float network computes it is the warning TP0018; where it makes the float code NaN at some finite input — 0/0 where double
/// divides by the constant, 0·(−∞) where it takes its log, 0·∞ where a subnormal's reciprocal is beyond float's range — and
/// the Float64 twin computes a number there, it is the error TP0024, at the constant where it was written, with the input.
/// x + sqrt(1e-50 + x²) was TP0018 ("σ′ is then undefined in float for some inputs"), and its float σ′(0) = 0/0 is NaN.
/// </summary>
public partial class DiagnosticTests
{
    [Theory]
    // σ′ = 1 + x/sqrt(x² + 1e-50) is 1 + x/sqrt(x² + 0) in float: 0/0 at x = 0.
    [InlineData("x + sqrt(1e-50 + x^2)", "σ′ = x / sqrt(x^2 + 1e-50) + 1", "at x = 0 the float code's x / sqrt(x^2 + 0) is 0/0 = NaN, where the Float64 twin computes 1")]
    // log(0)·0: log of the rounded constant, times x = 0.
    [InlineData("x + x*log(x^2 + 1e-50)", "σ = x + x·log(x^2 + 1e-50)", "at x = 0 the float code's x·log(x^2 + 0) is 0·(−∞) = NaN, where the Float64 twin computes 0")]
    // The constant only compared: x ≥ 0 holds at x = 0 in float, and the branch taken there is 0·log(0).
    [InlineData("where(x >= 1e-50, x*log(x), 0)", "σ = where(x >= 1e-50, x·log(x), 0)", "at x = 0 the float code's x·log(x) is 0·(−∞) = NaN, where the Float64 twin computes 0")]
    // σ = x + 1/(x² + 1e-50) is +∞ at x = 0 in float, a number elsewhere; σ′ = 1 − 2x/(x² + 1e-50)² is 0/0 there.
    [InlineData("x + 1/(x^2 + 1e-50)", "σ′ = 1 − 2·x / (x^2 + 1e-50)^2", "at x = 0 the float code's 2·x / (x^2 + 0)^2 is 0/0 = NaN, where the Float64 twin computes 1")]
    public void TP0024_ConstantBelowFloatThatMakesNaNAtSomeInputIsAnErrorWhereItWasWritten(string formula, string shown, string what)
    {
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("1e-50", Underlined(d));
        Assert.True(d.GetMessage().Contains("The activation of layer 0 is undefined: in float, " + shown + ", which holds the constant 1e-50, "
            + "below float's normal range (1.1754944E-38 to 3.4028235E+38): float rounds it to 0, and " + what), d.GetMessage());
        Assert.Contains("rescale the formula", d.GetMessage());
        Assert.Contains("(at character " + (formula.IndexOf("1e-50", System.StringComparison.Ordinal) + 1) + " of \"" + formula + "\")", d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.Empty(output.Sources);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0018");
    }

    [Fact]
    public void TP0024_ASubnormalWhoseReciprocalIsBeyondFloatInTheGradientsKernel()
    {
        // 1e-40 is a subnormal in float, nonzero: σ, σ′ and σ″ of x + x/(x² + 1e-40) compute no NaN at a sample input. But
        // σ′(0) = 1/1e-40 + 1 is 1e40 in double, +∞ in float, and the gradient's kernel σ′(z)·v is ∞·0 where v is 0.
        const string formula = "x + x/(x^2 + 1e-40)";
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("1e-40", Underlined(d));
        Assert.True(d.GetMessage().Contains("in float, the gradient's kernel σ′(z)·v = "), d.GetMessage());
        Assert.True(d.GetMessage().Contains("which holds the constant 1e-40, below float's normal range (1.1754944E-38 to 3.4028235E+38): "
            + "float rounds it to the subnormal 9.9999461E-41, which keeps 17 of float's 24 significant bits, and at a0 = 0, a1 = 0 the float code's "), d.GetMessage());
        Assert.True(d.GetMessage().Contains(" is 0·∞ = NaN, where the Float64 twin computes 0"), d.GetMessage());
        Assert.Empty(GeneratorHarness.Run(_source).Sources);
    }

    [Fact]
    public void TP0024_AConstantBelowFloatTheSimplifierMadeIsReportedOnTheFormula()
    {
        // 1e-25·(1e-25 + x²) is 1e-25·x² + 1e-50 once simplified; no written constant is 1e-50, and 1e-25 is a normal float.
        const string formula = "x + sqrt(1e-25*(1e-25 + x^2))";
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal("\"" + formula + "\"", Underlined(d));
        Assert.True(d.GetMessage().Contains("which holds the constant 1.0000000000000001e-50, below float's normal range"), d.GetMessage());
        Assert.True(d.GetMessage().Contains("at x = 0 the float code's "), d.GetMessage());
        Assert.True(d.GetMessage().Contains(" is 0/0 = NaN, where the Float64 twin computes 1"), d.GetMessage());
        Assert.Contains("no constant written in the formula has that value", d.GetMessage());
        Assert.EndsWith("(at character 1 of \"" + formula + "\")", d.GetMessage());
        Assert.Empty(GeneratorHarness.Run(_source).Sources);
    }

    [Theory]
    // Values only: 0·x³ is 0 for every sample input (float's x³ is ∞ only past |x| = 7e12, where any tiny coefficient meets it).
    [InlineData("x + 1e-50*x^3", "1e-50", "1E-50")]
    // A subnormal stays nonzero: x/sqrt(x² + 1e-40) is 0/1e-20 at x = 0.
    [InlineData("x + sqrt(1e-40 + x^2)", "1e-40", "1E-40")]
    // Float's own overflow: exp(100) is ∞ in float, and with a constant float holds in 1e-50's place σ(100) would be +∞ too.
    [InlineData("x + 1e-50*exp(x)", "1e-50", "1E-50")]
    // NaN at x = 100 in float whatever the constant ((∞ + 0)·0): not the rounding's.
    [InlineData("(exp(x) + 1e-50*x)*(x - 100)", "1e-50", "1E-50")]
    public void TP0018_ConstantBelowFloatThatMakesNoNaNOfItsOwnStaysAWarning(string formula, string underlined, string value)
    {
        var d = Single("TP0018", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(underlined, Underlined(d));
        Assert.True(d.GetMessage().Contains("holds the constant " + value + ", below float's normal range (1.1754944E-38 to 3.4028235E+38): "), d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0024");
        Assert.Empty(output.CompilationDiagnostics);
        Assert.Single(output.Sources);
    }

    [Fact]
    public void TP0018_WhereTheTwinIsUndefinedToo()
    {
        // 1e-50/x² is 0/0 = NaN at x = 0 in float, but +∞ in the twin: a pole of σ itself (TP0025), not float's doing.
        const string formula = "x + 1e-50/x^2";
        var d = Single("TP0018", Network("\"" + formula + "\""));
        Assert.Equal("1e-50", Underlined(d));
        var output = GeneratorHarness.Run(_source);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0024");
        Assert.Contains(output.GeneratorDiagnostics, x => x.Id == "TP0025" && x.GetMessage().Contains("at x = 0, 1e-50 / x^2 divides by 0"));
    }
}
