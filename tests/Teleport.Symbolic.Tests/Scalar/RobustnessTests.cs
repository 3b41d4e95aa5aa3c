using System;
using System.Linq;
using System.Text;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// The generator must never crash on user text: parse anything, and derive everything for what parses —
/// and what it derives must hold where it can be checked (σ simplified, range, σ′, monotonicity, σ⁻¹).
/// </summary>
public class RobustnessTests
{
    private static readonly string[] Pieces =
    {
        "x", "x", "0", "1", "2.5", "1e-3", "-", "+", "*", "/", "^", "(", ")", ",", "<", ">=", " ", "exp", "log", "sqrt", "abs",
        "tanh", "max", "min", "where", "relu", "leaky_relu", "elu", "gelu", "softplus", "identity", "$", "y", "1e400", ".", "e",
    };

    [Fact]
    public void RandomTextNeverThrows()
    {
        var random = new Random(12345);
        var parsed = 0;
        var checkedPoints = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 14);
            for (var j = 0; j < length; j++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            var result = ActivationLanguage.Parse(text.ToString());
            Assert.True(result.Expression is not null || result.Error is not null);
            if (result.Error is { } error)
            {
                Assert.InRange(error.Position, 0, text.Length);
                Assert.InRange(error.Position + error.Length, 0, text.Length);
                Assert.False(string.IsNullOrEmpty(error.Message));
                continue;
            }

            parsed++;
            var p = ActivationAnalysis.Analyze(result.Expression!);
            foreach (var e in new[] { p.Activation, p.FirstDerivative, p.SecondDerivative, p.Inverse ?? Expr.Zero })
            {
                Assert.False(string.IsNullOrEmpty(MathText.Format(e)), text.ToString());
                Assert.False(string.IsNullOrEmpty(CSharpExpressionEmitter.Emit(e, NumericType.Float32, VectorWidth.V512, v => v).Result), text.ToString());
            }

            checkedPoints += AssertAnalysisHolds(text.ToString(), result.Expression!, p);
        }

        Assert.True(parsed > 100, "only " + parsed + " random texts parsed: the pipeline part was barely exercised");
        Assert.True(checkedPoints > 1000, "only " + checkedPoints + " sample points checked");
    }

    [Theory]
    [InlineData("log(x)", "log(x)", false, "(−∞, ∞)")]
    [InlineData("sqrt(x)", "sqrt(x)", false, "[0, ∞)")]
    [InlineData("1/x", "1 / x", false, "(−∞, ∞)")]
    [InlineData("x^x", "x^x", false, "(−∞, ∞)")]
    [InlineData("exp(exp(exp(x)))", "exp(exp(exp(x)))", true, "(2.718281828459044, ∞)")]
    [InlineData("where(log(x) > 0, x, -x)", "where(log(x) > 0, x, −x)", false, "(−∞, ∞)")]
    [InlineData("0*x", "0", false, "[0, 0]")]
    [InlineData("x - x", "0", false, "[0, 0]")]
    public void DegenerateFormulasAnalyze(string formula, string simplified, bool increasing, string range)
    {
        // (x/0 and log(0)*x are parse errors now: ParserUndefinedValueTests.)
        // Undefined on part of ℝ, constant, or overflowing: never claimed increasing unless it is, a range that holds
        var p = ActivationAnalysis.Analyze(TestFormulas.Parse(formula));
        Assert.Equal(simplified, MathText.Format(p.Activation));
        Assert.Equal(increasing, p.IsStrictlyIncreasing);
        Assert.Equal(range, p.Range.ToString());
        Assert.False(p.IsIdentity);
        Assert.False(string.IsNullOrEmpty(CSharpExpressionEmitter.Emit(p.SecondDerivative, NumericType.Float64, VectorWidth.Scalar, v => v).Result));
        AssertAnalysisHolds(formula, TestFormulas.Parse(formula), p);
    }

    /// <summary>
    /// What the analysis claims holds at sample points where σ is finite: the simplified σ equals the
    /// parsed one, σ lies in the derived range, σ′ agrees with central differences away from kinks, an
    /// increasing σ increases, and σ⁻¹ undoes σ. Returns the number of points checked.
    /// </summary>
    private static int AssertAnalysisHolds(string text, Expr parsed, ActivationProperties p)
    {
        var count = 0;
        double? previous = null;
        foreach (var x in Numerics.SamplePoints())
        {
            var y = Numerics.Eval(p.Activation, x);
            if (!Numerics.IsFinite(y) || Math.Abs(y) > 1e12)
            {
                previous = null;
                continue;
            }

            count++;
            var original = Numerics.Eval(parsed, x);
            Assert.True(Numerics.Close(original, y, 1e-9, 1e-9), $"{text}: simplified σ({x}) = {y}, parsed {original}");
            Assert.True(y >= p.Range.Lower - 1e-9 * (1 + Math.Abs(y)) && y <= p.Range.Upper + 1e-9 * (1 + Math.Abs(y)), $"{text}: σ({x}) = {y} outside {p.Range}");
            if (p.IsStrictlyIncreasing && previous is { } before)
                Assert.True(y >= before - 1e-12 * (1 + Math.Abs(y)), $"{text}: increasing σ fell to {y} at {x} from {before}");
            previous = y;
            if (!Numerics.NearKink(p.Activation, x, 1e-2))
            {
                var slope = Numerics.Eval(p.FirstDerivative, x);
                var fd = Numerics.Derivative(p.Activation, x);
                if (Numerics.IsFinite(fd) && Math.Abs(fd) < 1e8)
                    Assert.True(Numerics.Close(slope, fd, 1e-5, 1e-6), $"{text}: σ′({x}) = {slope}, differences {fd}");
            }

            if (p.IsStrictlyIncreasing && p.Inverse is { } inverse && Math.Abs(Numerics.Eval(p.FirstDerivative, x)) > 1e-3)
            {
                var back = Interpreter.Evaluate(inverse, ActivationAnalysis.InverseVariable, y);
                Assert.True(Numerics.Close(back, x, 1e-6, 1e-6), $"{text}: σ⁻¹(σ({x})) = {back}");
            }
        }

        return count;
    }
}
