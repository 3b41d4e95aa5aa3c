using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Constants below float's normal range at some inputs: the float code writes 1e-50 as 0f, and the 0 makes 0/0 or 0·(−∞)
/// where double divides by or takes the log of 1e-50: NaN in float where the Float64 twin computes a number. Only NaN the
/// rounding makes is found — not NaN double has too, nor NaN float's own overflow makes — and each finding is a witness input,
/// checked against the emitted float code's value there.
/// </summary>
public class FloatUnderflowTests
{
    private static Expr Parse(string text) => ActivationLanguage.Parse(text).Expression!;

    [Theory]
    [InlineData("x/sqrt(x^2 + 1e-50)", "x = 0", "x / sqrt(x^2 + 0)", "0/0", 0.0)]
    // log(0)·0: the log of the rounded constant, and x = 0 beside it.
    [InlineData("x + x*log(x^2 + 1e-50)", "x = 0", "x·log(x^2 + 0)", "0·(−∞)", 0.0)]
    // The constant only compared: x ≥ 0 holds at x = 0 in float, x ≥ 1e-50 does not in double.
    [InlineData("where(x >= 1e-50, x*log(x), 0)", "x = 0", "x·log(x)", "0·(−∞)", 0.0)]
    // A zero off the grid, where x − c is 0 at the constant c as float holds it (0.37f).
    [InlineData("(x - 0.37)/sqrt((x - 0.37)^2 + 1e-50)", "x = 0.3700000047683716", "(x − 0.3700000047683716) / sqrt((x − 0.3700000047683716)^2 + 0)", "0/0", 1.0)]
    // Between the samples, where no constant or ratio points: x² − c vanishes at ±0.37109375 (c = 0.37109375², exact in
    // float), off the 1/64 grid; the denominator's sign change there, bisected, gives the input (the search's leftover).
    [InlineData("(x^2 - 0.1377105712890625)/(x^2 - 0.1377105712890625 + 1e-50)", "x = −0.37109375", "(x^2 − 0.1377105712890625) / (x^2 − 0.1377105712890625 + 0)", "0/0", 0.0)]
    public void NaNFromAConstantBelowFloatIsFoundAtAnInput(string text, string inputs, string inFloat, string what, double twin)
    {
        var found = FloatRounding.FindNaNFromConstantOutsideFloat(Parse(text), Interval.Real);
        Assert.NotNull(found);
        Assert.Equal(inputs, found!.Inputs);
        Assert.Equal(inFloat, MathText.Format(FloatRounding.AsFloat(found.At)));
        Assert.Equal(what, found.What);
        Assert.Equal(1e-50, found.Constant);
        Assert.Equal(twin, found.Twin, 12);
    }

    [Fact]
    public void ASubnormalWhoseReciprocalIsBeyondFloatMakesZeroTimesInfinity()
    {
        // The gradient's kernel v·σ′(x) of x + x/(x² + 1e-40): σ′(0) = 1/1e-40 + 1 is 1e40 in double, +∞ in float (1e-40 is the
        // subnormal 9.9999461e-41 there), and the gradient v reaching the layer is 0. With 2⁻¹²⁶ in its place σ′(0) is finite.
        var kernel = Expr.Var("v") * ActivationAnalysis.Analyze(Simplifier.Simplify(Parse("x + x/(x^2 + 1e-40)"))).FirstDerivative;
        var found = FloatRounding.FindNaNFromConstantOutsideFloat(kernel, Interval.Real);
        Assert.NotNull(found);
        Assert.Equal("v = 0, x = 0", found!.Inputs);
        Assert.Equal("0·∞", found.What);
        Assert.Equal(1e-40, found.Constant);
        Assert.Equal(0, found.Twin);
    }

    [Theory]
    // The constant only changes values: 0·x³ is 0 at every sample input; a subnormal stays nonzero.
    [InlineData("x + 1e-50*x^3")]
    [InlineData("x + 1e-40*x^3")]
    [InlineData("x/sqrt(x^2 + 1e-40)")]
    // Float's own overflow met by the 0: exp(100) and (1e30)³ are ∞ in float, so 0·∞ is NaN there, but with a constant float
    // holds in 1e-50's place the float code computes +∞: the constant changes ±∞ into NaN, as any tiny term meets every overflow.
    [InlineData("x + 1e-50*exp(x)")]
    [InlineData("1e30*x + 1e-50*x^3")]
    // NaN in double too: x·log(x) is 0·(−∞) at x = 0 whatever the constant.
    [InlineData("x*log(x) + 1e-50*x")]
    // A pole in double: 1e-50/x² is +∞ at x = 0 in the twin (where the float code's 0/0 is NaN), outside σ's domain.
    [InlineData("x + 1e-50/x^2")]
    // No constant outside float's range: the search does not run, though float's exp(100) is ∞ and ∞·0 NaN.
    [InlineData("exp(x)*(x - 100)")]
    public void NoNaNFromAConstantBelowFloatIsFound(string text) =>
        Assert.Null(FloatRounding.FindNaNFromConstantOutsideFloat(Simplifier.Simplify(Parse(text)), Interval.Real));

    [Fact]
    public void NaNThatFloatsOwnOverflowMakesIsNotTheConstants()
    {
        // (exp(x) + 1e-50·x)·(x − 100) is NaN in the emitted float code at x = 100 — float's exp(100) is ∞, and ∞·0 — but with
        // any constant in 1e-50's place, 0 or one float holds, it would be: the rounding does not make it, so it is not found.
        var formula = Simplifier.Simplify(Parse("(exp(x) + 1e-50*x)*(x - 100)"));
        Assert.Null(FloatRounding.FindNaNFromConstantOutsideFloat(formula, Interval.Real));
        var compiler = new EmittedCodeCompiler();
        var handle = compiler.Add(formula, NumericType.Float32, VectorWidth.Scalar);
        var twin = compiler.Add(formula, NumericType.Float64, VectorWidth.Scalar);
        var kernels = compiler.Compile();
        Assert.True(double.IsNaN(At(kernels[handle], 100)));
        Assert.Equal(0, At(kernels[twin], 100));
    }

    [Fact]
    public void TheWitnessIsNaNInTheEmittedFloatCodeOfEveryWidthAndNotInTheTwin()
    {
        // The search evaluates as the float code does; the emitted code (scalar and vector, where both branches of a where are
        // computed) is NaN at the input found, and the Float64 code computes a number. A kernel's other arguments (v) are bound
        // to their values at the witness.
        var formulas = new[] { "x/sqrt(x^2 + 1e-50)", "x + x*log(x^2 + 1e-50)", "where(x >= 1e-50, x*log(x), 0)", "(x - 0.37)/sqrt((x - 0.37)^2 + 1e-50)" }
            .Select(f => Simplifier.Simplify(Parse(f)))
            .Append(Expr.Var("v") * ActivationAnalysis.Analyze(Simplifier.Simplify(Parse("x + x/(x^2 + 1e-40)"))).FirstDerivative)
            .ToList();
        var compiler = new EmittedCodeCompiler();
        var cases = new List<(Expr Formula, FloatNaN Found, NumericType Type, VectorWidth Width, int Handle)>();
        foreach (var formula in formulas)
        {
            var found = FloatRounding.FindNaNFromConstantOutsideFloat(formula, Interval.Real);
            Assert.NotNull(found);
            var variables = formula.FreeVariables;
            var bindings = variables.Select((v, i) => (v, i)).Where(p => p.v != "x").ToDictionary(p => p.v, p => (Expr)found!.Point[p.i]);
            foreach (var type in EmittedCodeCompiler.Types)
            {
                foreach (var width in EmittedCodeCompiler.Widths) cases.Add((formula, found!, type, width, compiler.Add(formula, type, width, bindings)));
            }
        }

        var kernels = compiler.Compile();
        foreach (var (formula, found, type, width, handle) in cases)
        {
            var x = found.Point[formula.FreeVariables.ToList().IndexOf("x")];
            var value = At(kernels[handle], x);
            Assert.True(type == NumericType.Float32 ? double.IsNaN(value) : NumericFunctions.IsFinite(value),
                $"{MathText.Format(formula)} ({type}, {width}) at {found.Inputs}: {value}");
        }
    }

    /// <summary>The kernel's value at <paramref name="x"/> (in every lane).</summary>
    private static double At(IEmittedKernel kernel, double x)
    {
        var results = new double[16];
        kernel.Evaluate(Enumerable.Repeat(x, 16).ToArray(), results);
        return results[0];
    }
}
