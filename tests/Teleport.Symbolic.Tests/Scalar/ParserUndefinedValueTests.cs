using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// The bad-input sweep: undefined values were accepted and the simplifier gave them a meaning
/// (where(x &gt; 0, x, 0/0) became ReLU, x + 0/0 the identity, x/0 was "piecewise linear" with σ′ = 1/0).
/// They are parse errors at the sub-formula that holds them; non-ASCII digits are unexpected characters.
/// </summary>
public class ParserUndefinedValueTests
{
    [Theory]
    [InlineData("where(x > 0, x, 0/0)", 16, 3, "division by zero in '0/0': the divisor '0' is 0")]
    [InlineData("x + 0/0", 4, 3, "division by zero in '0/0'")]
    [InlineData("x/0", 0, 3, "division by zero in 'x/0': the divisor '0' is 0")]
    [InlineData("x / (2 - 2)", 0, 11, "the divisor '(2 - 2)' is 0")]
    [InlineData("x/(x-x)", 0, 7, "the divisor '(x-x)' simplifies to 0")]
    [InlineData("x + sqrt(-1)", 4, 8, "'sqrt(-1)' is undefined (NaN")]
    [InlineData("log(0)*x", 0, 6, "'log(0)' is −∞ in double precision")]
    [InlineData("x*exp(1000)", 2, 9, "'exp(1000)' is +∞ in double precision")]
    [InlineData("x + (1e308*1e308)", 5, 11, "'1e308*1e308' is +∞")]
    [InlineData("x*1e308*1e308", 0, 13, "the constant factors of 'x*1e308*1e308' combine to +∞")]
    [InlineData("x + 1e308 + 1e308", 0, 17, "the constant terms of 'x + 1e308 + 1e308' combine to +∞")]
    [InlineData("x*1e-200*1e-200", 0, 15, "combine to 0 (they underflow)")]
    [InlineData("tanh(x) + (-8)^0.5", 10, 8, "'(-8)^0.5' is undefined")]
    public void UndefinedValuesAreErrorsAtTheSubFormula(string text, int position, int length, string message)
    {
        var error = ActivationLanguage.Parse(text).Error!;
        Assert.Equal(ParseErrorKind.UndefinedValue, error.Kind);
        Assert.Equal(position, error.Position);
        Assert.Equal(length, error.Length);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("x/2")]
    [InlineData("x/(x - 1)")]
    [InlineData("0*x")]
    [InlineData("x*1e308*1e-308")]
    [InlineData("x + 1e308 - 1e308")]
    [InlineData("leaky_relu(1/4)")]
    public void DefinedValuesParse(string text) => Assert.True(ActivationLanguage.Parse(text).Success, text);

    [Theory]
    [InlineData("２*x", 0, "'２' (U+FF12)")]
    [InlineData("x*٣", 2, "'٣' (U+0663)")]
    [InlineData("x٣", 1, "'٣' (U+0663)")]
    public void NonAsciiDigitsAreUnexpectedCharacters(string text, int position, string quoted)
    {
        var error = ActivationLanguage.Parse(text).Error!;
        Assert.Equal(ParseErrorKind.UnexpectedCharacter, error.Kind);
        Assert.Equal(position, error.Position);
        Assert.StartsWith("unexpected character " + quoted + "; numbers are written with the ASCII digits 0-9", error.Message);
    }
}
