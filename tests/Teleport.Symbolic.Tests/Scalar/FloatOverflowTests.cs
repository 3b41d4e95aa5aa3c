using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// Constants beyond float's range: the float code writes 1e39 as ∞, and ∞ meets 0 or −∞ at some inputs (∞·0, ∞ − ∞):
/// NaN in float where the Float64 twin computes a value. Each finding is a witness input, checked against the float code's
/// value there.
/// </summary>
public class FloatOverflowTests
{
    private static Expr Parse(string text) => ActivationLanguage.Parse(text).Expression!;

    [Theory]
    [InlineData("where(x > 0, x, 1e308*x)", "x = 0", "∞·x", "∞·0")]
    [InlineData("x + 1e60*x^3", "x = 0", "∞·x^3", "∞·0")]
    [InlineData("1e39*exp(x) - 1e39*exp(-x)", "x = −1", "∞·exp(x) − ∞·exp(−x)", "∞ − ∞")]
    // exp(x) > 0 for every x, but float's exp(−1000) is 0.
    [InlineData("1e39*exp(x)", "x = −1000", "∞·exp(x)", "∞·0")]
    // A zero off the grid, where x − c is 0 at the constant c as float holds it (0.37f).
    [InlineData("1e39*(x - 0.37)", "x = 0.3700000047683716", "∞·(x − 0.3700000047683716)", "∞·0")]
    // tanh(∞·0): the NaN is the product's, and tanh passes it on.
    [InlineData("tanh(1e39*x)", "x = 0", "∞·x", "∞·0")]
    public void NaNFromAConstantBeyondFloatIsFoundAtAnInput(string text, string inputs, string inFloat, string what)
    {
        var found = FloatRounding.FindNaNFromConstantOutsideFloat(Parse(text), Interval.Real);
        Assert.NotNull(found);
        Assert.Equal(inputs, found!.Inputs);
        Assert.Equal(inFloat, MathText.Format(FloatRounding.AsFloat(found.At)));
        Assert.Equal(what, found.What);
        Assert.True(FloatRounding.IsAboveFloat(found.Constant));
        Assert.False(double.IsNaN(found.Twin));
    }

    [Fact]
    public void AKernelsArgumentsAreTriedTogether()
    {
        // The gradient's kernel σ′(a0)·a1 of where(x > 1, 1e39·x, x): the gradient a1 reaching the layer is 0 where σ′ is ∞.
        var a0 = Expr.Var("a0");
        var kernel = Expr.Var("a1") * Expr.Where(a0 > 1, 1e39, 1);
        var found = FloatRounding.FindNaNFromConstantOutsideFloat(kernel, Interval.Real);
        Assert.NotNull(found);
        Assert.Equal("a0 = 2, a1 = 0", found!.Inputs);
        Assert.Equal("0·∞", found.What);
        Assert.Equal(0, found.Twin);
    }

    [Theory]
    // ±∞ only: the comparison with ∞ is false for every x; x + ∞ is ∞; ∞·x is taken for x > 0 only; x² + 1 is never 0.
    [InlineData("where(x > 1e39, x, 2*x)")]
    [InlineData("x + 1e39")]
    [InlineData("where(x > 0, 1e39*x, x)")]
    // As written: the generator simplifies it to 1e39·x² + 1e39, whose float code is NaN at x = 0 (∞·0).
    [InlineData("1e39*(x^2 + 1)")]
    // NaN in double too (sqrt of a negative number): not float's doing.
    [InlineData("sqrt(x - 1e39)")]
    // No constant beyond float's range (1e-50 is 0 in float, FindUndefined's business).
    [InlineData("1e30*x + 1e-50*x^3")]
    public void NoNaNFromOverflowIsFound(string text) => Assert.Null(FloatRounding.FindNaNFromConstantOutsideFloat(Parse(text), Interval.Real));

    [Fact]
    public void TheWitnessIsNaNInTheEmittedFloatCodeOfEveryWidthAndNotInTheTwin()
    {
        // The search evaluates as the float code does; the emitted code (scalar and vector, where both branches of a where are
        // computed) is NaN at the input found, and the Float64 code is not.
        var formulas = new[] { "leaky_relu(1e308)", "x + x^3*1e30*1e30", "1e39*exp(x) - 1e39*exp(-x)", "1e39*exp(x)", "tanh(1e39*x)" }
            .Select(f => Simplifier.Simplify(Parse(f))).ToList();
        var compiler = new EmittedCodeCompiler();
        var handles = formulas.SelectMany((f, i) => EmittedCodeCompiler.Types.SelectMany(t => EmittedCodeCompiler.Widths.Select(w => (i, t, w, compiler.Add(f, t, w))))).ToList();
        var kernels = compiler.Compile();
        foreach (var (i, type, width, handle) in handles)
        {
            var found = FloatRounding.FindNaNFromConstantOutsideFloat(formulas[i], Interval.Real);
            Assert.NotNull(found);
            var points = Enumerable.Repeat(found!.Point[0], 16).ToArray();
            var results = new double[16];
            kernels[handle].Evaluate(points, results);
            Assert.True(double.IsNaN(results[0]) == (type == NumericType.Float32), $"{formulas[i]} ({type}, {width}) at {found.Inputs}: {results[0]}");
        }
    }

    [Fact]
    public void OnlyInputsInTheDomainAreTried()
    {
        // σ⁻¹ takes σ's range: 1e39·(x − 5) is ∞·0 at x = 5, outside (0, 1).
        var formula = Parse("1e39*(x - 5)");
        Assert.Null(FloatRounding.FindNaNFromConstantOutsideFloat(formula, Interval.Open(0, 1)));
        Assert.Equal("x = 5", FloatRounding.FindNaNFromConstantOutsideFloat(formula, Interval.Real)!.Inputs);
    }
}
