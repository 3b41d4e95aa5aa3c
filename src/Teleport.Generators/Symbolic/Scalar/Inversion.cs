using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Inverts an expression in one variable by peeling invertible layers off the single path to the variable:
/// affine steps, exp/log, tanh → atanh, sigmoid → logit, log1p/expm1, sqrt, odd and fractional powers.
/// A piecewise <c>where(x op k, A, B)</c> inverts when it is strictly monotone (proved by
/// <see cref="MonotonicityProof"/>): <c>where(y op′ A(k), A⁻¹(y), B⁻¹(y))</c>; a branch that does not peel
/// borrows the other's inverse when both branches are one analytic function written two ways (softplus).
/// The result is simplified, stabilised (log(expm1 y) → y + log1p(−e⁻ʸ) for large y) and checked by a
/// numeric round trip; anything unproven gives null.
/// </summary>
internal static class Inversion
{
    /// <summary>
    /// The inverse of <paramref name="e"/> as a function of <paramref name="variable"/>, written in
    /// <paramref name="resultVariable"/>; null when there is none (relu, silu, gelu) or it is not found.
    /// </summary>
    public static Expr? TryInvert(Expr e, string variable, string resultVariable)
    {
        var simplified = Simplifier.Simplify(e);
        if (!simplified.DependsOn(variable) || simplified.DependsOn(resultVariable) && resultVariable != variable)
        {
            return null;
        }

        var solved = Solve(simplified, Expr.Var(resultVariable), variable);
        if (solved is null)
        {
            return null;
        }

        var inverse = Stabilize(Simplifier.Simplify(solved));
        return RoundTrips(simplified, inverse, variable, resultVariable) ? inverse : null;
    }

    /// <summary>The x with e(x) = target, or null.</summary>
    private static Expr? Solve(Expr e, Expr target, string x)
    {
        switch (e)
        {
            case Variable v when v.Name == x:
                return target;
            case Unary u:
                return InverseOf(u.Operator, target) is { } inner ? Solve(u.Operand, inner, x) : null;
            case Binary { Operator: BinaryOperator.Max or BinaryOperator.Min } m:
                // max(a, b) = where(a > b, a, b), min(a, b) = where(b > a, a, b): invertible when monotone.
                var piecewise = m.Operator == BinaryOperator.Max
                    ? Expr.Where(m.Left > m.Right, m.Left, m.Right)
                    : Expr.Where(m.Right > m.Left, m.Left, m.Right);
                return Simplifier.Simplify(piecewise) is Conditional c2 ? SolvePiecewise(c2, target, x) : null;
            case Binary b:
                return SolveBinary(b, target, x);
            case Conditional c:
                return SolvePiecewise(c, target, x);
            default:
                return null;
        }
    }

    /// <summary>f⁻¹(t) for the invertible unary functions; null for abs and sign.</summary>
    private static Expr? InverseOf(UnaryOperator op, Expr t) => op switch
    {
        UnaryOperator.Negate => -t,
        UnaryOperator.Exp => Expr.Log(t),
        UnaryOperator.Log => Expr.Exp(t),
        UnaryOperator.Tanh => Expr.Atanh(t),
        UnaryOperator.Atanh => Expr.Tanh(t),
        UnaryOperator.Sigmoid => Expr.Log(t / (1 - t)),
        UnaryOperator.Sqrt => Expr.Pow(t, 2),
        UnaryOperator.Log1p => Expr.Expm1(t),
        UnaryOperator.Expm1 => Expr.Log1p(t),
        _ => null,
    };

    private static Expr? SolveBinary(Binary b, Expr t, string x)
    {
        var inLeft = b.Left.DependsOn(x);
        var inRight = b.Right.DependsOn(x);
        if (inLeft == inRight)
        {
            return null;
        }

        var (a, c) = inLeft ? (b.Left, b.Right) : (b.Right, b.Left);
        switch (b.Operator)
        {
            case BinaryOperator.Add:
                return Solve(a, t - c, x);
            case BinaryOperator.Subtract:
                return Solve(a, inLeft ? t + c : c - t, x);
            case BinaryOperator.Multiply:
                return IsNonZeroConstant(c) ? Solve(a, t / c, x) : null;
            case BinaryOperator.Divide:
                return inLeft ? (IsNonZeroConstant(c) ? Solve(a, t * c, x) : null) : Solve(a, c / t, x);
            case BinaryOperator.Power when inLeft && c is Constant { Value: var q }:
                return Root(q, t) is { } root ? Solve(a, root, x) : null;
            case BinaryOperator.Power when c is Constant { Value: > 0 and not 1 } k:
                return Solve(a, Expr.Log(t) / Math.Log(k.Value), x);
            default:
                return null;
        }
    }

    /// <summary>The u with u^q = t: an odd root keeps the sign, an even power has no inverse on ℝ.</summary>
    private static Expr? Root(double q, Expr t)
    {
        if (q == 0)
        {
            return null;
        }

        if (NumericFunctions.IsInteger(q))
        {
            if (q % 2 == 0)
            {
                return null;
            }

            return Expr.Where(t >= 0, Expr.Pow(t, 1 / q), -Expr.Pow(-t, 1 / q));
        }

        return Expr.Pow(t, 1 / q);
    }

    private static Expr? SolvePiecewise(Conditional c, Expr t, string x)
    {
        if (c.Condition is not { Left: Variable v, Right: Constant k } || v.Name != x)
        {
            return null;
        }

        var increasing = MonotonicityProof.IsStrictlyIncreasing(c, x);
        if (!increasing && !MonotonicityProof.IsStrictlyIncreasing(Simplifier.Simplify(-c), x))
        {
            return null;
        }

        var whenTrue = Solve(c.WhenTrue, t, x);
        var whenFalse = Solve(c.WhenFalse, t, x);
        if (whenTrue is null || whenFalse is null)
        {
            var shared = whenTrue ?? whenFalse;
            return shared is not null && AreSameFunction(c.WhenTrue, c.WhenFalse, x) ? shared : null;
        }

        // The branch boundary maps to y = A(k); monotone pieces keep their order (reversed when decreasing).
        var threshold = Simplifier.Simplify(c.WhenTrue.Substitute(x, k));
        var op = increasing ? c.Condition.Operator : ComparisonRules.Mirror(c.Condition.Operator);
        return Expr.Where(new Comparison(op, t, threshold), whenTrue, whenFalse);
    }

    /// <summary>Whether two formulas agree (relative 1e-9) at sample points on both sides of 0.</summary>
    private static bool AreSameFunction(Expr a, Expr b, string x)
    {
        var compared = 0;
        foreach (var p in new[] { -30.0, -7.5, -2.25, -1, -0.3, 0.3, 1, 2.25, 7.5, 30 })
        {
            var va = Interpreter.Evaluate(a, x, p);
            var vb = Interpreter.Evaluate(b, x, p);
            if (!NumericFunctions.IsFinite(va) || !NumericFunctions.IsFinite(vb))
            {
                continue;
            }

            if (Math.Abs(va - vb) > 1e-9 * Math.Max(1, Math.Max(Math.Abs(va), Math.Abs(vb))))
            {
                return false;
            }

            compared++;
        }

        return compared >= 6;
    }

    /// <summary>log(expm1(u)) = u + log1p(−e⁻ᵘ) for u &gt; 1, where expm1(u) would overflow.</summary>
    private static Expr Stabilize(Expr e) => ExprWalker.Rewrite(e, node =>
        node is Unary { Operator: UnaryOperator.Log, Operand: Unary { Operator: UnaryOperator.Expm1, Operand: var u } }
            ? Expr.Where(u > 1, u + Expr.Log1p(-Expr.Exp(-u)), node)
            : node);

    /// <summary>σ⁻¹(σ(x)) = x where σ is finite and not flat (|σ′| &gt; 1e-6), at enough sample points.</summary>
    private static bool RoundTrips(Expr sigma, Expr inverse, string x, string y)
    {
        var derivative = Calculus.Differentiate(sigma, x);
        var checkedPoints = 0;
        for (var p = -6.0; p <= 6.0; p += 0.37)
        {
            var value = Interpreter.Evaluate(sigma, x, p);
            var slope = Interpreter.Evaluate(derivative, x, p);
            if (!NumericFunctions.IsFinite(value) || !(Math.Abs(slope) > 1e-6))
            {
                continue;
            }

            var back = Interpreter.Evaluate(inverse, y, value);
            if (!(Math.Abs(back - p) <= 1e-6 * Math.Max(1, Math.Abs(p))))
            {
                return false;
            }

            checkedPoints++;
        }

        return checkedPoints >= 8;
    }

    private static bool IsNonZeroConstant(Expr e) =>
        e.IsConstant && Interpreter.EvaluateConstant(e) is var v && v != 0 && NumericFunctions.IsFinite(v);
}
