using System;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// uⁿ for an integer n past 64 (beyond repeated squaring): the scalar code calls Pow, the vector code had exp(n·log u),
/// NaN for every u &lt; 0, so a layer with σ = x^65 computed NaN in its vectorised path wherever the scalar path (and the
/// interpreter) gave a number. And float has no odd integer past 2²⁴: x^16777217 was Pow(x, 16777216f), +1 at x = −1.
/// Every width must now agree with the interpreter, negative inputs included.
/// </summary>
public class IntegerPowerVectorTests
{
    [Theory]
    [InlineData("x^65")]
    [InlineData("x^-65")]
    [InlineData("x^100")]
    [InlineData("x^-101")]
    [InlineData("2*(x - 0.01)^1001")]
    [InlineData("x^16777217")]
    [InlineData("x^-16777219")]
    public void EveryWidthMatchesTheInterpreterForNegativeInputs(string formula)
    {
        var e = Simplifier.Simplify(TestFormulas.Parse(formula));
        // Near ±1 (and 0), where uⁿ is neither 0 nor ∞ in float: 16 points, a whole register at every width.
        var points = new[] { -1.0, -0.999, -0.995, -0.99, -0.98, -0.97, -0.5, -0.0, 0.0, 0.5, 0.97, 0.98, 0.99, 0.995, 0.999, 1.0 };
        var compiler = new EmittedCodeCompiler();
        var handles = (from type in EmittedCodeCompiler.Types from width in EmittedCodeCompiler.Widths select (type, width, id: compiler.Add(e, type, width))).ToList();
        var kernels = compiler.Compile();
        foreach (var (type, width, id) in handles)
        {
            var results = new double[points.Length];
            kernels[id].Evaluate(points, results);
            for (var j = 0; j < points.Length; j++)
            {
                var x = type == NumericType.Float32 ? (double)(float)points[j] : points[j];
                var expected = Numerics.Eval(e, x);
                var what = $"{formula} ({type}, {width}) at {x}: {results[j]} vs {expected}";
                if (double.IsInfinity(expected) || Math.Abs(expected) > 1e30)
                {
                    Assert.True(double.IsInfinity(results[j]) || Math.Abs(results[j]) > 1e30, what);
                    Assert.Equal(Math.Sign(expected), Math.Sign(results[j]));
                    continue;
                }

                // exp(n·log|u|) carries n times log's rounding: 1e-4 of the value in float (n ≤ 1001), 1e-12 in double.
                var tolerance = type == NumericType.Float32 ? 1e-4 : 1e-12;
                Assert.True(Math.Abs(results[j] - expected) <= tolerance * Math.Max(Math.Abs(expected), 1e-30), what);
            }
        }
    }
}
