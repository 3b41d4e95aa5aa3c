using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Teleport.Generators.Tests.Fuzz;

/// <summary>
/// Activation formulas for the generator fuzz: random ones from the activation language's grammar (every
/// function, built-in and operator, constants from ordinary to beyond float's range, now and then a deep
/// nest) and text mutations of them (a character dropped, inserted or doubled, a number replaced by an
/// extreme one, x replaced by a constant), so both valid and near-valid formulas reach the generator.
/// </summary>
internal sealed class FormulaFuzzer(Random random)
{
    private static readonly string[] Unary = { "exp", "log", "tanh", "sigmoid", "abs", "sqrt" };
    private static readonly string[] BuiltIns = { "identity", "relu", "leaky_relu", "tanh", "sigmoid", "softplus", "elu", "silu", "gelu" };
    private static readonly string[] Parameterized = { "leaky_relu", "elu" };
    private static readonly string[] Operators = { "+", "-", "*", "/", "^" };
    private static readonly string[] Comparisons = { ">", "<", ">=", "<=" };

    private static readonly string[] Numbers =
    {
        "0", "1", "2", "0.5", "0.1", "3", "10", "0.01", "1e-3", "2.5", "100", "0.044715", "3.141592653589793",
    };

    private static readonly string[] Extremes = { "1e308", "1e39", "-1e39", "1e-320", "1e-45", "3.5e38", "0", "1e300", "-0", "4e38", "0.0000001" };

    private const string MutationCharacters = "x()+-*/^,.0123456789e <>=abcdefghijklmnopqrstuvwxyz_\"\\";

    /// <summary>A random formula of nesting at most <paramref name="depth"/>.</summary>
    public string Random(int depth)
    {
        var roll = random.Next(100);
        if (depth <= 0 || roll < 15) return Leaf();
        if (roll < 25) return BuiltInCall();
        if (roll < 45) return $"{Pick(Unary)}({Random(depth - 1)})";
        if (roll < 75)
        {
            var op = Pick(Operators);
            // Powers mostly with constant exponents, as the language's users write them.
            var right = op == "^" && random.Next(4) > 0 ? Pick(Numbers) : Random(depth - 1);
            return Parenthesize($"{Random(depth - 1)} {op} {right}");
        }

        if (roll < 85) return $"{(random.Next(2) == 0 ? "max" : "min")}({Random(depth - 1)}, {Random(depth - 1)})";
        return $"where({Random(depth - 1)} {Pick(Comparisons)} {Random(depth - 1)}, {Random(depth - 1)}, {Random(depth - 1)})";
    }

    /// <summary>One function nested <paramref name="depth"/> deep around x (tanh 22 deep used to hang the generator).</summary>
    public string Nest(int depth)
    {
        var f = random.Next(3) == 0 ? Pick(BuiltIns.Where(b => b != "identity").ToArray()) : Pick(Unary.Where(u => u != "log" && u != "sqrt").ToArray());
        return string.Concat(Enumerable.Repeat(f + "(", depth)) + "x" + new string(')', depth);
    }

    /// <summary>The formula with one random text mutation.</summary>
    public string Mutate(string formula)
    {
        if (formula.Length == 0) return Pick(Numbers);
        var i = random.Next(formula.Length);
        switch (random.Next(9))
        {
            case 0: return formula.Remove(i, 1);
            case 1: return formula.Insert(i, MutationCharacters[random.Next(MutationCharacters.Length)].ToString());
            case 2:
                var length = random.Next(1, Math.Min(8, formula.Length - i) + 1);
                return formula.Insert(i, formula.Substring(i, length));
            case 3: return ReplaceNumber(formula);
            case 4: return ReplaceFirst(formula, "x", Pick(Numbers));
            case 5: return $"{Pick(Unary)}({formula})";
            case 6: return formula.Replace("(", "").Replace(")", "");
            case 7: return $"{formula} {Pick(Operators)} {Random(1)}";
            default: return ReplaceFirst(formula, Pick(Operators), Pick(Operators));
        }
    }

    private string Leaf()
    {
        var roll = random.Next(10);
        if (roll < 5) return "x";
        if (roll < 8) return Pick(Numbers);
        if (roll < 9) return Pick(Extremes);
        return "-x";
    }

    private string BuiltInCall()
    {
        if (random.Next(2) == 0) return Pick(BuiltIns);
        var name = Pick(Parameterized);
        var parameter = random.Next(4) == 0 ? Pick(Extremes) : Pick(Numbers);
        return $"{name}({parameter})";
    }

    private string ReplaceNumber(string formula)
    {
        var digits = Enumerable.Range(0, formula.Length).Where(k => char.IsDigit(formula[k])).ToList();
        if (digits.Count == 0) return formula + "*" + Pick(Extremes);
        var start = digits[random.Next(digits.Count)];
        var end = start;
        while (start > 0 && (char.IsDigit(formula[start - 1]) || formula[start - 1] == '.')) start--;
        while (end < formula.Length && (char.IsDigit(formula[end]) || formula[end] is '.' or 'e')) end++;
        return formula.Substring(0, start) + Pick(Extremes) + formula.Substring(end);
    }

    private string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return at < 0 ? text : text.Substring(0, at) + with + text.Substring(at + what.Length);
    }

    private static string Parenthesize(string s) => "(" + s + ")";

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    /// <summary>A C# string literal's content for the formula (quotes and backslashes escaped).</summary>
    public static string Escape(string formula)
    {
        var sb = new StringBuilder(formula.Length);
        foreach (var c in formula)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }

        return sb.ToString();
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
