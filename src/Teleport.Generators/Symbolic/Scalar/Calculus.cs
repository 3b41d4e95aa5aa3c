using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Symbolic differentiation by the chain rule over the op rules (<see cref="UnaryRules.Derivative"/>,
/// <see cref="BinaryRules.Derivatives"/>, <see cref="Conditional.Derivatives"/>): each node's derivative is
/// Σᵢ adjointᵢ · d(inputᵢ), skipping inputs whose derivative is structurally zero.
/// </summary>
internal static class Calculus
{
    /// <summary>d<paramref name="e"/>/d<paramref name="variable"/>, simplified (and measured against <see cref="ComplexityBudget"/>).</summary>
    public static Expr Differentiate(Expr e, string variable) =>
        Simplifier.InCall ? Derivative(e, variable) : CasMemo.Differentiated(e, variable, Derivative);

    private static Expr Derivative(Expr e, string variable)
    {
        var simplified = Simplifier.Simplify(e);
        var tangents = new Dictionary<Expr, Expr>(ReferenceComparer.Instance);
        return ComplexityBudget.CheckSize(Simplifier.Simplify(ComplexityBudget.CheckRawSize(Tangent(simplified, variable, tangents))));
    }

    private static Expr Tangent(Expr e, string variable, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var result = e switch
        {
            Constant => Expr.Zero,
            Variable v => v.Name == variable ? Expr.One : Expr.Zero,
            Unary u => Chain(
                (Tangent(u.Operand, variable, memo), () => UnaryRules.Derivative(u.Operator, u.Operand, u))),
            Binary b => ChainBinary(b, variable, memo),
            Conditional c => ChainConditional(c, variable, memo),
            _ => Expr.Zero,
        };
        memo[e] = result;
        return result;
    }

    private static Expr ChainBinary(Binary b, string variable, Dictionary<Expr, Expr> memo)
    {
        var dl = Tangent(b.Left, variable, memo);
        var dr = Tangent(b.Right, variable, memo);
        if (IsZero(dl) && IsZero(dr))
        {
            return Expr.Zero;
        }

        var (left, right) = BinaryRules.Derivatives(b.Operator, b.Left, b.Right, b);
        return Chain((dl, () => left), (dr, () => right));
    }

    private static Expr ChainConditional(Conditional c, string variable, Dictionary<Expr, Expr> memo)
    {
        var dt = Tangent(c.WhenTrue, variable, memo);
        var df = Tangent(c.WhenFalse, variable, memo);
        if (IsZero(dt) && IsZero(df))
        {
            return Expr.Zero;
        }

        var (whenTrue, whenFalse) = c.Derivatives();
        return Chain((dt, () => whenTrue), (df, () => whenFalse));
    }

    /// <summary>Σ adjoint·tangent over the inputs whose tangent is not zero.</summary>
    private static Expr Chain(params (Expr Tangent, System.Func<Expr> Adjoint)[] inputs)
    {
        Expr? sum = null;
        foreach (var (tangent, adjoint) in inputs)
        {
            if (IsZero(tangent))
            {
                continue;
            }

            var term = adjoint() * tangent;
            sum = sum is null ? term : sum + term;
        }

        return sum ?? Expr.Zero;
    }

    private static bool IsZero(Expr e) => e is Constant { Value: 0 };
}
