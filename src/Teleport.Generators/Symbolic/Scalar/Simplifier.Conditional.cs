namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Canonical where-conditions, decided conditions, pruning of nested where, equal branches.</summary>
internal static partial class Simplifier
{
    private static Expr SimplifyConditional(Conditional c)
    {
        // a op a is decided by the operator alone (a ≥ a, a ≤ a true; a > a, a < a false), as x − x simplifies to 0.
        // Kept, the scalar code would compare a variable with itself (`a0 >= a0`: warning CS1718 in the user's build).
        if (c.Condition.Left.Equals(c.Condition.Right))
        {
            return ComparisonRules.IncludesEquality(c.Condition.Operator) ? c.WhenTrue : c.WhenFalse;
        }

        var condition = Canonical(c.Condition);
        if (condition is null)
        {
            return IntervalEvaluator.Decide(c.Condition, Empty) == true ? c.WhenTrue : c.WhenFalse;
        }

        var whenTrue = Prune(c.WhenTrue, condition, true);
        var whenFalse = Prune(c.WhenFalse, condition, false);
        if (whenTrue.Equals(whenFalse))
        {
            return whenTrue;
        }

        return condition.Equals(c.Condition) && ReferenceEquals(whenTrue, c.WhenTrue) && ReferenceEquals(whenFalse, c.WhenFalse)
            ? c
            : new Conditional(condition, whenTrue, whenFalse);
    }

    /// <summary>
    /// The canonical comparison, or null when interval analysis decides it. A constant goes to the right
    /// (<c>0 &lt; x</c> → <c>x &gt; 0</c>); with a constant right side, the left side loses its constant term and
    /// its coefficient when that is exact (<c>2x + 1 &gt; 0</c> → <c>x &gt; −0.5</c>, <c>−x &gt; 0</c> → <c>x &lt; 0</c>);
    /// two non-constants compare through their difference (<c>x &gt; 0.1·x</c> → <c>x &gt; 0</c>).
    /// </summary>
    private static Comparison? Canonical(Comparison c)
    {
        if (IntervalEvaluator.Decide(c, Empty) is not null)
        {
            return null;
        }

        if (c.Left is Constant && c.Right is not Constant)
        {
            c = c.Swapped();
        }

        if (c.Right is not Constant)
        {
            // l op r ⇔ l − r op 0 (the sign of the difference decides, ±∞ included): max(x, 0.1·x)′ compares x with 0.
            var difference = Simplify(c.Left - c.Right);
            if (difference is Constant)
            {
                return ComparisonRules.IsGreater(c.Operator) ? c : c.Swapped();
            }

            c = new Comparison(c.Operator, difference, Expr.Zero);
        }

        var k = ((Constant)c.Right).Value;

        var left = c.Left;
        var op = c.Operator;
        if (SumForm.IsSum(left) && SumForm.Of(left) is { Constant: not 0 } sum && NumericFunctions.IsFinite(k - sum.Constant))
        {
            k -= sum.Constant;
            left = sum.BuildWithoutConstant();
        }

        if (!SumForm.IsSum(left) && ProductForm.Of(left) is { Coefficient: not 1 and not 0 } product)
        {
            var scaled = k / product.Coefficient;
            if (scaled * product.Coefficient == k && NumericFunctions.IsFinite(scaled))
            {
                k = scaled;
                left = product.BuildBody();
                if (product.Coefficient < 0)
                {
                    op = ComparisonRules.Mirror(op);
                }
            }
        }

        return new Comparison(op, left, Expr.Const(k == 0 ? 0 : k));
    }

    /// <summary>
    /// Replaces each where inside <paramref name="branch"/> whose condition is decided by
    /// <paramref name="condition"/> having the value <paramref name="truth"/> (same condition, or a range
    /// implied for the compared variable) with the branch it takes.
    /// </summary>
    private static Expr Prune(Expr branch, Comparison condition, bool truth)
    {
        var ranges = IntervalEvaluator.Refine(condition, truth, Empty) ?? Empty;
        return ExprWalker.Rewrite(branch, node =>
        {
            if (node is not Conditional inner)
            {
                return node;
            }

            var decided = inner.Condition.Equals(condition)
                ? truth
                : ranges.Count > 0 ? IntervalEvaluator.Decide(inner.Condition, ranges) : null;
            return decided is bool b ? (b ? inner.WhenTrue : inner.WhenFalse) : node;
        });
    }
}
