using System;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

public class InversionTests
{
    private static Expr? Invert(string formula) => Inversion.TryInvert(TestFormulas.Parse(formula), "x", "y");

    [Theory]
    [InlineData("identity", "y")]
    [InlineData("leaky_relu(0.1)", "where(y > 0, y, 10·y)")]
    [InlineData("leaky_relu", "where(y > 0, y, 100·y)")]
    [InlineData("tanh", "atanh(y)")]
    [InlineData("sigmoid", "log(y / (1 − y))")]
    [InlineData("softplus", "where(y > 1, y + log1p(−exp(−y)), log(expm1(y)))")]
    [InlineData("elu", "where(y > 0, y, log1p(y))")]
    [InlineData("elu(0.5)", "where(y > 0, y, log1p(2·y))")]
    [InlineData("2*x - 3", "0.5·y + 1.5")]
    [InlineData("exp(x)", "log(y)")]
    [InlineData("tanh(2*x + 1)", "0.5·atanh(y) − 0.5")]
    [InlineData("max(x, 0.1*x)", "where(y > 0, y, 10·y)")]
    [InlineData("where(x > 1, 2*x - 1, x)", "where(y > 1, 0.5·y + 0.5, y)")]
    public void FindsInverse(string formula, string expected) => Assert.Equal(expected, Invert(formula)?.ToString());

    [Theory]
    [InlineData("relu")]
    [InlineData("silu")]
    [InlineData("gelu")]
    [InlineData("x^2")]
    [InlineData("abs(x)")]
    [InlineData("leaky_relu(-0.1)")]
    [InlineData("where(x > 0, x, 2)")]
    public void HasNoInverse(string formula) => Assert.Null(Invert(formula));

    [Theory]
    [InlineData("identity", -50, 50)]
    [InlineData("leaky_relu(0.1)", -50, 50)]
    [InlineData("tanh", -8, 8)]
    [InlineData("sigmoid", -20, 20)]
    [InlineData("softplus", -20, 700)]
    [InlineData("elu", -20, 50)]
    [InlineData("elu(0.5)", -20, 50)]
    [InlineData("tanh(2*x + 1)", -4, 3)]
    [InlineData("x^3 + 0", -10, 10)]
    public void RoundTripsOverDomainAndRange(string formula, double lo, double hi)
    {
        var sigma = Simplifier.Simplify(TestFormulas.Parse(formula));
        var inverse = Invert(formula)!;
        Assert.NotNull(inverse);
        var slope = Calculus.Differentiate(sigma, "x");

        // σ⁻¹(σ(x)) = x over the domain, where σ is not numerically flat.
        foreach (var x in Enumerable.Range(0, 97).Select(i => lo + ((hi - lo) * i / 96.0) + 0.013))
        {
            var y = Numerics.Eval(sigma, x);
            var conditioning = Math.Abs(y) * 1e-15 / Math.Max(Math.Abs(Numerics.Eval(slope, x)), 1e-300);
            if (conditioning > 1e-7)
            {
                continue;
            }

            var back = Interpreter.Evaluate(inverse, "y", y);
            Assert.True(Numerics.Close(back, x, 1e-8, 1e-8 + conditioning * 10), formula + ": σ⁻¹(σ(" + x + ")) = " + back);
        }

        // σ(σ⁻¹(y)) = y over the range (open ends approached, never reached).
        var range = ActivationAnalysis.Range(sigma, "x");
        var ys = Enumerable.Range(1, 199).Select(i => i / 200.0).Select(t => Inside(range, t)).Concat(Far(range));
        foreach (var y in ys)
        {
            var x = Interpreter.Evaluate(inverse, "y", y);
            Assert.True(Numerics.IsFinite(x), formula + ": σ⁻¹(" + y + ") = " + x);
            Assert.True(Numerics.Close(Numerics.Eval(sigma, x), y, 1e-9, 1e-12), formula + ": σ(σ⁻¹(" + y + ")) = " + Numerics.Eval(sigma, x));
        }
    }

    /// <summary>A point of the range: t ∈ (0, 1) maps through the ends, or through tan for infinite ends.</summary>
    private static double Inside(Interval range, double t)
    {
        if (!double.IsInfinity(range.Lower) && !double.IsInfinity(range.Upper))
        {
            return range.Lower + ((range.Upper - range.Lower) * t);
        }

        var s = Math.Max(-15, Math.Tan(Math.PI * (t - 0.5)) * 5);
        return double.IsInfinity(range.Lower) && double.IsInfinity(range.Upper) ? s
            : double.IsInfinity(range.Upper) ? range.Lower + Math.Exp(s / 5 * 4)
            : range.Upper - Math.Exp(s / 5 * 4);
    }

    /// <summary>Points far out in unbounded ranges (the inverse must not overflow there).</summary>
    private static double[] Far(Interval range) =>
        new[] { 1e3, 1e6, 1e12 }.SelectMany(v => new[] { v, -v }).Where(range.Contains).ToArray();
}
