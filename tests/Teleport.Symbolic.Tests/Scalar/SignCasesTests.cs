using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// σ′ proved 0 case by case where abs and sign split the line (TP0016): (abs(x) + x)/(2x) is a step, but its σ′ was not
/// recognised as 0 until |x| is known to be ±x (or 0) on each piece.
/// </summary>
public class SignCasesTests
{
    private static Expr FirstDerivative(string text) => ActivationAnalysis.Analyze(ActivationLanguage.Parse(text).Expression!).FirstDerivative;

    [Theory]
    [InlineData("(abs(x)+x)/(2*x)")]
    [InlineData("(abs(x)-x)/(2*x)")]
    [InlineData("(x + abs(x))/x")]
    [InlineData("3 - (abs(x)+x)/(2*x)")]
    // Two arguments, nine cases each.
    [InlineData("(abs(x)+x)/(2*x) * (abs(x^3)+x^3)/(2*x^3)")]
    [InlineData("(abs(x)+x)/(2*x) + (abs(exp(x)-1)+exp(x)-1)/(exp(x)-1)")]
    // A shifted step: in the case |x − 1| = x − 1, σ′ = 2/(x − 1) − (2x − 2)/(x − 1)², zero only over a common denominator.
    [InlineData("(abs(x-1)+x-1)/(x-1)")]
    [InlineData("(abs(2*x+3)-2*x-3)/(4*x+6)")]
    [InlineData("(abs(x^2-1)+x^2-1)/(x^2-1)")]
    public void AStepWrittenWithAbsIsZeroInEveryCase(string text)
    {
        var derivative = FirstDerivative(text);
        Assert.IsNotType<Constant>(derivative);
        Assert.True(SignCases.IsZeroInEveryCase(derivative), MathText.Format(derivative));
    }

    [Theory]
    [InlineData("abs(x)")]
    [InlineData("x*abs(x)")]
    [InlineData("abs(x) + x")]
    [InlineData("(abs(x)+x)/2")]
    [InlineData("tanh(abs(x))")]
    [InlineData("where(x > 0, abs(x - 1), 0)")]
    [InlineData("(abs(x)+x)/(2*x) + x")]
    [InlineData("(abs(x-1)+x-1)/(x-2)")]
    [InlineData("(abs(x-1)+x)/(x-1)")]
    public void AnActivationThatPassesAGradientIsNot(string text) =>
        Assert.False(SignCases.IsZeroInEveryCase(FirstDerivative(text)));

    [Fact]
    public void WithoutAbsOrSignNothingIsProved() =>
        Assert.False(SignCases.IsZeroInEveryCase(FirstDerivative("tanh")));

    [Fact]
    public void AnArgumentZeroOnAWholeIntervalIsACaseOfItsOwn()
    {
        // sign(u) with u = 0 for all x ≤ 0 takes the value 0 there: 1 − sign(u)² is 0 for u ≠ 0 but 1 for x < 0.
        var u = Expr.Max(Expr.Var("x"), Expr.Zero);
        Assert.False(SignCases.IsZeroInEveryCase(1 - Expr.Sign(u) * Expr.Sign(u)));
        Assert.True(SignCases.IsZeroInEveryCase(Expr.Sign(u) * Expr.Abs(u) - u * Expr.Sign(u) * Expr.Sign(u)));
    }

    [Fact]
    public void MoreArgumentsThanTheBoundAreNotTried()
    {
        var sum = Expr.Zero;
        for (var k = 1; k <= SignCases.MaxArguments + 1; k++) sum += Expr.Sign(Expr.Var("x") - k) - Expr.Sign(Expr.Var("x") - k);
        Assert.False(SignCases.IsZeroInEveryCase(sum));
    }
}
