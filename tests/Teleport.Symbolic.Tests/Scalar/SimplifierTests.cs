using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

public class SimplifierTests
{
    private static Expr X => Expr.Var("x");

    private static Expr S(string text) => Simplifier.Simplify(TestFormulas.Parse(text));

    [Theory]
    [InlineData("x - x", "0")]
    [InlineData("x*1 + 0", "x")]
    [InlineData("0*exp(x)", "0")]
    [InlineData("-(-x)", "x")]
    [InlineData("2*x + 3*x", "5·x")]
    [InlineData("x*x", "x^2")]
    [InlineData("x^2 * x^-2", "1")]
    [InlineData("x^2*x", "x^3")]
    [InlineData("(x^2)^3", "x^6")]
    [InlineData("sqrt(x^2)", "abs(x)")]
    [InlineData("(x^2)^0.5", "abs(x)")]
    [InlineData("sqrt(x)*sqrt(x)", "x")]
    [InlineData("x / x", "1")]
    [InlineData("2 + 3*4 - 1", "13")]
    [InlineData("exp(0)", "1")]
    [InlineData("where(x > 0, 1, 1)", "1")]
    [InlineData("where(x > 0, x, x)", "x")]
    [InlineData("where(x >= x, x, 2*x)", "x")]
    [InlineData("where(x > x, x, 2*x)", "2·x")]
    [InlineData("where(tanh(x) <= tanh(x), 1, x)", "1")]
    [InlineData("where(x + x < 2*x, 1, x)", "x")]
    [InlineData("where(0 < x, 2, 3)", "where(x > 0, 2, 3)")]
    [InlineData("where(-x > 0, 2, 3)", "where(x < 0, 2, 3)")]
    [InlineData("where(2*x + 1 > 0, 2, 3)", "where(x > −0.5, 2, 3)")]
    [InlineData("where(x > 0.1*x, 2, 3)", "where(x > 0, 2, 3)")]
    [InlineData("where(exp(x) > 0, 2, 3)", "2")]
    [InlineData("where(1 > 2, x, 3)", "3")]
    [InlineData("where(x > 0, where(x > 0, 1, 2), 3)", "where(x > 0, 1, 3)")]
    [InlineData("where(x > 1, where(x > 0, 1, 2), where(x > 2, 4, 5))", "where(x > 1, 1, 5)")]
    [InlineData("2*where(x > 0, 1, 0.5) + 1", "where(x > 0, 3, 2)")]
    [InlineData("where(x > 0, 1, 0)*exp(x)", "where(x > 0, exp(x), 0)")]
    [InlineData("exp(log(x))", "x")]
    [InlineData("log(exp(x))", "x")]
    [InlineData("log(1 + x^2)", "log1p(x^2)")]
    [InlineData("1 - sigmoid(x)", "sigmoid(−x)")]
    [InlineData("1 + tanh(x)", "2·sigmoid(2·x)")]
    [InlineData("exp(x) - 1", "expm1(x)")]
    [InlineData("exp(x)/(1 + exp(x))", "sigmoid(x)")]
    [InlineData("1/(1 + exp(-x))", "sigmoid(x)")]
    [InlineData("exp(x)*exp(-x)", "1")]
    [InlineData("tanh(-x)", "−tanh(x)")]
    [InlineData("abs(-2*x)", "2·abs(x)")]
    [InlineData("abs(exp(x))", "exp(x)")]
    [InlineData("abs(abs(x))", "abs(x)")]
    [InlineData("abs(x)^2", "x^2")]
    [InlineData("abs(x)/x", "sign(x)")]
    [InlineData("x/abs(x)", "sign(x)")]
    [InlineData("abs(x - 1)/(x - 1)", "sign(x − 1)")]
    [InlineData("abs(2*x)/x", "2·sign(x)")]
    [InlineData("abs(x)/x^3", "sign(x) / x^2")]
    [InlineData("abs(x)^3/x", "x^2·sign(x)")]
    [InlineData("max(x, x)", "x")]
    [InlineData("max(exp(x), 0)", "exp(x)")]
    [InlineData("min(0, x)", "min(x, 0)")]
    [InlineData("x*tanh(x) + tanh(x)*x", "2·x·tanh(x)")]
    [InlineData("tanh(x) + x*tanh(x)", "tanh(x)·(x + 1)")]
    [InlineData("-x - 1", "−x − 1")]
    [InlineData("1 - x^2", "1 − x^2")]
    public void Rewrites(string text, string expected) => Assert.Equal(expected, S(text).ToString());

    [Theory]
    [InlineData("2*(x + 1)", "2*x + 2")]
    [InlineData("x + 1", "1 + x")]
    [InlineData("x*tanh(x)", "tanh(x)*x")]
    [InlineData("(x + 1)/(1 + x)^2", "1/(x + 1)")]
    [InlineData("sigmoid(x)*(1 - sigmoid(x))", "sigmoid(x)*sigmoid(-x)")]
    [InlineData("where(x < 0, 1, 2)", "where(0 > x, 1, 2)")]
    [InlineData("-(2*x)", "(-2)*x")]
    public void EqualMathComparesEqual(string a, string b)
    {
        var left = Simplifier.Simplify(Parse(a));
        var right = Simplifier.Simplify(Parse(b));
        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    private static Expr Parse(string text) => TestFormulas.Parse(text);

    public static IEnumerable<object[]> RandomFormulas => TestFormulas.Random(60, seed: 777, depth: 4).Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(RandomFormulas))]
    public void PreservesValueAndIsIdempotent(string formula)
    {
        var raw = TestFormulas.Parse(formula);
        var simplified = Simplifier.Simplify(raw);
        Assert.Equal(simplified, Simplifier.Simplify(simplified));
        var compared = 0;
        foreach (var x in Numerics.SamplePoints(80, -6, 6))
        {
            var expected = Numerics.Eval(raw, x);
            if (!Numerics.IsFinite(expected) || Numerics.NearKink(raw, x, 1e-6))
            {
                continue;
            }

            var actual = Numerics.Eval(simplified, x);
            Assert.True(Numerics.Close(actual, expected, 1e-9, 1e-12), formula + " at " + x + ": " + actual + " vs " + expected + "\nsimplified: " + simplified);
            compared++;
        }

        Assert.True(compared >= 10, formula + ": only " + compared + " finite points");
    }

    [Fact]
    public void LeakyReluDerivativeIsSimplified() =>
        Assert.Equal(Expr.Where(X > 0, 1, 0.1), Calculus.Differentiate(TestFormulas.Parse("leaky_relu(0.1)"), "x"));

    [Theory]
    [InlineData("relu", "where(x > 0, 1, 0)", "0")]
    [InlineData("leaky_relu(0.1)", "where(x > 0, 1, 0.1)", "0")]
    [InlineData("tanh", "1 − tanh(x)^2", "−2·tanh(x)·(1 − tanh(x)^2)")]
    [InlineData("sigmoid", "sigmoid(x)·sigmoid(−x)", "sigmoid(x)·sigmoid(−x)·(sigmoid(−x) − sigmoid(x))")]
    [InlineData("softplus", "sigmoid(x)", "sigmoid(x)·sigmoid(−x)")]
    [InlineData("elu(0.5)", "where(x > 0, 1, 0.5·exp(x))", "where(x > 0, 0, 0.5·exp(x))")]
    [InlineData("silu", "sigmoid(x)·(x·sigmoid(−x) + 1)", "sigmoid(x)·sigmoid(−x)·(x·sigmoid(−x) + 2 − x·sigmoid(x))")]
    public void DerivativesOfBuiltInsAreCompact(string activation, string first, string second)
    {
        var sigma = TestFormulas.Parse(activation);
        var d1 = Calculus.Differentiate(sigma, "x");
        Assert.Equal(first, d1.ToString());
        Assert.Equal(second, Calculus.Differentiate(d1, "x").ToString());
    }

    [Fact]
    public void GeluDerivativesStaySmall()
    {
        var gelu = Simplifier.Simplify(TestFormulas.Parse("gelu"));
        var d1 = Calculus.Differentiate(gelu, "x");
        var d2 = Calculus.Differentiate(d1, "x");
        Assert.Equal("x·sigmoid(1.5957691216057308·x + 0.07135481627260025·x^3)", gelu.ToString());
        Assert.True(d1.Size <= 40, "gelu′ has " + d1.Size + " nodes: " + d1);
        Assert.True(d2.Size <= 100, "gelu″ has " + d2.Size + " nodes: " + d2);

        // Distinct subexpressions are what the emitter computes (CSE): far fewer.
        Assert.True(ExprWalker.Nodes(d2).Select(n => n).Distinct().Count() <= 45);
    }
}
