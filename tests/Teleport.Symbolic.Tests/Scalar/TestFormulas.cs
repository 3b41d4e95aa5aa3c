using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>The formulas the numeric tests run over: every built-in (with non-default parameters too) and seeded random composites.</summary>
internal static class TestFormulas
{
    public static readonly string[] BuiltIns =
    {
        "identity", "relu", "leaky_relu", "leaky_relu(0.1)", "tanh", "sigmoid", "softplus", "elu", "elu(0.5)", "silu", "gelu",
    };

    /// <summary>Random composite formulas (seeded, deterministic): at least 6 nodes once simplified.</summary>
    public static IReadOnlyList<string> Random(int count, int seed = 20240517, int depth = 3)
    {
        var generator = new RandomFormulaGenerator(seed);
        var formulas = new List<string>();
        while (formulas.Count < count)
        {
            var text = generator.Next(depth);
            if (Simplifier.Simplify(Parse(text)).Size >= 6 && !formulas.Contains(text))
            {
                formulas.Add(text);
            }
        }

        return formulas;
    }

    public static Expr Parse(string text)
    {
        var result = ActivationLanguage.Parse(text);
        Xunit.Assert.True(result.Success, text + ": " + result.Error?.Message);
        return result.Expression!;
    }
}
