using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;
using Xunit.Abstractions;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>σ′ and σ″ against central finite differences (Richardson-extrapolated) in double, away from kinks.</summary>
public class DerivativeTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> BuiltIns => TestFormulas.BuiltIns.Select(b => new object[] { b });

    public static IEnumerable<object[]> RandomFormulas => TestFormulas.Random(30).Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void BuiltInDerivativesMatchFiniteDifferences(string formula) => CheckDerivatives(formula, minimumPoints: 30);

    [Theory]
    [MemberData(nameof(RandomFormulas))]
    public void RandomFormulaDerivativesMatchFiniteDifferences(string formula) => CheckDerivatives(formula, minimumPoints: 8);

    private void CheckDerivatives(string formula, int minimumPoints)
    {
        var sigma = Simplifier.Simplify(TestFormulas.Parse(formula));
        var first = Calculus.Differentiate(sigma, "x");
        var second = Calculus.Differentiate(first, "x");
        output.WriteLine("σ  = " + sigma);
        output.WriteLine("σ′ = " + first);
        output.WriteLine("σ″ = " + second);
        var checkedPoints = 0;
        foreach (var x in Numerics.SamplePoints(64, -4, 4))
        {
            var radius = 4e-3 * Math.Max(1, Math.Abs(x));
            if (Numerics.NearKink(sigma, x, radius) || Numerics.NearKink(first, x, radius))
            {
                continue;
            }

            var values = new[] { sigma, first, second }.Select(e => Numerics.Eval(e, x)).ToArray();
            if (!values.All(Numerics.IsFinite))
            {
                continue;
            }

            Check(formula, "σ′", x, Numerics.Eval(first, x), Numerics.Derivative(sigma, x), values[0]);
            Check(formula, "σ″", x, Numerics.Eval(second, x), Numerics.Derivative(first, x), values[1]);
            checkedPoints++;
        }

        Assert.True(checkedPoints >= minimumPoints, formula + ": only " + checkedPoints + " points away from kinks");
    }

    private static void Check(string formula, string what, double x, double symbolic, double numeric, double scale)
    {
        // Richardson's rounding error is ~1e-13·|f|; the derivative itself must agree to 1e-6 relative.
        var ok = Numerics.Close(symbolic, numeric, 1e-6, 1e-9 * Math.Max(1, Math.Abs(scale)));
        Assert.True(ok, formula + ": " + what + "(" + x + ") = " + symbolic + " but finite differences give " + numeric);
    }
}
