using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// A constant beyond float's range is ±∞ in the float code (<c>float.PositiveInfinity</c>). Where ±∞ only makes the float
/// network compute ±∞ (its Float64 twin computing the value) that is the warning TP0018; where it meets a 0 or the other
/// infinity (∞·0, ∞ − ∞) the float code computes NaN for a finite input, and that is the error TP0024, at the constant where
/// it was written. leaky_relu(1e308) was only TP0018, and its float σ(0) = ∞·0 is NaN.
/// </summary>
public partial class DiagnosticTests
{
    [Theory]
    // The float σ is where(x > 0, x, ∞·x): NaN at x = 0.
    [InlineData("leaky_relu(1e308)", "1e308", "σ = where(x > 0, x, 1e+308·x)", "at x = 0 the float code's ∞·x is ∞·0 = NaN")]
    // x + 1e60·x³ is x + ∞·x³ in float: NaN at x = 0. The chain whose factors combine to 1e60 is where it was written.
    [InlineData("x + x^3*1e30*1e30", "x^3*1e30*1e30", "σ = x + 1.0000000000000001e+60·x^3", "at x = 0 the float code's ∞·x^3 is ∞·0 = NaN")]
    // tanh(∞·x) is tanh(NaN) at x = 0.
    [InlineData("tanh(1e39*x)", "1e39", "σ = tanh(1e+39·x)", "at x = 0 the float code's ∞·x is ∞·0 = NaN")]
    // ∞ − ∞ between two terms: at x = −1 both are +∞.
    [InlineData("1e39*exp(x) - 1e39*exp(-x)", "1e39", "σ = 1e+39·exp(x) − 1e+39·exp(−x)", "at x = −1 the float code's ∞·exp(x) − ∞·exp(−x) is ∞ − ∞ = NaN")]
    // The simplifier distributes: the float code is ∞·x² + ∞, not ∞·(x² + 1), and ∞·x² is NaN at x = 0.
    [InlineData("1e39*(x^2 + 1)", "1e39", "σ = 1e+39·x^2 + 1e+39", "at x = 0 the float code's ∞·x^2 is ∞·0 = NaN")]
    // exp(x) is never 0, but float's exp(−1000) is: ∞·0.
    [InlineData("1e39*exp(x)", "1e39", "σ = 1e+39·exp(x)", "at x = −1000 the float code's ∞·exp(x) is ∞·0 = NaN")]
    public void TP0024_ConstantBeyondFloatThatMakesNaNIsAnErrorWhereItWasWritten(string formula, string underlined, string shown, string what)
    {
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(underlined, Underlined(d));
        Assert.True(d.GetMessage().Contains("The activation of layer 0 is undefined: in float, " + shown + ", which holds the constant "), d.GetMessage());
        Assert.True(d.GetMessage().Contains("beyond float's range (±3.4028235E+38): float makes it "), d.GetMessage());
        Assert.True(d.GetMessage().Contains(what + ", where the Float64 twin computes "), d.GetMessage());
        Assert.Contains("(at character " + (formula.IndexOf(underlined, System.StringComparison.Ordinal) + 1) + " of \"" + formula + "\")", d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.Empty(output.Sources);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0018");
    }

    [Theory]
    // σ = 3e38·x² is within float; σ′ = 6e38·x is ∞·x, NaN at x = 0, and no written constant is 6e38.
    [InlineData("3e38*x^2", "σ′ = 6e+38·x", "6e+38", "at x = 0 the float code's ∞·x is ∞·0 = NaN")]
    // σ″ = 2.4e38·x² fits in float; σ‴ = 4.8e38·x does not, and the third-order members' kernel multiplies it by its
    // arguments: ∞·a0 at a0 = 0. It was the warning TP0018 (the third-order members computed NaN at z = 0).
    [InlineData("x + 2e37*x^4", "the third-order kernel in σ′, σ″ and σ‴ = ", "4.7999999999999996e+38", "the float code's ∞·a0 is ∞·0 = NaN")]
    // Inverting elu(1e-50) makes 1e50: σ⁻¹ = log1p(1e50·y) for y ≤ 0 is ∞·0 at y = 0 in the S3 kernel (float's σ is 0 for every
    // x ≤ 0, so σ⁻¹ gets 0 often). It was the warning TP0018 (at 1e-50, which float rounds to 0).
    [InlineData("elu(1e-50)", "σ⁻¹ = where(y > 0, y, log1p(1e+50·y))", "1e+50", "at y = 0 the float code's ∞·y is ∞·0 = NaN")]
    public void TP0024_ConstantBeyondFloatThatDifferentiationOrInversionMadeIsAnErrorOnTheFormula(string formula, string shown, string constant, string what)
    {
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("\"" + formula + "\"", Underlined(d));
        Assert.True(d.GetMessage().Contains("in float, " + shown), d.GetMessage());
        Assert.True(d.GetMessage().Contains("which holds the constant " + constant + ", beyond float's range"), d.GetMessage());
        Assert.True(d.GetMessage().Contains(what), d.GetMessage());
        Assert.Contains("no constant written in the formula has that value", d.GetMessage());
        Assert.Empty(GeneratorHarness.Run(_source).Sources);
    }

    [Fact]
    public void TP0024_TheGradientKernelOfAnInfiniteSlope()
    {
        // σ = where(x > 1, 1e39*x, x) is +∞ for x > 1 and x elsewhere: no NaN in σ, σ′ or σ″ at any x. The gradient's
        // kernel σ′(z)·v is where(z > 1, ∞, 1)·v: NaN where the gradient v reaching the layer is 0 and z > 1.
        var d = Single("TP0024", Network("\"where(x > 1, 1e39*x, x)\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("1e39", Underlined(d));
        Assert.True(d.GetMessage().Contains("in float, the gradient's kernel σ′(z)·v = "), d.GetMessage());
        Assert.True(d.GetMessage().Contains("= NaN, where the Float64 twin computes 0"), d.GetMessage());
        Assert.Empty(GeneratorHarness.Run(_source).Sources);
    }

    [Theory]
    // The comparison with +∞ is false for every finite x: the float σ is 2x, a number everywhere.
    [InlineData("where(x > 1e39, x, 2*x)", "1e39", "1E+39")]
    // −∞ for x ≤ 0, and σ′ = where(x > 0, 1, 0) holds no infinity: ±∞, never NaN.
    [InlineData("where(x > 0, x, -1e39)", "1e39", "-1E+39")]
    // x + ∞ is +∞ for every x, and σ′ = 1 holds no infinity.
    [InlineData("x + 1e39", "1e39", "1E+39")]
    public void TP0018_ConstantBeyondFloatThatGivesOnlyInfinityStaysAWarning(string formula, string underlined, string value)
    {
        var d = Single("TP0018", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(underlined, Underlined(d));
        Assert.True(d.GetMessage().Contains("holds the constant " + value + ", beyond float's range (±3.4028235E+38): the float network computes with ±∞ there"), d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0024");
        Assert.Empty(output.CompilationDiagnostics);
        Assert.Single(output.Sources);
    }
}
