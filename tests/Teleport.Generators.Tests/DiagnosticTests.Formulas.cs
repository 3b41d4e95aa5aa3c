using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>The bad-input sweep of activation formulas: undefined values, non-ASCII digits, long formulas, raw strings.</summary>
public partial class DiagnosticTests
{
    private static string Network(string activation) => $$"""
        using Teleport;
        [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
        [Dense(3, Activation = {{activation}})]
        [Dense(2)]
        public partial class Formula { }
        """;

    [Theory]
    [InlineData("\"where(x > 0, x, 0/0)\"", "0/0", "division by zero in '0/0'")]
    [InlineData("\"x + 0/0\"", "0/0", "division by zero in '0/0'")]
    [InlineData("\"x/(x-x)\"", "x/(x-x)", "the divisor '(x-x)' simplifies to 0")]
    [InlineData("\"x + sqrt(-1)\"", "sqrt(-1)", "'sqrt(-1)' is undefined (NaN in double precision)")]
    [InlineData("\"x*exp(1000)\"", "exp(1000)", "'exp(1000)' is +∞ in double precision")]
    [InlineData("\"x*1e308*1e308\"", "x*1e308*1e308", "the constant factors of 'x*1e308*1e308' combine to +∞")]
    public void TP0024_UndefinedValueIsAnErrorAtTheSubFormula(string literal, string underlined, string message)
    {
        var d = Single("TP0024", Network(literal));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(underlined, Underlined(d));
        Assert.Contains(message, d.GetMessage());
        Assert.DoesNotContain(GeneratorHarness.Run(_source).GeneratorDiagnostics, x => x.Id is "TP0014" or "TP0018");
    }

    [Theory]
    [InlineData("\"２*x\"", "２", "unexpected character '２' (U+FF12)")]
    [InlineData("\"x*٣\"", "٣", "unexpected character '٣' (U+0663)")]
    public void TP0005_NonAsciiDigitIsAnUnexpectedCharacter(string literal, string underlined, string message)
    {
        var d = Single("TP0005", Network(literal));
        Assert.Equal(underlined, Underlined(d));
        Assert.Contains(message, d.GetMessage());
        Assert.DoesNotContain("out of range", d.GetMessage());
    }

    [Fact]
    public void TP0005_LongFormulaIsQuotedAroundTheError()
    {
        // A formula over 500 tokens was quoted whole in the message (up to ~40 000 characters).
        var formula = string.Join(" + ", Enumerable.Repeat("tanh(x)", 200));
        var d = Single("TP0005", Network("\"" + formula + "\""));
        var message = d.GetMessage();
        Assert.Contains("too long", message);
        Assert.True(message.Length < 300, message);
        Assert.Contains("…", message);
    }

    [Fact]
    public void TP0005_MultiLineRawStringPointsAtTheCharacter()
    {
        // The whole literal was underlined for a multi-line raw string.
        var d = Single("TP0005", """"
            using Teleport;
            [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
            [Dense(3, Activation = """
                where(x > 0,
                      x,
                      0.1 $ x)
                """)]
            [Dense(2)]
            public partial class Raw { }
            """");
        Assert.Equal("$", Underlined(d));
        Assert.Equal(5, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void TP0024_MultiLineRawStringWithCrLfPointsAtTheSubFormula()
    {
        var source = "using Teleport;\r\n[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]\r\n[Dense(3, Activation = \"\"\"\r\n    x +\r\n      log(0)\r\n    \"\"\")]\r\n[Dense(2)]\r\npublic partial class Raw { }\r\n";
        var d = Single("TP0024", source);
        Assert.Equal("log(0)", Underlined(d));
    }

    [Theory]
    [InlineData("\"x + x^3\"", "σ is strictly increasing, so invertible, but no closed form of σ⁻¹ could be derived")]
    [InlineData("\"x/(1 + abs(x))\"", "σ is strictly increasing, so invertible, but no closed form of σ⁻¹ could be derived")]
    [InlineData("\"relu(x - 1)\"", "σ is not invertible: it is constant for x in (−∞, 1]")]
    [InlineData("\"x^2\"", "σ is not invertible: σ(−x) = σ(x)")]
    [InlineData("\"gelu\"", "σ was not proved strictly increasing and no σ⁻¹ could be derived")]
    public void TP0014_SaysWhyNoDataDependentGroupWasDerived(string literal, string why)
    {
        // The sweep: TP0014 said "σ is neither the identity, positively homogeneous, nor invertible" of x/(1 + |x|),
        // x + x³ and tanh(x) + x, which are invertible; only σ⁻¹ had not been derived.
        var d = Single("TP0014", Network(literal));
        Assert.True(d.GetMessage().Contains("σ is neither the identity nor positively homogeneous, and " + why), d.GetMessage());
        Assert.DoesNotContain("nor invertible", d.GetMessage());
    }

    [Theory]
    [InlineData("\"log(x)\"", "at x = −1, log(x) is the log of −1")]
    [InlineData("\"sqrt(x)\"", "at x = −1, sqrt(x) is the sqrt of −1")]
    [InlineData("\"x/(x - 1)\"", "at x = 1, x / (x − 1) divides by 0")]
    [InlineData("\"x/(x - 0.37)\"", "at x = 0.37, x / (x − 0.37) divides by 0")]
    public void TP0025_ActivationUndefinedForSomeInputs(string literal, string where)
    {
        // The sweep: log(x) and sqrt(x) were accepted without a word, though NaN for negative inputs.
        var d = Single("TP0025", Network(literal));
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.True(d.GetMessage().Contains("is undefined for some inputs: " + where), d.GetMessage());
    }

    [Theory]
    [InlineData("\"where(x > 0, log(x), x)\"")]
    [InlineData("\"tanh\"")]
    public void TP0025_NotReportedWhereSigmaIsDefinedEverywhere(string literal) =>
        Assert.DoesNotContain(GeneratorHarness.Run(Network(literal)).GeneratorDiagnostics, d => d.Id == "TP0025");

    /// <summary>
    /// A shifted step: in the case |x − 1| = x − 1, σ′ = 2/(x − 1) − (2x − 2)/(x − 1)² is 0 only over a common
    /// denominator. It was generated (and trained nothing before the layer) until the cases were also put together.
    /// </summary>
    [Theory]
    [InlineData("\"(abs(x-1)+x-1)/(x-1)\"")]
    [InlineData("\"(abs(2*x+3)-2*x-3)/(4*x+6)\"")]
    public void TP0016_ShiftedStepWrittenWithAbs(string literal)
    {
        var d = Single("TP0016", Network(literal));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains(") is piecewise constant", d.GetMessage());
    }

    [Theory]
    [InlineData("\"abs(x)/x\"", "sign(x)")]
    [InlineData("\"x/abs(x)\"", "sign(x)")]
    [InlineData("\"2*abs(x)/x\"", "2·sign(x)")]
    [InlineData("\"abs(x)/x + 1\"", "sign(x) + 1")]
    [InlineData("\"abs(x - 1)/(x - 1)\"", "sign(x − 1)")]
    [InlineData("\"where(x > 0, 1, -1)\"", "where(x > 0, 1, −1)")]
    // σ′ = (0.5·sign(x) + 0.5)/x − (0.5·x + 0.5·|x|)/x² is 0 only case by case (|x| = ±x): it got TP0014 and trained nothing.
    [InlineData("\"(abs(x)+x)/(2*x)\"", "(0.5·x + 0.5·abs(x)) / x")]
    [InlineData("\"(abs(x)+x)/(2*x) * (abs(x^3)+x^3)/(2*x^3)\"", "(0.5·x + 0.5·abs(x))·(0.5·abs(x^3) + 0.5·x^3) / x^4")]
    public void TP0016_SignLikeActivationPassesNoGradient(string literal, string sigma)
    {
        // The sweep: abs(x)/x (σ = sign(x), σ′ = 0 for x ≠ 0) got only TP0014; its σ′ = sign(x)/x − |x|/x² was not
        // recognised as 0, so the network was generated and trained nothing before the layer.
        var d = Single("TP0016", Network(literal));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.True(d.GetMessage().Contains("σ = " + sigma + ") is piecewise constant"), d.GetMessage());
        Assert.DoesNotContain(GeneratorHarness.Run(_source).GeneratorDiagnostics, x => x.Id == "TP0014");
    }

    [Theory]
    [InlineData("(x*1e308)*1e308", "σ simplifies to x·∞, which holds the constant +∞: the constants of σ combine to +∞ in double precision only once the simplifier has combined them across parentheses")]
    [InlineData("(x + 1e308) + 1e308", "σ simplifies to x + ∞, which holds the constant +∞")]
    [InlineData("(1e300*x)^2", "which holds the constant 1e+300^2 = +∞")]
    [InlineData("x - (x - 1e308) + 1e308", "σ simplifies to ∞")]
    [InlineData("x^1e308", "σ″ = x^1e+308·∞, which holds the constant +∞: differentiating σ combines its constants to +∞ in double precision")]
    public void TP0024_ConstantsCombinedByTheSimplifierBeyondDouble(string formula, string message)
    {
        // The parser sees one chain at a time: (x*1e308)*1e308 reached TP0018, which said the Float64 twin computes
        // "with the value" of x·∞; x − (x − 1e308) + 1e308 was TP0015 "the constant ∞"; x^1e308 emitted σ″ = x^1e308·∞.
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("\"" + formula + "\"", Underlined(d));
        Assert.True(d.GetMessage().Contains(message), d.GetMessage());
        Assert.Contains("no one sub-formula holds it, so the whole formula is underlined", d.GetMessage());
        Assert.EndsWith("(at character 1 of \"" + formula + "\")", d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id is "TP0014" or "TP0015" or "TP0018");
        Assert.Empty(output.Sources);
    }

    [Theory]
    // σ, σ′ and σ″ hold 1e307, 4e307 and 1.2e308, all finite; σ‴ = 24e307·x is +∞·x, in the third-order members' kernel.
    [InlineData("x + 1e307*x^4", "the third-order kernel in σ′, σ″ and σ‴ = ", "which holds the constant +∞: differentiating σ combines its constants to +∞")]
    [InlineData("tanh(x) + 1e307*x^4", "the third-order kernel in σ′, σ″ and σ‴ = ", "which holds the constant +∞")]
    // σ, σ′, σ″ and σ⁻¹ hold 1e-155; the S3 orbit kernel's (σ⁻¹)″ = −σ″/σ′³ divides by (1e-155)³, 0 in double.
    [InlineData("elu(1e-155)", "(σ⁻¹)″(σ(x)) = −σ″/σ′³ = where(x > 0, 0, −1e-155·exp(x) / 0), which divides by the constant 0",
        "inverting and differentiating σ combines its constants to a divisor of 0 in double precision")]
    public void TP0024_InEveryFormulaTheEmitterWrites(string formula, string shown, string message)
    {
        // Only σ, σ′, σ″ and σ⁻¹ were checked: these emitted +∞ into the Float64 third-order kernel, or a division by 0 into
        // the orbit kernels, with no more than TP0018 (or nothing) said.
        var d = Single("TP0024", Network("\"" + formula + "\""));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("\"" + formula + "\"", Underlined(d));
        Assert.True(d.GetMessage().Contains("The activation of layer 0 is undefined: " + shown), d.GetMessage());
        Assert.True(d.GetMessage().Contains(message), d.GetMessage());
        var output = GeneratorHarness.Run(_source);
        Assert.Empty(output.Sources);
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id is "TP0014" or "TP0018");
    }
}
