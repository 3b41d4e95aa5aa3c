using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Brings an expression to a canonical, compact form without changing its value wherever the original
/// is defined: constant folding, 0/1 identities, sums and products in normal form (<see cref="SumForm"/>,
/// <see cref="ProductForm"/>: like terms and like factors combined, canonical order), function identities
/// (log(exp u) = u, log(1 + u) = log1p(u), odd functions pull out signs, |u| and sign(u) decided by
/// interval analysis), where-conditions in canonical form and decided when possible, nested where pruned
/// under the enclosing condition, equal branches merged.
/// </summary>
/// <remarks>
/// Rewrites run bottom-up over the DAG and repeat at each node until nothing changes. The only liberty taken is the
/// usual one of computer algebra: a point where the original is undefined (0/0, NaN) may become defined
/// (x/x = 1, 0·u = 0), never the other way round.
/// </remarks>
internal static partial class Simplifier
{
    private const int MaxRounds = 12;

    /// <summary>Results of the outermost <see cref="Simplify"/> call on this thread, shared by nested calls.</summary>
    [ThreadStatic]
    private static Context? _context;

    public static Expr Simplify(Expr e) => _context is null ? CasMemo.Simplified(e, SimplifyInContext) : SimplifyInContext(e);

    /// <summary>Whether a simplification is under way on this thread (a call now shares its context).</summary>
    internal static bool InCall => _context is not null;

    private static Expr SimplifyInContext(Expr e)
    {
        var outermost = _context is null;
        _context ??= new Context();
        try
        {
            return Simp(e, _context);
        }
        finally
        {
            if (outermost)
            {
                _context = null;
            }
        }
    }

    /// <summary>
    /// Simplifies the children, applies the node's rule, and repeats until the rule changes nothing; results
    /// are remembered (structurally), so a subexpression met again costs a lookup.
    /// </summary>
    private static Expr Simp(Expr e, Context context)
    {
        if (context.Results.TryGetValue(e, out var known))
        {
            return known;
        }

        ComplexityBudget.Charge();
        if (!context.InProgress.Add(e))
        {
            // A rule asked for the node being simplified: leave it as it is (never loop).
            context.InProgressMet++;
            return e;
        }

        var current = e;
        for (var round = 0; round < MaxRounds; round++)
        {
            var rebuilt = ExprWalker.WithChildren(current, child => Simp(child, context));
            var next = Rule(rebuilt);
            if (next.Equals(rebuilt))
            {
                current = rebuilt;
                break;
            }

            current = next;
        }

        context.InProgress.Remove(e);
        context.Remember(e, current);
        context.Remember(current, current);
        return current;
    }

    private static Expr Rule(Expr e) => e switch
    {
        Constant c => c.Value == 0 && !ReferenceEquals(c, Expr.Zero) ? Expr.Zero : c,
        Unary u => SimplifyUnary(u),
        Binary b => SimplifyBinary(b),
        Conditional c => SimplifyConditional(c),
        _ => e,
    };

    /// <summary>The constant value, or null when the result would be NaN or infinite (kept symbolic).</summary>
    private static Expr? Fold(double value) =>
        NumericFunctions.IsFinite(value) ? Expr.Const(value == 0 ? 0 : value) : null;

    private static Expr SimplifyBinary(Binary b)
    {
        if (b.Left is Constant l && b.Right is Constant r
            && Fold(BinaryRules.Evaluate(b.Operator, l.Value, r.Value)) is { } folded)
        {
            return folded;
        }

        switch (b.Operator)
        {
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
                return SumForm.Of(b).BuildFactored();
            case BinaryOperator.Multiply:
            case BinaryOperator.Divide:
                return Product(b);
            case BinaryOperator.Power:
                if (b.Right is Constant)
                {
                    return Product(b);
                }

                return b.Left is Constant { Value: 1 } ? Expr.One : b;
            default:
                return MaxMin(b);
        }
    }

    /// <summary>The product's normal form; k·(a + b) distributes so that it equals k·a + k·b.</summary>
    private static Expr Product(Expr e)
    {
        var form = ProductForm.Of(e);
        return form.AsScaledSum() is { } sum
            ? SumForm.Of(Expr.Const(form.Coefficient) * sum).Build()
            : form.Build();
    }

    private static Expr MaxMin(Binary b)
    {
        var isMax = b.Operator == BinaryOperator.Max;
        if (b.Left.Equals(b.Right))
        {
            return b.Left;
        }

        // Decided by interval analysis: max(a, b) = a when a ≥ b everywhere.
        if (IntervalEvaluator.Decide(b.Left >= b.Right, Empty) is bool leftLarger)
        {
            return leftLarger == isMax ? b.Left : b.Right;
        }

        if (IntervalEvaluator.Decide(b.Right >= b.Left, Empty) is bool rightLarger)
        {
            return rightLarger == isMax ? b.Right : b.Left;
        }

        return ExprOrder.Instance.Compare(b.Left, b.Right) > 0 ? new Binary(b.Operator, b.Right, b.Left) : b;
    }

    /// <summary>No assumptions: every variable ranges over ℝ.</summary>
    private static readonly IReadOnlyDictionary<string, Interval> Empty = new Dictionary<string, Interval>();

    /// <summary>The coefficient of an expression's product form (−2 for −2·x, 1 for a sum).</summary>
    private static double LeadingCoefficient(Expr e) =>
        SumForm.IsSum(e) ? 1 : e is Constant ? 1 : ProductForm.Of(e).Coefficient;

    private static Expr Negated(Expr e) => Simplify(-e);
}
