using Teleport.Generators.Symbolic.Scalar;
using Xunit.Abstractions;

namespace Teleport.Symbolic.Tests.Scalar;

public class Scratch(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        foreach (var text in new[] { "identity", "relu", "leaky_relu(0.1)", "tanh", "sigmoid", "softplus", "elu", "elu(0.5)", "silu", "gelu", "x + x^3", "2*x", "x/(1+abs(x))", "leaky_relu(-0.1)", "tanh(2*x+1)", "x^3", "max(x, 0.1*x)" })
        {
            var r = ActivationLanguage.Parse(text);
            var p = ActivationAnalysis.Analyze(r.Expression!);
            output.WriteLine($"{text}: {p.Activation} hom={p.IsPositivelyHomogeneous} inc={p.IsStrictlyIncreasing} pl={p.IsPiecewiseLinear} range={p.Range} inv={p.Inverse?.ToString() ?? "none"}");
            output.WriteLine($"   d1={p.FirstDerivative}");
        }
    }
}
