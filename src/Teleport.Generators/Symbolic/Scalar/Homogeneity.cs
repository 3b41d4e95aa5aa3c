using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Structural positive homogeneity: the degree d with e(a·x) = aᵈ·e(x) for all a &gt; 0, or null.
/// x has degree 1 and constants 0 (0 itself fits any degree); sums, max and min need equal degrees;
/// products add and quotients subtract degrees; |u| keeps it, √u halves it, u^q multiplies it by q; any
/// function of a degree-0 argument has degree 0; where(l op r, a, b) needs l and r of one degree (so the
/// condition is scale-invariant) and a and b of one degree.
/// </summary>
internal static class Homogeneity
{
    /// <summary>A degree; <see cref="Any"/> for the zero function.</summary>
    public readonly record struct Degree(double Value, bool Any)
    {
        public static Degree Zero => new(0, true);

        public static Degree Of(double value) => new(value, false);
    }

    public static Degree? DegreeOf(Expr e, string x) => e switch
    {
        Constant { Value: 0 } => Degree.Zero,
        Constant => Degree.Of(0),
        Variable v => Degree.Of(v.Name == x ? 1 : 0),
        Unary u => Unary(u, x),
        Binary b => Binary(b, x),
        Conditional c => Conditional(c, x),
        _ => null,
    };

    private static Degree? Unary(Unary u, string x)
    {
        var d = DegreeOf(u.Operand, x);
        if (d is not { } degree)
        {
            return null;
        }

        return u.Operator switch
        {
            UnaryOperator.Negate or UnaryOperator.Abs => degree,
            UnaryOperator.Sqrt => degree.Any ? degree : Degree.Of(degree.Value / 2),
            UnaryOperator.Sign => degree.Any ? degree : Degree.Of(0),

            // f(u) with u scale-invariant (or zero) is scale-invariant.
            _ => degree.Any || degree.Value == 0 ? Degree.Of(0) : null,
        };
    }

    private static Degree? Binary(Binary b, string x)
    {
        var l = DegreeOf(b.Left, x);
        var r = DegreeOf(b.Right, x);
        if (l is not { } left || r is not { } right)
        {
            return null;
        }

        switch (b.Operator)
        {
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
            case BinaryOperator.Max:
            case BinaryOperator.Min:
                return Same(left, right);
            case BinaryOperator.Multiply:
                return left.Any || right.Any ? Degree.Zero : Degree.Of(left.Value + right.Value);
            case BinaryOperator.Divide:
                return right.Any ? null : left.Any ? Degree.Zero : Degree.Of(left.Value - right.Value);
            case BinaryOperator.Power when b.Right is Constant { Value: var q }:
                return left.Any ? (q > 0 ? left : null) : Degree.Of(left.Value * q);
            default:
                return !left.Any && !right.Any && left.Value == 0 && right.Value == 0 ? Degree.Of(0) : null;
        }
    }

    private static Degree? Conditional(Conditional c, string x)
    {
        var l = DegreeOf(c.Condition.Left, x);
        var r = DegreeOf(c.Condition.Right, x);
        if (l is not { } left || r is not { } right || Same(left, right) is null)
        {
            return null;
        }

        var t = DegreeOf(c.WhenTrue, x);
        var f = DegreeOf(c.WhenFalse, x);
        return t is { } whenTrue && f is { } whenFalse ? Same(whenTrue, whenFalse) : null;
    }

    private static Degree? Same(Degree a, Degree b) =>
        a.Any ? b : b.Any ? a : Math.Abs(a.Value - b.Value) < 1e-12 ? a : null;

    /// <summary>σ(a·x) = a·σ(x) at sample points and scales (relative 1e-9); guards the structural rules.</summary>
    public static bool HoldsNumerically(Expr sigma, string x)
    {
        foreach (var p in new[] { -37.5, -3.1, -1, -0.27, 0, 0.27, 1, 3.1, 37.5 })
        {
            foreach (var a in new[] { 1e-3, 0.5, 2, 3.7, 1e3 })
            {
                var scaled = Interpreter.Evaluate(sigma, x, a * p);
                var expected = a * Interpreter.Evaluate(sigma, x, p);
                if (!(Math.Abs(scaled - expected) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(scaled), Math.Abs(expected)))))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
