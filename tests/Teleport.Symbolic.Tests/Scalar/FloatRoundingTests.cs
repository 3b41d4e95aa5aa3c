using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Constants below float's normal range: the float code writes 1e-50 as 0f (its Float64 twin as 1E-50d), and with 0 there a
/// formula double defines may be undefined in float (log(0·x² + 0), 0·x/sqrt(0·x² + 0), ∞·tanh(0·x)).
/// </summary>
public class FloatRoundingTests
{
    private static Expr Parse(string text) => ActivationLanguage.Parse(text).Expression!;

    [Theory]
    [InlineData(1e-50, true, true)]
    [InlineData(-1e-50, true, true)]
    [InlineData(1e-40, true, false)]
    [InlineData(1e-45, true, false)]
    [InlineData(1.2e-38, false, false)]
    [InlineData(1e-30, false, false)]
    [InlineData(0, false, false)]
    [InlineData(1e308, false, false)]
    [InlineData(double.NaN, false, false)]
    public void BelowFloatMeansZeroOrSubnormalInFloat(double value, bool below, bool zero)
    {
        Assert.Equal(below, FloatRounding.IsBelowFloat(value));
        Assert.Equal(zero, FloatRounding.RoundsToZero(value));
    }

    [Theory]
    [InlineData(1e-50, "float rounds it to 0")]
    [InlineData(1e-40, "float rounds it to the subnormal 9.9999461E-41, which keeps 17 of float's 24 significant bits")]
    [InlineData(1e-45, "float rounds it to the subnormal 1.40129846E-45, which keeps 1 of float's 24 significant bits")]
    [InlineData(-5e-39, "float rounds it to the subnormal -4.99999968E-39, which keeps 22 of float's 24 significant bits")]
    public void DescribeSaysWhatFloatKeeps(double value, string text) => Assert.Equal(text, FloatRounding.Describe(value));

    [Fact]
    public void AsFloatRoundsEveryConstant()
    {
        Assert.Equal("x + 0·x^3", MathText.Format(FloatRounding.AsFloat(Parse("x + 1e-50*x^3"))));
        Assert.Equal("∞·x", MathText.Format(FloatRounding.AsFloat(Parse("1e50*x"))));
    }

    [Theory]
    [InlineData("1e-50*x", 0.0)]
    [InlineData("tanh(1e-50*x) + 2", 2.0)]
    [InlineData("where(1e-50*x > 0, x, 3)", 3.0)]
    public void ValueInFloatIsKnownWhereTheZeroRemovesX(string text, double value) =>
        Assert.Equal(value, FloatRounding.ValueInFloat(Parse(text)));

    [Theory]
    [InlineData("x + 1e-50*x^3")]
    [InlineData("x")]
    [InlineData("where(x > 0, x, 1e-50*x)")]
    public void ValueInFloatIsUnknownWhereXRemains(string text) => Assert.Null(FloatRounding.ValueInFloat(Parse(text)));

    [Theory]
    [InlineData("log(1e-50 + 1e-50*x^2)", "log(0 + 0·x^2)", "is −∞")]
    [InlineData("x/(1e-50 + 1e-50*x^2)", "x / (0 + 0·x^2)", "divides by 0")]
    [InlineData("(1e-50*x)/(1e-50*x^2 + 1e-50)", "0·x / (0·x^2 + 0)", "divides by 0")]
    [InlineData("1e50*tanh(1e-50*x)", "∞·tanh(0·x)", "is NaN")]
    [InlineData("x + (1e-50*x)^(-1)", "(0·x)^(−1)", "is +∞")]
    // 0 > 0 is false in float: the where takes the branch double never does.
    [InlineData("where(1e-50 > 0, x, x/(1e-50*x))", "x / (0·x)", "divides by 0")]
    public void UndefinedInFloatIsFound(string text, string inFloat, string what)
    {
        var found = FloatRounding.FindUndefined(Parse(text));
        Assert.NotNull(found);
        Assert.Equal(inFloat, MathText.Format(FloatRounding.AsFloat(found!.At)));
        Assert.Equal(what, found.What);
    }

    [Theory]
    // Defined in float: the zero multiplies or is added; where's other branch is never taken.
    [InlineData("x + 1e-50*x^3")]
    [InlineData("log(1 + 1e-50*x^2)")]
    [InlineData("where(1e-50 >= 0, x, x/(1e-50*x))")]
    [InlineData("x/sqrt(1e-50 + x^2)")]
    // No constant rounds to 0: overflow alone is TP0018's business (∞·x), and a subnormal stays nonzero.
    [InlineData("1e50*x")]
    [InlineData("x/(1e-40 + 1e-40*x^2)")]
    public void DefinedInFloatIsNotFound(string text) => Assert.Null(FloatRounding.FindUndefined(Parse(text)));

    [Fact]
    public void FoundInTheDerivativeOnly()
    {
        // σ = x + sqrt(0·x² + 0) is defined in float (x + 0); σ′ = 0·x/sqrt(0·x² + 0) + 1 is 0/0 for every x.
        var p = ActivationAnalysis.Analyze(Parse("x + sqrt(1e-50 + 1e-50*x^2)"));
        Assert.Null(FloatRounding.FindUndefined(p.Activation));
        Assert.Equal("divides by 0", FloatRounding.FindUndefined(p.FirstDerivative)!.What);
    }

    [Theory]
    [InlineData("x + 1e-50*x^3", 4, 5, 1e-50)]
    [InlineData("elu(1e-40)", 4, 5, 1e-40)]
    [InlineData("x*(1e-25*1e-25)", 3, 11, 1e-25 * 1e-25)]
    [InlineData("x*1e-30*1e-30", 0, 13, 1e-30 * 1e-30)]
    [InlineData("x + exp(-200)*x^3", 4, 9, 1.3838965267367376E-87)]
    // Beyond float's range too: ±∞ in float.
    [InlineData("leaky_relu(1e308)", 11, 5, 1e308)]
    [InlineData("x + x^3*1e30*1e30", 4, 13, 1e30 * 1e30)]
    [InlineData("x - exp(100)*x", 4, 8, 2.6881171418161356E+43)]
    public void TheParserNotesWhereSuchConstantsWereWritten(string text, int position, int length, double value)
    {
        var written = ActivationLanguage.Parse(text).ConstantsOutsideFloat;
        Assert.Contains(new WrittenConstant(position, length, value), written);
    }

    [Theory]
    [InlineData("x + 1e-30*x^3")]
    [InlineData("x*1e-50*1e50")]
    [InlineData("leaky_relu(0.01)")]
    [InlineData("x + 3e38*x^3")]
    public void NothingElseIsNoted(string text)
    {
        var written = ActivationLanguage.Parse(text).ConstantsOutsideFloat;
        Assert.DoesNotContain(written, c => !FloatRounding.IsOutsideFloat(c.Value));
        // x*1e-50*1e50 is x once simplified, but each factor as written is outside float's range (the chain's product is not).
        if (!text.Contains("1e-50")) Assert.Empty(written);
        else Assert.Equal(new[] { 1e-50, 1e50 }, written.Select(c => c.Value).Distinct().Order());
    }
}
