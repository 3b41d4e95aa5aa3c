using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Encloses the values of an expression when its variables range over given intervals (unlisted
/// variables range over ℝ). A <c>where</c> whose condition the intervals decide takes one branch;
/// otherwise both branches are enclosed under the refined interval of the compared variable
/// (<c>where(x &gt; 0, a, b)</c>: a with x ∈ (0, ∞), b with x ∈ (−∞, 0]) and the hull is taken.
/// </summary>
internal static class IntervalEvaluator
{
    /// <summary>Every variable ranges over ℝ.</summary>
    public static Interval Evaluate(Expr e) => Evaluate(e, new Dictionary<string, Interval>());

    public static Interval Evaluate(Expr e, IReadOnlyDictionary<string, Interval> variables) => Evaluate(e, variables, onDomain: false);

    /// <summary>
    /// Encloses the values the expression takes where it is defined: each function sees only the part of its
    /// argument's enclosure inside its domain (sqrt(x) over ℝ is [0, ∞), not "anything"). For ranges, not for proofs
    /// that must hold everywhere.
    /// </summary>
    public static Interval EvaluateOnDomain(Expr e, IReadOnlyDictionary<string, Interval> variables) => Evaluate(e, variables, onDomain: true);

    private static Interval Evaluate(Expr e, IReadOnlyDictionary<string, Interval> variables, bool onDomain) => e switch
    {
        Constant c => double.IsNaN(c.Value) ? Interval.Real : Interval.Point(c.Value),
        Variable v => variables.TryGetValue(v.Name, out var range) ? range : Interval.Real,
        Unary u => Unary(u.Operator, onDomain ? Domain(u.Operator, Evaluate(u.Operand, variables, onDomain)) : Evaluate(u.Operand, variables, onDomain)),
        Binary b => Binary(b, variables, onDomain),
        Conditional c => Conditional(c, variables, onDomain),
        _ => Interval.Real,
    };

    /// <summary>The part of <paramref name="a"/> in the domain of <paramref name="op"/>.</summary>
    private static Interval Domain(UnaryOperator op, Interval a) => op switch
    {
        UnaryOperator.Log => a.Intersect(Interval.Of(0, false, double.PositiveInfinity, false)),
        UnaryOperator.Log1p => a.Intersect(Interval.Of(-1, false, double.PositiveInfinity, false)),
        UnaryOperator.Sqrt => a.Intersect(Interval.Of(0, true, double.PositiveInfinity, false)),
        UnaryOperator.Atanh => a.Intersect(Interval.Open(-1, 1)),
        _ => a,
    };

    /// <summary>Whether the comparison surely holds (true), surely fails (false), or either (null).</summary>
    public static bool? Decide(Comparison c, IReadOnlyDictionary<string, Interval> variables)
    {
        var l = Evaluate(c.Left, variables);
        var r = Evaluate(c.Right, variables);
        if (l.IsEmpty || r.IsEmpty)
        {
            return null;
        }

        var strict = !ComparisonRules.IncludesEquality(c.Operator);
        var (small, large) = ComparisonRules.IsGreater(c.Operator) ? (r, l) : (l, r);

        // "large op small" with op ∈ {>, >=}.
        var surelyTrue = strict
            ? large.Lower > small.Upper || (large.Lower == small.Upper && (!large.LowerClosed || !small.UpperClosed))
            : large.Lower >= small.Upper;
        var surelyFalse = strict
            ? large.Upper <= small.Lower
            : large.Upper < small.Lower || (large.Upper == small.Lower && (!large.UpperClosed || !small.LowerClosed));
        return surelyTrue ? true : surelyFalse ? false : null;
    }

    /// <summary>
    /// The variable ranges under the assumption that <paramref name="c"/> has the given truth; null when the
    /// assumption is impossible. Only comparisons of a variable with a constant refine.
    /// </summary>
    public static IReadOnlyDictionary<string, Interval>? Refine(
        Comparison c, bool truth, IReadOnlyDictionary<string, Interval> variables)
    {
        var oriented = c.Left is Constant && c.Right is Variable ? c.Swapped() : c;
        if (oriented.Left is not Variable v || oriented.Right is not Constant { Value: var k } || double.IsNaN(k))
        {
            return variables;
        }

        var op = oriented.Operator;
        var greater = ComparisonRules.IsGreater(op) == truth;
        var closed = ComparisonRules.IncludesEquality(op) == truth;

        // truth of "v > k" ⇒ v ∈ (k, ∞); falsity ⇒ v ∈ (−∞, k]; similarly for the other operators.
        var allowed = greater
            ? Interval.Of(k, closed, double.PositiveInfinity, false)
            : Interval.Of(double.NegativeInfinity, false, k, closed);
        var current = variables.TryGetValue(v.Name, out var r) ? r : Interval.Real;
        var refined = current.Intersect(allowed);
        if (refined.IsEmpty)
        {
            return null;
        }

        var copy = new Dictionary<string, Interval>();
        foreach (var pair in variables)
        {
            copy[pair.Key] = pair.Value;
        }

        copy[v.Name] = refined;
        return copy;
    }

    private static Interval Conditional(Conditional c, IReadOnlyDictionary<string, Interval> variables, bool onDomain)
    {
        var decided = Decide(c.Condition, variables);
        if (decided is bool known)
        {
            return Evaluate(known ? c.WhenTrue : c.WhenFalse, variables, onDomain);
        }

        var result = Interval.Empty;
        if (Refine(c.Condition, true, variables) is { } whenTrue)
        {
            result = result.Hull(Evaluate(c.WhenTrue, whenTrue, onDomain));
        }

        if (Refine(c.Condition, false, variables) is { } whenFalse)
        {
            result = result.Hull(Evaluate(c.WhenFalse, whenFalse, onDomain));
        }

        return result;
    }

    private static Interval Binary(Binary b, IReadOnlyDictionary<string, Interval> variables, bool onDomain)
    {
        var l = Evaluate(b.Left, variables, onDomain);
        if (b.Operator == BinaryOperator.Power && b.Right is Constant { Value: var q })
        {
            if (NumericFunctions.IsInteger(q) && Math.Abs(q) <= 1 << 20)
            {
                return IntervalArithmetic.PowInteger(l, (int)q);
            }

            // a^q for a non-integer q is defined for a ≥ 0 (a > 0 when q < 0).
            return IntervalArithmetic.PowReal(onDomain ? l.Intersect(Interval.Of(0, q > 0, double.PositiveInfinity, false)) : l, q);
        }

        var r = Evaluate(b.Right, variables, onDomain);
        return b.Operator switch
        {
            BinaryOperator.Add => IntervalArithmetic.Add(l, r),
            BinaryOperator.Subtract => IntervalArithmetic.Subtract(l, r),
            BinaryOperator.Multiply => IntervalArithmetic.Multiply(l, r),
            BinaryOperator.Divide => IntervalArithmetic.Divide(l, r),

            // a^b = exp(b·log a) for a > 0; anything else may be NaN.
            BinaryOperator.Power => l.IsPositive
                ? Unary(UnaryOperator.Exp, IntervalArithmetic.Multiply(r, Unary(UnaryOperator.Log, l)))
                : Interval.Real,
            BinaryOperator.Max => IntervalArithmetic.Max(l, r),
            BinaryOperator.Min => IntervalArithmetic.Min(l, r),
            _ => Interval.Real,
        };
    }

    /// <summary>The image of a unary function over an interval.</summary>
    public static Interval Unary(UnaryOperator op, Interval a)
    {
        if (a.IsEmpty)
        {
            return a;
        }

        switch (op)
        {
            case UnaryOperator.Negate:
                return IntervalArithmetic.Negate(a);
            case UnaryOperator.Abs:
                return IntervalArithmetic.Abs(a);
            case UnaryOperator.Sign:
                return IntervalArithmetic.Sign(a);
            case UnaryOperator.Exp:
                return IntervalArithmetic.Increasing(a, Math.Exp, v => v == 0);
            case UnaryOperator.Expm1:
                return IntervalArithmetic.Increasing(a, NumericFunctions.Expm1, v => v == 0);
            case UnaryOperator.Tanh:
                return IntervalArithmetic.Increasing(a, Math.Tanh, v => v == 0);
            case UnaryOperator.Sigmoid:
                return IntervalArithmetic.Increasing(a, NumericFunctions.Sigmoid, v => v == 0);
            case UnaryOperator.Log:
                return a.IsPositive ? IntervalArithmetic.Increasing(a, Math.Log, v => v == 1) : Interval.Real;
            case UnaryOperator.Log1p:
                return a.Lower > -1 || (a.Lower == -1 && !a.LowerClosed)
                    ? IntervalArithmetic.Increasing(a, NumericFunctions.Log1p, v => v == 0)
                    : Interval.Real;
            case UnaryOperator.Sqrt:
                return a.Lower >= 0
                    ? IntervalArithmetic.Increasing(a, Math.Sqrt, v => v == 0 || v == 1)
                    : Interval.Real;
            case UnaryOperator.Atanh:
                var inDomain = (a.Lower > -1 || (a.Lower == -1 && !a.LowerClosed))
                    && (a.Upper < 1 || (a.Upper == 1 && !a.UpperClosed));
                return inDomain ? IntervalArithmetic.Increasing(a, NumericFunctions.Atanh, v => v == 0) : Interval.Real;
            default:
                return Interval.Real;
        }
    }
}
