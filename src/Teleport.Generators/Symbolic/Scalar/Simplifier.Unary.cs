namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Identities of the unary functions.</summary>
internal static partial class Simplifier
{
    private static Expr SimplifyUnary(Unary u)
    {
        var a = u.Operand;
        if (a is Constant c && Fold(UnaryRules.Evaluate(u.Operator, c.Value)) is { } folded)
        {
            return folded;
        }

        if (UnaryRules.IsOdd(u.Operator) && u.Operator != UnaryOperator.Negate && LeadingCoefficient(a) < 0)
        {
            // f(−u) = −f(u) for odd f: the sign moves out where sums and products can use it.
            return Negated(Expr.Apply(u.Operator, Negated(a)));
        }

        switch (u.Operator)
        {
            case UnaryOperator.Negate:
                return SumForm.Of(u).Build();
            case UnaryOperator.Sqrt:
                return Product(u);
            case UnaryOperator.Exp:
                return a switch
                {
                    Unary { Operator: UnaryOperator.Log, Operand: var w } => w,
                    Unary { Operator: UnaryOperator.Log1p, Operand: var w } => Simplify(1 + w),
                    _ => u,
                };
            case UnaryOperator.Log:
                if (a is Unary { Operator: UnaryOperator.Exp, Operand: var inner })
                {
                    return inner;
                }

                if (SumForm.IsSum(a) && SumForm.Of(a) is { Constant: 1, Terms.Count: > 0 } onePlus)
                {
                    return Expr.Log1p(onePlus.BuildWithoutConstant());
                }

                return u;
            case UnaryOperator.Log1p:
                return a is Unary { Operator: UnaryOperator.Expm1, Operand: var w1 } ? w1 : u;
            case UnaryOperator.Expm1:
                return a is Unary { Operator: UnaryOperator.Log1p, Operand: var w2 } ? w2 : u;
            case UnaryOperator.Tanh:
                return a is Unary { Operator: UnaryOperator.Atanh, Operand: var w3 } ? w3 : u;
            case UnaryOperator.Atanh:
                return a is Unary { Operator: UnaryOperator.Tanh, Operand: var w4 } ? w4 : u;
            case UnaryOperator.Abs:
                return SimplifyAbs(u, a);
            case UnaryOperator.Sign:
                return SimplifySign(u, a);
            default:
                return u;
        }
    }

    /// <summary>|u| = u where u ≥ 0, −u where u ≤ 0; |k·u| = |k|·|u|.</summary>
    private static Expr SimplifyAbs(Unary u, Expr a)
    {
        var range = IntervalEvaluator.Evaluate(a);
        if (range.IsNonNegative)
        {
            return a;
        }

        if (range.IsNonPositive)
        {
            return Negated(a);
        }

        if (!SumForm.IsSum(a) && a is not Constant && ProductForm.Of(a) is { Coefficient: not 1 } product)
        {
            return Simplify(System.Math.Abs(product.Coefficient) * Expr.Abs(product.BuildBody()));
        }

        return u;
    }

    /// <summary>sign(u) = ±1 or 0 where interval analysis decides it; sign(k·u) = sign(k)·sign(u).</summary>
    private static Expr SimplifySign(Unary u, Expr a)
    {
        var range = IntervalEvaluator.Evaluate(a);
        if (range.IsPositive)
        {
            return Expr.One;
        }

        if (range.IsNegative)
        {
            return Expr.Const(-1);
        }

        if (range.IsPoint && range.Lower == 0)
        {
            return Expr.Zero;
        }

        if (!SumForm.IsSum(a) && a is not Constant && ProductForm.Of(a) is { Coefficient: not 1 } product)
        {
            return Simplify(System.Math.Sign(product.Coefficient) * Expr.Sign(product.BuildBody()));
        }

        return u;
    }
}
