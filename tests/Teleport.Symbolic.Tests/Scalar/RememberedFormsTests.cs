using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// The simplifier remembers the normal forms of sums and products within one call (Simplifier.Forms.cs): the same
/// results and the same work charged as computing every form again, and far fewer forms computed.
/// </summary>
public class RememberedFormsTests
{
    private static string Nest(string f, int depth) => string.Concat(Enumerable.Repeat(f + "(", depth)) + "x" + new string(')', depth);

    private static string Sum(int n, System.Func<int, string> term) => string.Join(" + ", Enumerable.Range(1, n).Select(term));

    /// <summary>Formulas near and past the work bounds (TP0017), where the repeated forms cost seconds, and ordinary ones.</summary>
    private static IEnumerable<string> Formulas() => TestFormulas.BuiltIns
        .Concat(TestFormulas.Random(150))
        .Concat(TestFormulas.Random(60, seed: 11, depth: 4))
        .Concat(new[]
        {
            Nest("tanh", 8), Nest("tanh", 12), Nest("sigmoid", 6), Nest("exp", 5), Nest("silu", 3),
            Sum(20, k => $"tanh({k}*x)"), Sum(12, k => $"tanh(tanh({k}*x))"), Sum(8, k => $"where(x > {k}, tanh({k}*x), x)"),
            Sum(10, k => $"abs(x - {k})*tanh({k}*x)"), string.Join(" * ", Enumerable.Range(1, 12).Select(k => $"(x + {k})")),
            string.Join(" * ", Enumerable.Range(1, 5).Select(k => $"1/(x^2 + {k})")) + " * x", "x/(1 + abs(x))", "x/(x - 0.37) + tanh(x)",
        });

    /// <summary>What the analysis and two more derivatives give, and the work it charged, or where it stopped.</summary>
    private static (string Outcome, long Work) Analyse(string text)
    {
        using var scope = ComplexityBudget.Enter();
        try
        {
            var p = ActivationAnalysis.Analyze(TestFormulas.Parse(text));
            var third = Calculus.Differentiate(p.SecondDerivative, "x");
            var fourth = Calculus.Differentiate(third, "x");
            var outcome = string.Join(" | ", p.Activation, p.FirstDerivative, p.SecondDerivative, third, fourth, p.Inverse?.ToString() ?? "no inverse",
                p.IsStrictlyIncreasing, p.IsPositivelyHomogeneous, p.IsPiecewiseLinear, p.Range);
            return (outcome, ComplexityBudget.MaxWork - scope.Remaining);
        }
        catch (FormulaTooComplexException e)
        {
            return ("refused: " + e.Message, ComplexityBudget.MaxWork - scope.Remaining);
        }
    }

    [Fact]
    public void RememberingFormsChangesNoResultAndNoWorkCharged()
    {
        var refused = 0;
        foreach (var text in Formulas())
        {
            Simplifier.FormsForgotten = true;
            (string Outcome, long Work) computed;
            try
            {
                computed = Analyse(text);
            }
            finally
            {
                Simplifier.FormsForgotten = false;
            }

            var remembered = Analyse(text);
            Assert.True(computed.Outcome == remembered.Outcome, text + ":\n" + computed.Outcome + "\n" + remembered.Outcome);
            Assert.True(computed.Work == remembered.Work, $"{text}: {computed.Work} rewrites computing every form, {remembered.Work} remembering them");
            refused += remembered.Outcome.StartsWith("refused", System.StringComparison.Ordinal) ? 1 : 0;
        }

        // Both outcomes occur: refusals stop at the same place, accepted formulas give the same formulas.
        Assert.InRange(refused, 1, Formulas().Count() - 10);
    }

    /// <summary>
    /// σ″ of tanh nested 12 deep: a sum of products whose factors are sums, each chain asking for its forms at every
    /// node. Computing each again, the simplification computed about fifty times as many forms (37 262, not 773).
    /// </summary>
    [Fact]
    public void EachFormIsComputedOnceInASimplification()
    {
        var first = Calculus.Differentiate(TestFormulas.Parse(Nest("tanh", 12)), "x");
        long Forms(bool forgotten)
        {
            Simplifier.FormsForgotten = forgotten;
            try
            {
                var before = Simplifier.FormsComputed;
                Calculus.Differentiate(first, "x");
                return Simplifier.FormsComputed - before;
            }
            finally
            {
                Simplifier.FormsForgotten = false;
            }
        }

        var remembered = Forms(forgotten: false);
        var computed = Forms(forgotten: true);
        Assert.True(remembered * 10 < computed, $"{remembered} forms computed remembering them, {computed} computing each again");
    }
}
