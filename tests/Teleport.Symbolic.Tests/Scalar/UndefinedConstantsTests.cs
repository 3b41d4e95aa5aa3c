using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Constants the simplifier or differentiation combine beyond double's range, which the parser (one chain at a time)
/// cannot see: (x*1e308)*1e308 simplified to x·∞ and reached TP0018 ("its Float64 twin with the value").
/// </summary>
public class UndefinedConstantsTests
{
    private static ActivationProperties Analyze(string text) => ActivationAnalysis.Analyze(ActivationLanguage.Parse(text).Expression!);

    [Theory]
    [InlineData("(x*1e308)*1e308", "∞", "+∞")]
    [InlineData("(x + 1e308) + 1e308", "∞", "+∞")]
    [InlineData("(1e300*x)^2", "1e+300^2", "+∞")]
    [InlineData("(x*1e308)*(-1e308)", "−∞", "−∞")]
    public void FoundInSigmaAsSimplified(string text, string constant, string value)
    {
        Assert.True(ActivationLanguage.Parse(text).Success, text);
        var found = UndefinedConstants.Find(Analyze(text).Activation);
        Assert.NotNull(found);
        Assert.Equal(constant, MathText.Format(found!));
        Assert.Equal(value, UndefinedConstants.Describe(found!));
    }

    [Fact]
    public void FoundInTheSecondDerivative()
    {
        var p = Analyze("x^1e308");
        Assert.Null(UndefinedConstants.Find(p.Activation));
        Assert.NotNull(UndefinedConstants.Find(p.SecondDerivative));
    }

    [Fact]
    public void FoundInTheThirdDerivativeOnly()
    {
        // σ″ = 1.2e308·x² is finite; σ‴ = 24e307·x is not: the generator checks σ‴ where the emitter writes it.
        var p = Analyze("x + 1e307*x^4");
        Assert.Null(UndefinedConstants.Find(p.Activation));
        Assert.Null(UndefinedConstants.Find(p.FirstDerivative));
        Assert.Null(UndefinedConstants.Find(p.SecondDerivative));
        var third = Simplifier.Simplify(Calculus.Differentiate(p.SecondDerivative, "x"));
        Assert.Equal("+∞", UndefinedConstants.Describe(UndefinedConstants.Find(third)!));
    }

    [Fact]
    public void ADivisionByAConstantThatUnderflowsToZeroIsFound()
    {
        // (σ⁻¹)″ = −σ″/σ′³ of elu(1e-155) divides by (1e-155)³ = 0 in double; σ, σ′, σ″ and σ⁻¹ are finite.
        var p = Analyze("elu(1e-155)");
        foreach (var e in new[] { p.Activation, p.FirstDerivative, p.SecondDerivative, p.Inverse! })
            Assert.Null(UndefinedConstants.Find(e));
        var found = UndefinedConstants.Find(Simplifier.Simplify(-p.SecondDerivative / Expr.Pow(p.FirstDerivative, 3)));
        Assert.NotNull(found);
        Assert.True(UndefinedConstants.IsDivisionByZero(found!));
    }

    [Theory]
    [InlineData("x/2")]
    [InlineData("x/(x + 1)")]
    public void ADivisionByANonzeroOrVariableDivisorIsNotFound(string text) =>
        Assert.Null(UndefinedConstants.Find(Analyze(text).Activation));

    [Theory]
    [InlineData("leaky_relu(1e308)")]
    [InlineData("(x*1e308)*1e-308")]
    [InlineData("tanh")]
    public void NotFoundInFiniteFormulas(string text)
    {
        var p = Analyze(text);
        Assert.Null(UndefinedConstants.Find(p.Activation));
        Assert.Null(UndefinedConstants.Find(p.FirstDerivative));
        Assert.Null(UndefinedConstants.Find(p.SecondDerivative));
    }
}
