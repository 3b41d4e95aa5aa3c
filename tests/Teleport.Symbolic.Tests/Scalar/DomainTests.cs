using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// The bad-input sweep: sqrt(x) was "invertible, range (−∞, ∞)" and log(x) or sqrt(x) were accepted without a word,
/// though NaN for negative inputs. The range holds where σ is defined; an input where it is not is found.
/// </summary>
public class DomainTests
{
    [Theory]
    [InlineData("sqrt(x)", "[0, ∞)")]
    [InlineData("sqrt(x) + 1", "[1, ∞)")]
    [InlineData("where(x > 0, sqrt(x), x)", "(−∞, ∞)")]
    [InlineData("x^0.5", "[0, ∞)")]
    [InlineData("tanh(x)", "(−1, 1)")]
    public void RangeHoldsWhereSigmaIsDefined(string formula, string range) =>
        Assert.Equal(range, ActivationAnalysis.Analyze(TestFormulas.Parse(formula)).Range.ToString());

    [Theory]
    [InlineData("log(x)", "at x = −1, log(x) is the log of −1")]
    [InlineData("sqrt(x)", "at x = −1, sqrt(x) is the sqrt of −1")]
    [InlineData("1/x", "at x = 0, 1 / x divides by 0")]
    [InlineData("x^0.5", "at x = −1, sqrt(x) is the sqrt of −1")]
    [InlineData("tanh(x) + log(x + 2)", "at x = −2, log(x + 2) is the log of 0")]
    public void FindsAnInputWhereSigmaIsUndefined(string formula, string expected)
    {
        var sigma = ActivationAnalysis.Analyze(TestFormulas.Parse(formula)).Activation;
        Assert.Equal(expected, DomainCheck.FindUndefinedInput(sigma, "x"));
    }

    [Theory]
    [InlineData("where(x > 0, log(x), x)")]
    [InlineData("sqrt(x^2 + 1)")]
    [InlineData("log(1 + exp(x))")]
    [InlineData("x/(1 + abs(x))")]
    [InlineData("gelu")]
    [InlineData("softplus")]
    public void DefinedEverywhereFindsNothing(string formula) =>
        Assert.Null(DomainCheck.FindUndefinedInput(ActivationAnalysis.Analyze(TestFormulas.Parse(formula)).Activation, "x"));
}
