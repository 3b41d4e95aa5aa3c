using System;
using System.Globalization;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>
/// A seeded generator of composite formulas in the activation language (text, so the parser is exercised
/// too): arithmetic, powers, every function, max/min, where, built-ins bare and applied. Divisions and
/// logarithms are guarded (1 + u², abs(u) + 0.5) so that most points are finite.
/// </summary>
internal sealed class RandomFormulaGenerator
{
    private static readonly string[] Constants = { "0.5", "2", "1.5", "0.1", "3", "0.75", "1e-1", "2.5" };
    private static readonly string[] BareActivations = { "relu", "leaky_relu(0.2)", "tanh", "sigmoid", "softplus", "elu(0.7)", "silu", "gelu", "elu", "leaky_relu" };
    private static readonly string[] AppliedActivations = { "relu", "softplus", "silu", "gelu", "identity" };
    private readonly Random _random;

    public RandomFormulaGenerator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>A formula that depends on x.</summary>
    public string Next(int depth = 3)
    {
        while (true)
        {
            var text = Node(depth);
            var parsed = ActivationLanguage.Parse(text);
            if (parsed.Expression is { } e && Simplifier.Simplify(e).DependsOn("x"))
            {
                return text;
            }
        }
    }

    private string Node(int depth)
    {
        if (depth == 0 || _random.NextDouble() < 0.15)
        {
            return Leaf();
        }

        var a = Node(depth - 1);
        switch (_random.Next(20))
        {
            case 0: return "(" + a + ") + (" + Node(depth - 1) + ")";
            case 1: return "(" + a + ") - (" + Node(depth - 1) + ")";
            case 2: return "(" + a + ") * (" + Node(depth - 1) + ")";
            case 3: return Pick(Constants) + "*(" + a + ")";
            case 4: return "(" + a + ") / (1 + (" + Node(depth - 1) + ")^2)";
            case 5: return "(" + a + ")^" + (_random.Next(2) == 0 ? "2" : "3");
            case 6: return "exp(" + Pick(new[] { "0.5", "-0.3", "0.2" }) + "*(" + a + "))";
            case 7: return "tanh(" + a + ")";
            case 8: return "sigmoid(" + a + ")";
            case 9: return "abs(" + a + ")";
            case 10: return "sqrt(1 + (" + a + ")^2)";
            case 11: return "log(abs(" + a + ") + 0.5)";
            case 12: return "max(" + a + ", " + Node(depth - 1) + ")";
            case 13: return "min(" + a + ", " + Node(depth - 1) + ")";
            case 14: return "where(" + a + " " + Pick(new[] { ">", ">=", "<", "<=" }) + " " + Pick(Constants) + ", " + Node(depth - 1) + ", " + Node(depth - 1) + ")";
            case 15: return Pick(AppliedActivations) + "(" + a + ")";
            case 16: return "-(" + a + ")";
            case 17: return "-" + Pick(Constants) + "*x + (" + a + ")";
            case 18: return "sqrt(abs(" + a + ") + 1)";
            default: return "(1 + abs(" + a + "))^" + Pick(new[] { "-1", "1.5", "0.5", "-2" });
        }
    }

    private string Leaf()
    {
        var roll = _random.NextDouble();
        if (roll < 0.5)
        {
            return "x";
        }

        if (roll < 0.75)
        {
            return Pick(Constants);
        }

        return Pick(BareActivations);
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];

    /// <summary>Invariant text of a double, for building formulas in tests.</summary>
    public static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
