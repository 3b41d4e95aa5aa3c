using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

public class MathTextTests
{
    private static Expr X => Expr.Var("x");

    [Fact]
    public void FormatsWithMinimalParentheses()
    {
        Assert.Equal("where(x > 0, x, 0.1·x)", MathText.Format(Expr.Where(X > 0, X, 0.1 * X)));
        Assert.Equal("1 − tanh(x)^2", MathText.Format(1 - Expr.Pow(Expr.Tanh(X), 2)));
        Assert.Equal("x·sigmoid(x)", MathText.Format(X * Expr.Sigmoid(X)));
        Assert.Equal("−x^2", MathText.Format(-Expr.Pow(X, 2)));
        Assert.Equal("(−x)^2", MathText.Format(Expr.Pow(-X, 2)));
        Assert.Equal("(x + 1)^2", MathText.Format(Expr.Pow(X + 1, 2)));
        Assert.Equal("x^2^3", MathText.Format(Expr.Pow(X, Expr.Pow(2, 3))));
        Assert.Equal("(x^2)^3", MathText.Format(Expr.Pow(Expr.Pow(X, 2), 3)));
        Assert.Equal("2^(−x)", MathText.Format(Expr.Pow(2, -X)));
        Assert.Equal("x − (x − 1)", MathText.Format(X - (X - 1)));
        Assert.Equal("x − x − 1", MathText.Format((X - X) - 1));
        Assert.Equal("x / (2·x)", MathText.Format(X / (2 * X)));
        Assert.Equal("x·(−2)", MathText.Format(X * -2.0));
        Assert.Equal("−(x + 1)", MathText.Format(-(X + 1)));
        Assert.Equal("max(x, 0) + min(x, 1e-05)", MathText.Format(Expr.Max(X, 0) + Expr.Min(X, 1e-5)));
        Assert.Equal("−2.5e-07", MathText.Number(-2.5e-7));
        Assert.Equal("where(x >= 1, log1p(x), expm1(x))", MathText.Format(Expr.Where(X >= 1, Expr.Log1p(X), Expr.Expm1(X))));
    }

    [Fact]
    public void ToStringIsMathText()
    {
        var e = Simplifier.Simplify(TestFormulas.Parse("leaky_relu(0.1)"));
        Assert.Equal("where(x > 0, x, 0.1·x)", e.ToString());
        Assert.Equal("[0, ∞)", Interval.Of(0, true, double.PositiveInfinity, false).ToString());
        Assert.Equal("(−1, 1)", Interval.Open(-1, 1).ToString());
    }
}
