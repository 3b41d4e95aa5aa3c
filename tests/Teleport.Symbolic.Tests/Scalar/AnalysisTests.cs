using System;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

public class AnalysisTests
{
    private static ActivationProperties Analyze(string formula) => ActivationAnalysis.Analyze(TestFormulas.Parse(formula));

    [Theory]
    //          formula            identity homog.  incr.  pwl    range
    [InlineData("identity",         true,  true,  true,  true,  "(−∞, ∞)")]
    [InlineData("relu",             false, true,  false, true,  "[0, ∞)")]
    [InlineData("leaky_relu",       false, true,  true,  true,  "(−∞, ∞)")]
    [InlineData("leaky_relu(0.1)",  false, true,  true,  true,  "(−∞, ∞)")]
    [InlineData("tanh",             false, false, true,  false, "(−1, 1)")]
    [InlineData("sigmoid",          false, false, true,  false, "(0, 1)")]
    [InlineData("softplus",         false, false, true,  false, "(0, ∞)")]
    [InlineData("elu",              false, false, true,  false, "(−1, ∞)")]
    [InlineData("elu(0.5)",         false, false, true,  false, "(−0.5, ∞)")]
    [InlineData("silu",             false, false, false, false, "(−∞, ∞)")]
    [InlineData("gelu",             false, false, false, false, "(−∞, ∞)")]
    [InlineData("x + x^3",          false, false, true,  false, "(−∞, ∞)")]
    [InlineData("2*x",              false, true,  true,  true,  "(−∞, ∞)")]
    [InlineData("x/(1 + abs(x))",   false, false, true,  false, "(−∞, ∞)")]
    [InlineData("leaky_relu(-0.1)", false, true,  false, true,  "[0, ∞)")]
    [InlineData("max(x, 0.1*x)",    false, true,  true,  true,  "(−∞, ∞)")]
    [InlineData("abs(x)",           false, true,  false, true,  "[0, ∞)")]
    [InlineData("where(x > 0, 2*x, 0.5*x)", false, true, true, true, "(−∞, ∞)")]
    [InlineData("x^3",              false, false, false, false, "(−∞, ∞)")]
    [InlineData("x^2",              false, false, false, false, "[0, ∞)")]
    [InlineData("relu + 1",         false, false, false, true,  "[1, ∞)")]
    [InlineData("exp(x)",           false, false, true,  false, "(0, ∞)")]
    [InlineData("tanh(2*x + 1)",    false, false, true,  false, "(−1, 1)")]
    [InlineData("-tanh",            false, false, false, false, "(−1, 1)")]
    [InlineData("elu(-1)",          false, false, false, false, "[0, ∞)")]
    public void DerivesProperties(string formula, bool identity, bool homogeneous, bool increasing, bool piecewiseLinear, string range)
    {
        var p = Analyze(formula);
        Assert.Equal(identity, p.IsIdentity);
        Assert.Equal(homogeneous, p.IsPositivelyHomogeneous);
        Assert.Equal(increasing, p.IsStrictlyIncreasing);
        Assert.Equal(piecewiseLinear, p.IsPiecewiseLinear);
        Assert.Equal(range, p.Range.ToString());
    }

    [Theory]
    [InlineData("identity", true)]
    [InlineData("relu", false)]
    [InlineData("leaky_relu(0.1)", true)]
    [InlineData("tanh", true)]
    [InlineData("sigmoid", true)]
    [InlineData("softplus", true)]
    [InlineData("elu", true)]
    [InlineData("elu(0.5)", true)]
    [InlineData("silu", false)]
    [InlineData("gelu", false)]
    public void InverseExistsExactlyForInvertibleBuiltIns(string formula, bool invertible) =>
        Assert.Equal(invertible, Analyze(formula).Inverse is not null);

    [Theory]
    [InlineData("where(x > 0, x, exp(x))")]           // falls from 1 to 0 at 0: σ(−0.1) = σ(0.905)
    [InlineData("where(x > 0, log(x), x)")]            // from 0 to −∞ at 0
    [InlineData("where(x > 0, x + 1, x)")]             // rises over the gap (0, 1], where its σ⁻¹ was y ↦ y
    [InlineData("where(x > 0, 2*x, x - 1)")]           // over the gap (−1, 0]
    [InlineData("where(x > 0, tanh(x) + 1, tanh(x))")] // over the gap (0, 1]; the range was said (−1, 2)
    [InlineData("where(abs(x) > 0.5, x, 0.25*x)")]     // the condition's cut points are not known
    public void AJumpIsNotProvedIncreasingNorInverted(string formula)
    {
        // σ′ > 0 on each piece was taken for σ increasing; the jump-up ones got σ⁻¹ and S3 "exact for any data".
        var p = Analyze(formula);
        Assert.False(p.IsStrictlyIncreasing, formula);
        Assert.Null(p.Inverse);
    }

    [Theory]
    [InlineData("where(x > 0, x + log(1 + exp(-x)), log(1 + exp(x)))")] // softplus as defined: both branches log 2 at 0
    [InlineData("where(x < 0, exp(x) - 1, x)")]
    [InlineData("where(0 < x, 2*x, 0.5*x)")]
    [InlineData("where(x >= 1, 2*x - 1, x)")]
    public void AContinuousPiecewiseFormulaIsStillProvedIncreasing(string formula)
    {
        var p = Analyze(formula);
        Assert.True(p.IsStrictlyIncreasing, formula);
        Assert.NotNull(p.Inverse);
    }

    [Fact]
    public void PropertiesAreEquatable()
    {
        var a = Analyze("gelu");
        var b = Analyze("gelu");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Analyze("silu"));
    }

    [Fact]
    public void DerivativesInPropertiesAreTheCalculusOnes()
    {
        var p = Analyze("tanh");
        Assert.Equal("1 − tanh(x)^2", p.FirstDerivative.ToString());
        Assert.Equal(Calculus.Differentiate(p.FirstDerivative, "x"), p.SecondDerivative);
        Assert.Equal("atanh(y)", p.Inverse!.ToString());
    }

    /// <summary>The claims are checked against the numbers: a proof of σ′ &gt; 0 must hold at sample points.</summary>
    [Fact]
    public void ClaimsHoldNumericallyForRandomFormulas()
    {
        var proved = 0;
        foreach (var formula in TestFormulas.Random(60, seed: 4242))
        {
            var p = Analyze(formula);
            var sigma = p.Activation;
            foreach (var x in Numerics.SamplePoints(60, -8, 8))
            {
                var value = Numerics.Eval(sigma, x);
                if (!Numerics.IsFinite(value))
                {
                    continue;
                }

                // Rounding may reach an open end (tanh(20) = 1 in double): allow 1e-12 at the ends.
                var nearEnd = Math.Abs(value - p.Range.Lower) <= 1e-12 * Math.Max(1, Math.Abs(value))
                    || Math.Abs(value - p.Range.Upper) <= 1e-12 * Math.Max(1, Math.Abs(value));
                Assert.True(p.Range.Contains(value) || nearEnd, formula + ": σ(" + x + ") = " + value + " outside " + p.Range);
                if (p.IsStrictlyIncreasing)
                {
                    Assert.True(Numerics.Eval(p.FirstDerivative, x) > 0, formula + ": σ′(" + x + ") ≤ 0");
                    // σ′ > 0 between the sample points is not enough: σ itself must rise from one point to the next (a jump down).
                    var next = Numerics.Eval(sigma, x + 16.0 / 60);
                    Assert.True(!Numerics.IsFinite(next) || next >= value, formula + ": σ(" + (x + 16.0 / 60) + ") = " + next + " < σ(" + x + ") = " + value);
                }

                if (p.IsPositivelyHomogeneous)
                {
                    Assert.True(Numerics.Close(Numerics.Eval(sigma, 2.5 * x), 2.5 * value, 1e-9, 1e-12), formula + " is not homogeneous");
                }
            }

            proved += p.IsStrictlyIncreasing ? 1 : 0;
        }

        Assert.True(proved > 0, "no random formula was proved increasing: the check would be vacuous");
    }
}
