using System;
using System.Linq;
using System.Text;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>The generator must never crash on user text: parse anything, and derive everything for what parses.</summary>
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
                Assert.NotNull(MathText.Format(e));
                Assert.NotNull(CSharpExpressionEmitter.Emit(e, NumericType.Float32, VectorWidth.V512, v => v).Result);
            }
        }

        Assert.True(parsed > 100, "only " + parsed + " random texts parsed: the pipeline part was barely exercised");
    }

    [Theory]
    [InlineData("log(x)")]
    [InlineData("sqrt(x)")]
    [InlineData("1/x")]
    [InlineData("x^x")]
    [InlineData("x/0")]
    [InlineData("log(0)*x")]
    [InlineData("exp(exp(exp(x)))")]
    [InlineData("where(log(x) > 0, x, -x)")]
    [InlineData("0*x")]
    [InlineData("x - x")]
    public void DegenerateFormulasAnalyze(string formula)
    {
        var p = ActivationAnalysis.Analyze(TestFormulas.Parse(formula));
        Assert.NotNull(p.Range);
        Assert.NotNull(CSharpExpressionEmitter.Emit(p.SecondDerivative, NumericType.Float64, VectorWidth.Scalar, v => v).Result);
    }
}
