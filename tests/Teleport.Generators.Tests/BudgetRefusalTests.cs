using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// Formulas whose derivatives pass the CAS's bounds (TP0017) in the families that spent seconds before the refusal
/// (long products of sums, sums of nested functions, nested tanh): the same refusal, at the same bound and count, now
/// that the simplifier remembers the normal forms of sums and products within a call (Simplifier.Forms.cs; the
/// forms and the work charged are compared with and without that in RememberedFormsTests).
/// </summary>
public class BudgetRefusalTests
{
    private static string Nest(string f, int depth) => string.Concat(Enumerable.Repeat(f + "(", depth)) + "x" + new string(')', depth);

    public static TheoryData<string, string> Refused => new()
    {
        { string.Join(" * ", Enumerable.Range(1, 20).Select(k => $"(x + {k})")), "a derivative has 5343 terms, more than 5000" },
        { string.Join(" * ", Enumerable.Range(1, 6).Select(k => $"1/(x^2 + {k})")) + " * x", "a derivative has 8974 terms, more than 5000" },
        { string.Join(" + ", Enumerable.Range(1, 40).Select(k => $"tanh(tanh({k}*x))")), "a derivative has 7667 terms, more than 5000" },
        { Nest("tanh", 12), "a derivative has 6097 terms, more than 5000" },
        { Nest("tanh", 22), "a derivative has 141349 terms before simplification, more than 40000" },
        { Nest("tanh", 40), "a derivative has 17380 terms, more than 5000" },
        { "exp(tanh(exp(tanh(exp(tanh(exp(tanh(exp(tanh(x))))))))))", "a derivative has 6175 terms, more than 5000" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void APastTheBoundsFormulaIsRefusedWithTheSameCount(string formula, string reason)
    {
        var output = GeneratorHarness.Run(GeneratorHarness.DenseActivationNetwork(formula));
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0017");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("is too complex to derive: " + reason + ";", d.GetMessage());
        Assert.Empty(output.Sources);
    }
}
