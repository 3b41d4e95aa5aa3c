using System;
using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// NaN that a constant outside float's range brings into the float code, at some input. The emitter writes each constant as
/// a float literal (<see cref="CSharpDialect.ScalarLiteral"/>). One beyond float's range is ±∞ there, and ±∞ gives ±∞ with
/// every finite number except in ∞·0, ∞ − ∞, ∞/∞ and a function outside its domain (log(−∞)), which are NaN: leaky_relu(1e308)
/// is where(x &gt; 0, x, ∞·x) in float, NaN at x = 0; 1e39·exp(x) − 1e39·exp(−x) is ∞ − ∞ at every x; 1e39·exp(x) is ∞·0
/// where float's exp underflows to 0 (x &lt; −103.97). One below float's normal range is 0 or a subnormal there, and 0 makes
/// 0/0 and log(0)·0 where double divides by or takes the log of the constant: x + sqrt(1e-50 + x²) has σ′ = 1 + x/sqrt(x² + 0)
/// in float, 0/0 at x = 0; x + x·log(x² + 1e-50) is 0·log(0) = 0·(−∞) at x = 0; 0·(1/(x² + 1e-40)) is 0·∞ since 1/1e-40
/// is beyond float's range. Where the constant only changes values (x + 1e-50·x³ is x in float, x + 1e39 is +∞) the float
/// network still computes, with other values than its Float64 twin: TP0018's warning. The formula is taken as the emitter
/// writes it: 1e39·(x² + 1) is +∞ for every x, but simplified it is 1e39·x² + 1e39, and ∞·x² is NaN at x = 0.
/// </summary>
/// <remarks>
/// Found as <see cref="DomainCheck"/> finds σ undefined: by evaluating the formula, as the float code computes it (each
/// constant and each result rounded to float, a <c>where</c> taking its branch), at sample inputs — the grid of
/// <see cref="DomainCheck.SamplePoints"/>, the formula's constants ±c and their ratios ±c₁/c₂ (where x − c or c₂x − c₁ is
/// 0, the factor ∞ or the divisor 0 may meet) — and keeping an input where the result is NaN, the Float64 twin's a number,
/// and the constant is what makes the NaN. Beyond float's range: the operation that made the NaN has an operand that is ±∞ and
/// holds such a constant. Below it: the rounding makes the NaN — the formula computed exactly (in double) with the constants
/// as float holds them is NaN too (x/sqrt(x² + 0) at 0: the rounding alone divides 0 by 0), or the float code with them at
/// float's smallest normal magnitude instead computes a number (0·(1/(x² + 2⁻¹²⁶)) is 0, 1/2⁻¹²⁶ being within float's range,
/// where 1/1e-40 is not). Where the float code would compute ±∞ with the constant in range too, the NaN is float's own
/// overflow met by the 0 — x + 1e-50·x³ at x = 1e13, where x³ is ∞ in float, x + 1e-50·exp(x) at x = 100 — as a tiny
/// constant meets every overflow, and the constant only changed ±∞ into NaN there: not reported, as neither is a NaN that
/// involves no rounding at all ((exp(x) + 1e-50·x)·(x − 100) at x = 100: ∞·0 whatever the constant). A found input is a
/// witness, so the error it gives is true; a NaN at inputs between the samples goes unreported, and the constant stays
/// the warning.
/// </remarks>
internal static partial class FloatRounding
{
    /// <summary>The most inputs tried for a formula of several variables (a kernel's arguments a0, a1, …: 0, ±1, ±2 each for 4).</summary>
    private const int MaxInputs = 1024;

    /// <summary>
    /// An input (within <paramref name="domain"/> when the formula has one variable: σ⁻¹ takes σ's range) at which the float
    /// code of <paramref name="formula"/> computes NaN because of a constant outside float's range — ±∞ there
    /// (<see cref="IsAboveFloat"/>), or 0 or a subnormal (<see cref="IsBelowFloat"/>) — while the Float64 twin computes a number;
    /// null when the formula holds no such constant (then nothing is evaluated) or no sample input shows it.
    /// </summary>
    public static FloatNaN? FindNaNFromConstantOutsideFloat(Expr formula, Interval domain)
    {
        var above = HasInfinityInArithmetic(formula);
        var below = Find(formula, IsBelowFloat) is not null;
        if (!above && !below) return null;
        var variables = formula.FreeVariables;
        double[] point = Array.Empty<double>();
        double Input(string name) => point[IndexOf(variables, name)];
        var evaluation = new FloatEvaluation(Input, Round, inFloat: true);
        // The two evaluations that tell a NaN the rounding of constants below float's range makes (see the remarks).
        var rounded = below ? new FloatEvaluation(Input, c => IsBelowFloat(c) ? Round(c) : c, inFloat: false) : null;
        var inRange = below ? new FloatEvaluation(Input, c => IsBelowFloat(c) ? (c < 0 ? -SmallestNormal : SmallestNormal) : Round(c), inFloat: true) : null;
        foreach (var tried in Inputs(formula, variables, domain))
        {
            point = tried;
            evaluation.Clear();
            if (!double.IsNaN(evaluation.Value(formula))) continue;
            var at = evaluation.Origin(formula);
            var infinite = above ? ExprWalker.Children(at).FirstOrDefault(c => double.IsInfinity(evaluation.Value(c)) && Find(c, IsAboveFloat) is not null) : null;
            var constant = infinite is not null ? Find(infinite, IsAboveFloat)
                : below && MadeByRounding(formula, rounded!, inRange!) ? Find(at, IsBelowFloat) ?? Find(formula, IsBelowFloat)
                : null;
            if (constant is null) continue;
            // The twin computes a number there: where it is NaN or ±∞ too (1e-50/x² at 0) the input is outside σ's domain, not float's doing.
            var twin = Interpreter.Evaluate(formula, Input);
            if (!NumericFunctions.IsFinite(twin)) continue;
            var where = string.Join(", ", variables.Select((v, i) => v + " = " + MathText.Number(point[i])));
            return new FloatNaN(where, point, at, Operation(at, evaluation), constant.Value, twin);
        }

        return null;
    }

    /// <summary>
    /// Whether the float code's NaN at the current input is the rounding's of the constants below float's range: exact
    /// arithmetic on the constants as float holds them is NaN too, or float arithmetic on them at float's smallest normal
    /// magnitude computes a number.
    /// </summary>
    private static bool MadeByRounding(Expr formula, FloatEvaluation rounded, FloatEvaluation inRange)
    {
        rounded.Clear();
        if (double.IsNaN(rounded.Value(formula))) return true;
        inRange.Clear();
        return NumericFunctions.IsFinite(inRange.Value(formula));
    }

    /// <summary>
    /// Whether a constant beyond float's range is an operand of arithmetic or a function, not only of comparisons: ±∞ compared
    /// (x &gt; ∞ is false) never makes a NaN, so where(x &gt; 1e39, …) and its derivatives need no search. (A constant below
    /// float's range does make one compared: x ≥ 1e-50 holds at x = 0 in float, and where(x ≥ 1e-50, x·log(x), 0) is 0·(−∞) there.)
    /// </summary>
    private static bool HasInfinityInArithmetic(Expr formula)
    {
        foreach (var node in ExprWalker.Nodes(formula))
        {
            switch (node)
            {
                case Unary u when u.Operand is Constant c && IsAboveFloat(c.Value):
                case Binary b when (b.Left is Constant l && IsAboveFloat(l.Value)) || (b.Right is Constant r && IsAboveFloat(r.Value)):
                case Conditional w when (w.WhenTrue is Constant t && IsAboveFloat(t.Value)) || (w.WhenFalse is Constant f && IsAboveFloat(f.Value)):
                    return true;
            }
        }

        return formula is Constant k && IsAboveFloat(k.Value);
    }

    private static int IndexOf(IReadOnlyList<string> variables, string name)
    {
        for (var i = 0; i < variables.Count; i++)
        {
            if (variables[i] == name) return i;
        }

        throw new KeyNotFoundException("No value for variable '" + name + "'");
    }

    /// <summary>"∞·0", "0/0", "∞ − ∞", "log(−∞)": the NaN-making operation with its operands' values, as a message writes it.</summary>
    private static string Operation(Expr at, FloatEvaluation evaluation) => at switch
    {
        Unary u => UnaryRules.Name(u.Operator) + "(" + MathText.Number(evaluation.Value(u.Operand)) + ")",
        Binary b => Operand(evaluation.Value(b.Left)) + b.Operator switch
        {
            BinaryOperator.Add => " + ",
            BinaryOperator.Subtract => " − ",
            BinaryOperator.Multiply => "·",
            BinaryOperator.Divide => "/",
            BinaryOperator.Power => "^",
            _ => " " + BinaryRules.Name(b.Operator) + " ",
        } + Operand(evaluation.Value(b.Right)),
        _ => MathText.Format(at),
    };

    private static string Operand(double v) => v < 0 ? "(" + MathText.Number(v) + ")" : MathText.Number(v);

    /// <summary>
    /// The inputs tried, each a value per variable: for one variable the sample grid, then the formula's constants ±c and
    /// ratios ±c₁/c₂ (as float holds them), then the points between the samples (<see cref="DomainCheck.PointsBetweenSamples"/>:
    /// a 1/64 grid and the neighbourhoods of denominators' roots), within <paramref name="domain"/>; for several, the first
    /// values of the grid (0 first) for each, as many as keep the count within <see cref="MaxInputs"/>, the last variable
    /// varying fastest.
    /// </summary>
    private static IEnumerable<double[]> Inputs(Expr formula, IReadOnlyList<string> variables, Interval domain)
    {
        if (variables.Count == 0)
        {
            yield return Array.Empty<double>();
            yield break;
        }

        if (variables.Count == 1)
        {
            var seen = new HashSet<double>();
            var between = DomainCheck.PointsBetweenSamples(formula, variables[0]);
            foreach (var x in DomainCheck.SamplePoints.Concat(DomainCheck.ConstantPoints(formula, Round)).Concat(between))
            {
                if (domain.Contains(x) && seen.Add(x)) yield return new[] { x };
            }

            yield break;
        }

        var values = new[] { 0.0 }.Concat(DomainCheck.SamplePoints.Where(x => x != 0)).ToArray();
        var perVariable = 2;
        while (perVariable < values.Length && Math.Pow(perVariable + 1, variables.Count) <= MaxInputs) perVariable++;
        var digits = new int[variables.Count];
        while (true)
        {
            yield return digits.Select(d => values[d]).ToArray();
            var i = digits.Length - 1;
            while (i >= 0 && ++digits[i] == perVariable) digits[i--] = 0;
            if (i < 0) yield break;
        }
    }

    /// <summary>
    /// A formula's value at one input, each constant taken as <c>constant</c> makes it, and each input and result rounded to
    /// float when <c>inFloat</c> (as the float code computes it, with <see cref="Round"/> for the constants) or kept exact
    /// otherwise; a <c>where</c> takes its branch (the vector code computes both and selects, to the same value). For each NaN
    /// it keeps its origin, the operation that made it from operands that are not NaN.
    /// </summary>
    private sealed class FloatEvaluation
    {
        private readonly Func<string, double> _input;
        private readonly Func<double, double> _constant;
        private readonly Func<double, double> _result;
        private readonly Dictionary<Expr, double> _values = new(ReferenceComparer.Instance);
        private readonly Dictionary<Expr, Expr> _origins = new(ReferenceComparer.Instance);

        public FloatEvaluation(Func<string, double> input, Func<double, double> constant, bool inFloat)
        {
            _input = input;
            _constant = constant;
            _result = inFloat ? Round : v => v;
        }

        /// <summary>Forgets the values, for the next input.</summary>
        public void Clear()
        {
            _values.Clear();
            _origins.Clear();
        }

        /// <summary>The operation whose NaN reached <paramref name="e"/> (evaluated, and NaN).</summary>
        public Expr Origin(Expr e) => _origins[e];

        public double Value(Expr e)
        {
            if (_values.TryGetValue(e, out var known)) return known;
            var value = Compute(e);
            _values[e] = value;
            return value;
        }

        private double Compute(Expr e)
        {
            switch (e)
            {
                case Constant c:
                    return _constant(c.Value);
                case Variable v:
                    return _result(_input(v.Name));
                case Unary u:
                    return Traced(e, _result(UnaryRules.Evaluate(u.Operator, Value(u.Operand))), u.Operand);
                case Binary b:
                {
                    var left = Value(b.Left);
                    var right = Value(b.Right);
                    var value = b.Operator == BinaryOperator.Power ? Power(left, right) : BinaryRules.Evaluate(b.Operator, left, right);
                    return Traced(e, _result(value), b.Left, b.Right);
                }

                case Conditional c:
                {
                    var holds = ComparisonRules.Evaluate(c.Condition.Operator, Value(c.Condition.Left), Value(c.Condition.Right));
                    var branch = holds ? c.WhenTrue : c.WhenFalse;
                    return Traced(e, Value(branch), branch);
                }

                default:
                    throw new ArgumentException("Unknown expression node " + e.GetType().Name, nameof(e));
            }
        }

        /// <summary><paramref name="value"/>, noting a NaN's origin: the first NaN operand's, or <paramref name="e"/> itself.</summary>
        private double Traced(Expr e, double value, Expr first, Expr? second = null)
        {
            if (double.IsNaN(value))
            {
                _origins[e] = double.IsNaN(_values[first]) ? _origins[first]
                    : second is not null && double.IsNaN(_values[second]) ? _origins[second]
                    : e;
            }

            return value;
        }

        /// <summary>IEEE pow, whatever the host's Math.Pow does with 1^∞ (NaN on .NET Framework, 1 on .NET): the same finding everywhere.</summary>
        private static double Power(double a, double b) =>
            a == 1 || b == 0 ? 1 : a == -1 && double.IsInfinity(b) ? 1 : Math.Pow(a, b);
    }
}

/// <summary>
/// An input at which a formula's float code computes NaN because of a constant outside float's range: the input as a message
/// writes it (<see cref="Inputs"/>: "x = 0", "a0 = 2, a1 = 0") and its values (<see cref="Point"/>, one per free variable
/// in ordinal order), the operation that makes the NaN (<see cref="At"/>, as derived) and what it computes
/// (<see cref="What"/>: "∞·0", "0/0"), the constant (in double: beyond float's range or below it), and the Float64 twin's value
/// there (finite).
/// </summary>
internal sealed record FloatNaN(string Inputs, IReadOnlyList<double> Point, Expr At, string What, double Constant, double Twin);
