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

    public static Interval Evaluate(Expr e, IReadOnlyDictionary<string, Interval> variables) => e switch
    {
        Constant c => double.IsNaN(c.Value) ? Interval.Real : Interval.Point(c.Value),
        Variable v => variables.TryGetValue(v.Name, out var range) ? range : Interval.Real,
        Unary u => Unary(u.Operator, Evaluate(u.Operand, variables)),
        Binary b => Binary(b, variables),
        Conditional c => Conditional(c, variables),
        _ => Interval.Real,
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

    private static Interval Conditional(Conditional c, IReadOnlyDictionary<string, Interval> variables)
    {
        var decided = Decide(c.Condition, variables);
        if (decided is bool known)
        {
            return Evaluate(known ? c.WhenTrue : c.WhenFalse, variables);
        }

        var result = Interval.Empty;
        if (Refine(c.Condition, true, variables) is { } whenTrue)
        {
            result = result.Hull(Evaluate(c.WhenTrue, whenTrue));
        }

        if (Refine(c.Condition, false, variables) is { } whenFalse)
        {
            result = result.Hull(Evaluate(c.WhenFalse, whenFalse));
        }

        return result;
    }

    private static Interval Binary(Binary b, IReadOnlyDictionary<string, Interval> variables)
    {
        var l = Evaluate(b.Left, variables);
        if (b.Operator == BinaryOperator.Power && b.Right is Constant { Value: var q })
        {
            return NumericFunctions.IsInteger(q) && Math.Abs(q) <= 1 << 20
                ? IntervalArithmetic.PowInteger(l, (int)q)
                : IntervalArithmetic.PowReal(l, q);
        }

        var r = Evaluate(b.Right, variables);
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
