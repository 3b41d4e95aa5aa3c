using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Simplifications and derivatives remembered within one derivation (CasMemo): computed once, their work charged at
/// each use, so the work bound is reached where it was; never reused where the size checks would have stopped them.
/// </summary>
public class CasMemoTests
{
    private static string Nest(string f, int depth) => string.Concat(Enumerable.Repeat(f + "(", depth)) + "x" + new string(')', depth);

    /// <summary>What one analysis charges the bound, outside any memo.</summary>
    private static long WorkOf(string text)
    {
        using var scope = ComplexityBudget.Enter();
        ActivationAnalysis.Analyze(TestFormulas.Parse(text));
        return ComplexityBudget.MaxWork - scope.Remaining;
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("x/(1 + abs(x))")]
    [InlineData("tanh(tanh(tanh(x))) + 0.1*x")]
    public void ARepeatedAnalysisIsRememberedAndChargesTheSameWork(string text)
    {
        var work = WorkOf(text);
        using var memo = CasMemo.Enter();
        using var scope = ComplexityBudget.Enter();
        var start = Simplifier.FormsComputed;
        var first = ActivationAnalysis.Analyze(TestFormulas.Parse(text));
        var afterFirst = scope.Remaining;
        var firstForms = Simplifier.FormsComputed - start;
        var second = ActivationAnalysis.Analyze(TestFormulas.Parse(text));
        var secondForms = Simplifier.FormsComputed - start - firstForms;

        // Again, every simplification and derivative is remembered: the forms left are those the monotonicity proof and
        // the inversion take outside any simplification (a few of them).
        Assert.True(secondForms * 10 < firstForms, $"{firstForms} normal forms computed the first time, {secondForms} the second");
        Assert.Equal(first, second);
        Assert.Equal(work, ComplexityBudget.MaxWork - afterFirst);
        Assert.Equal(work, afterFirst - scope.Remaining);
    }

    /// <summary>σ″ of tanh nested 40 deep has 17 380 terms: computed outside a bound it is returned, and inside one refused as before.</summary>
    [Fact]
    public void ADerivativeComputedOutsideABoundIsNotReusedInsideOne()
    {
        var first = Calculus.Differentiate(TestFormulas.Parse(Nest("tanh", 40)), "x");
        using var memo = CasMemo.Enter();
        Assert.True(ComplexityBudget.TreeSize(Calculus.Differentiate(first, "x")) > ComplexityBudget.MaxDerivativeSize);
        using var scope = ComplexityBudget.Enter();
        var e = Assert.Throws<FormulaTooComplexException>(() => Calculus.Differentiate(first, "x"));
        Assert.Equal("a derivative has 17380 terms, more than 5000", e.Message);
    }

    /// <summary>A remembered result charges its work at once: a bound one unit short of it stops with the simplifier's message.</summary>
    [Fact]
    public void ARememberedResultReachesTheBoundWhereComputingItDid()
    {
        var sigma = TestFormulas.Parse(Nest("tanh", 6));
        long work;
        using (var fresh = ComplexityBudget.Enter())
        {
            Calculus.Differentiate(Calculus.Differentiate(sigma, "x"), "x");
            work = ComplexityBudget.MaxWork - fresh.Remaining;
        }

        using var memo = CasMemo.Enter();
        using (ComplexityBudget.Enter()) Calculus.Differentiate(Calculus.Differentiate(sigma, "x"), "x");
        using (var enough = ComplexityBudget.Enter(work))
        {
            Calculus.Differentiate(Calculus.Differentiate(sigma, "x"), "x");
            Assert.Equal(0, enough.Remaining);
        }

        using (ComplexityBudget.Enter(work - 1))
        {
            var e = Assert.Throws<FormulaTooComplexException>(() => Calculus.Differentiate(Calculus.Differentiate(sigma, "x"), "x"));
            Assert.Equal("the simplifier needed more than 40000 rewrites", e.Message);
        }
    }
}
