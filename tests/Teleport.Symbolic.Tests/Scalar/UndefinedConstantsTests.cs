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
