using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>The common denominator the monotonicity and step proofs use, and its bound.</summary>
public class RationalFormTests
{
    /// <summary>A few denominators are put together, so the cancellation the interval analysis needs becomes explicit.</summary>
    [Fact]
    public void AFewDenominatorsArePutTogether()
    {
        var e = TestFormulas.Parse("1/(1 + abs(x)) - abs(x)/(1 + abs(x))^2");
        var together = RationalForm.Together(e);
        Assert.Equal(Simplifier.Simplify(TestFormulas.Parse("1/(1 + abs(x))^2")), together);
    }

    /// <summary>
    /// Past <see cref="RationalForm.MaxDenominators"/> distinct denominators a sum is not put over one: 71 of them (σ′ of
    /// x/(x − 0.37) plus 70 tanh terms) made a proof take 15 s, before the formula was refused as too complex anyway.
    /// (Its inner sums, of fewer, still are: the rewriting goes bottom-up.)
    /// </summary>
    [Fact]
    public void ASumOverTooManyDenominatorsIsLeftAsItIs()
    {
        string Sum(int n) => string.Join(" + ", Enumerable.Range(1, n).Select(k => $"1/(x^2 + {k})"));
        Assert.True(SumForm.IsSum(RationalForm.Together(TestFormulas.Parse(Sum(RationalForm.MaxDenominators + 1)))));
        Assert.False(SumForm.IsSum(RationalForm.Together(TestFormulas.Parse(Sum(RationalForm.MaxDenominators)))));
    }
}
