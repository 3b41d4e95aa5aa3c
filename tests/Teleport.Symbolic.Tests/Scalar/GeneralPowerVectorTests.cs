using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// aᵇ with a variable exponent (σ = x^x, abs(x)^x, 2^x, and the b·a^(b−1), aᵇ·log a of every derivative): the scalar
/// code calls Pow, the vector code had exp(b·log a), NaN for (−2)³ or 0⁰ where Pow gives −8 or 1, so an element gave
/// one value in a loop's SIMD body and another in its scalar tail. Every width must now give Pow's value on every input
/// class: negative bases with integer and other exponents, ±0, ±∞, ±1 and NaN, in either operand.
/// </summary>
public class GeneralPowerVectorTests
{
    /// <summary>Each IEEE pow case: signs, integers odd and even, fractions, 0, 1, ∞, NaN (a multiple of 16 once squared).</summary>
    private static readonly double[] Classes =
    {
        double.NegativeInfinity, -3, -2, -1, -0.5, -0.0, 0.0, 0.5, 1, 2, 3, 2.5, -2.5, double.PositiveInfinity, double.NaN, 1e300,
    };

    [Fact]
    public void EveryWidthGivesPowForEveryPairOfInputClasses()
    {
        var power = Expr.Pow(Expr.Var("x"), Expr.Var("y"));
        var xs = Classes.SelectMany(a => Classes.Select(_ => a)).ToArray();
        var ys = Classes.SelectMany(_ => Classes).ToArray();
        var compiler = new EmittedCodeCompiler();
        var handles = (from type in EmittedCodeCompiler.Types from width in EmittedCodeCompiler.Widths select (type, width, id: compiler.AddBinary(power, type, width))).ToList();
        var kernels = compiler.Compile();
        foreach (var (type, width, id) in handles)
        {
            var results = new double[xs.Length];
            kernels[id].Evaluate(xs, ys, results);
            for (var i = 0; i < xs.Length; i++)
            {
                var (a, b) = type == NumericType.Float32 ? ((double)(float)xs[i], (double)(float)ys[i]) : (xs[i], ys[i]);
                // The interpreter's aᵇ (Math.Pow, IEEE pow), in the emitted type.
                var pow = Interpreter.Evaluate(power, name => name == "x" ? a : b);
                var expected = type == NumericType.Float32 ? (float)pow : pow;
                AssertSameValue(expected, results[i], type, $"{a}^{b} ({type}, {width})");
            }
        }
    }

    [Theory]
    [InlineData("x^x")]
    [InlineData("abs(x)^x")]
    [InlineData("2^x")]
    [InlineData("(x - 1)^(x + 1)")]
    [InlineData("x^(2*x)")]
    [InlineData("0.5^x")]
    [InlineData("(-2)^x")]
    [InlineData("(-1)^x")]
    public void VectorActivationAndDerivativesMatchScalarCode(string formula)
    {
        var sigma = Simplifier.Simplify(TestFormulas.Parse(formula));
        Assert.Contains(ExprWalker.Nodes(sigma), n => n is Binary { Operator: BinaryOperator.Power, Right: not Constant });
        AssertWidthsAgree(formula, sigma);
    }

    /// <summary>
    /// A constant exponent that is no integer or half-integer (the vector code's exp(n·log u)): NaN for u &lt; 0 as Pow,
    /// but Pow's (−∞)ⁿ is ∞ (n &gt; 0) or 0 (n &lt; 0), where log(−∞) made the vector lanes NaN.
    /// </summary>
    [Theory]
    [InlineData("x^1.3")]
    [InlineData("x^-0.7")]
    [InlineData("(x + 1)^2.25")]
    public void ConstantFractionalPowerMatchesScalarCode(string formula) =>
        AssertWidthsAgree(formula, Simplifier.Simplify(TestFormulas.Parse(formula)));

    /// <summary>
    /// The common case stays cheap: a constant base that is positive, finite and not 1 in the emitted type is exp(b·log k)
    /// alone (Pow's value there); a base that may be negative, ±0, 1 or ∞ gets the selects (⌊b⌋ tells integers).
    /// </summary>
    [Theory]
    [InlineData("2^x", false, false)]
    [InlineData("0.5^x", true, false)]
    [InlineData("1.00000001^x", true, false)]
    [InlineData("1.00000001^x", false, true)]
    [InlineData("(-2)^x", false, true)]
    [InlineData("x^x", true, true)]
    [InlineData("abs(x)^x", false, true)]
    public void OnlyABaseThatMayBeNegativeZeroOneOrInfiniteGetsTheSelects(string formula, bool inDouble, bool selects)
    {
        var type = inDouble ? NumericType.Float64 : NumericType.Float32;
        var emitted = CSharpExpressionEmitter.Emit(Simplifier.Simplify(TestFormulas.Parse(formula)), type, VectorWidth.V256, v => v);
        var code = string.Concat(emitted.Statements) + emitted.Result;
        Assert.Equal(selects, code.Contains("Floor"));
        Assert.Contains("Exp(", code);
    }

    /// <summary>σ, σ′ and σ″ at every width against the scalar code of the same type, and the scalar double code against the interpreter.</summary>
    private static void AssertWidthsAgree(string formula, Expr sigma)
    {
        var first = Calculus.Differentiate(sigma, "x");
        var second = Calculus.Differentiate(first, "x");
        // Negative integers (where Pow is defined), fractions (where it is not), ±0, ±1, ±∞, NaN: one register at every width.
        var points = new[] { double.NegativeInfinity, -4, -3, -2, -1, -0.5, -0.0, 0.0, 0.5, 1, 1.5, 2, 3, double.PositiveInfinity, double.NaN, -2.5 };
        var compiler = new EmittedCodeCompiler();
        var handles = (from e in new[] { sigma, first, second } from type in EmittedCodeCompiler.Types from width in EmittedCodeCompiler.Widths
                       select (e, type, width, id: compiler.Add(e, type, width))).ToList();
        var kernels = compiler.Compile();
        var scalar = new Dictionary<(Expr, NumericType), double[]>();
        foreach (var (e, type, width, id) in handles.OrderBy(h => h.width != VectorWidth.Scalar))
        {
            var results = new double[points.Length];
            kernels[id].Evaluate(points, results);
            if (width == VectorWidth.Scalar)
            {
                scalar[(e, type)] = results;
                if (type == NumericType.Float64)
                {
                    // The scalar double code is the interpreter's formula with Math.Pow.
                    for (var j = 0; j < points.Length; j++)
                    {
                        AssertSameValue(Numerics.Eval(e, points[j]), results[j], type, $"{formula}: {e} scalar at {points[j]} vs the interpreter");
                    }
                }

                continue;
            }

            for (var j = 0; j < points.Length; j++)
            {
                AssertSameValue(scalar[(e, type)][j], results[j], type, $"{formula}: {e} ({type}, {width}) at {points[j]} vs scalar code");
            }
        }
    }

    [Theory]
    [InlineData("x^x")]
    [InlineData("abs(x)^x")]
    [InlineData("2^x")]
    public void VectorDerivativesMatchFiniteDifferences(string formula)
    {
        var sigma = Simplifier.Simplify(TestFormulas.Parse(formula));
        var first = Calculus.Differentiate(sigma, "x");
        // Points where σ is differentiable (σ is defined near them; away from abs's kink at 0): 16, a register at every width.
        var points = Enumerable.Range(0, 16).Select(i => 0.3 + (i * 0.17)).ToArray();
        var compiler = new EmittedCodeCompiler();
        var handles = EmittedCodeCompiler.Widths.Where(w => w != VectorWidth.Scalar).Select(w => (w, id: compiler.Add(first, NumericType.Float64, w))).ToList();
        var kernels = compiler.Compile();
        foreach (var (width, id) in handles)
        {
            var results = new double[points.Length];
            kernels[id].Evaluate(points, results);
            for (var j = 0; j < points.Length; j++)
            {
                var numeric = Numerics.Derivative(sigma, points[j]);
                Assert.True(Numerics.Close(results[j], numeric, 1e-6, 1e-9), $"{formula}′ ({width}) at {points[j]}: {results[j]} vs finite differences {numeric}");
            }
        }
    }

    /// <summary>
    /// The same value: both NaN, the same infinity, the same signed zero (a NaN's sign bit is no value), or finite and within exp∘log's rounding
    /// (b·log|a| carries log's relative error times |b·log a| into the result: 1e-5 in float, 1e-12 in double here).
    /// </summary>
    private static void AssertSameValue(double expected, double actual, NumericType type, string what)
    {
        var message = $"{what}: {actual} but expected {expected}";
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals(actual), message);
            return;
        }

        if (expected == 0)
        {
            Assert.True(actual == 0 && double.IsNegative(expected) == double.IsNegative(actual), message);
            return;
        }

        var tolerance = type == NumericType.Float32 ? 1e-5 : 1e-12;
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), message);
    }
}
