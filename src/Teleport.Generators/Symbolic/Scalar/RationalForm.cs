using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Rational rewriting for proofs (not for emitted code): <see cref="Together"/> puts every sum over a common
/// denominator and expands the numerator, so that cancellations the interval analysis cannot see become
/// explicit (1/(1+|x|) − |x|/(1+|x|)² = 1/(1+|x|)²).
/// </summary>
internal static class RationalForm
{
    private const int MaxTerms = 256;

    /// <summary>
    /// Distinct denominators a sum is put over at the most. The proofs it serves cancel two or three (σ′ of
    /// (|x − 1| + x − 1)/(x − 1)); a sum with 71 (x/(x − 0.37) plus 70 tanh terms, whose derivatives are over cosh²)
    /// built a common denominator of 71 factors and every numerator term times 70 of them: the monotonicity proof alone
    /// took 15 s, and the generator 10 s before it refused the formula as too complex (TP0017; 5 s with the bound).
    /// Past the bound that sum is left as it is (its inner sums, of fewer, are still put together): the proof then
    /// says "not proved", never a wrong "proved". (That σ′ is negative at x = 0.5, so the proof now stops before this
    /// step: <see cref="MonotonicityProof.IsPositive"/>.)
    /// </summary>
    internal const int MaxDenominators = 8;

    /// <summary>Each sum (bottom-up) over a common denominator with an expanded numerator.</summary>
    public static Expr Together(Expr e) =>
        Simplifier.Simplify(ExprWalker.Rewrite(Simplifier.Simplify(e), node => SumForm.IsSum(node) ? Combine(node) : node));

    private static Expr Combine(Expr sum)
    {
        var form = SumForm.Of(Simplifier.Simplify(sum));
        var terms = form.Terms.Select(t => (t.Coefficient, Product: ProductForm.Of(t.Body))).ToList();
        var common = new Dictionary<Expr, double>();
        foreach (var f in terms.SelectMany(t => t.Product.Factors))
        {
            if (f.Exponent < 0 && NumericFunctions.IsInteger(f.Exponent))
            {
                common[f.Base] = common.TryGetValue(f.Base, out var e) ? System.Math.Max(e, -f.Exponent) : -f.Exponent;
            }
        }

        if (common.Count == 0 || common.Count > MaxDenominators)
        {
            return sum;
        }

        Expr numerator = form.Constant * Denominator(common);
        foreach (var (coefficient, product) in terms)
        {
            numerator += coefficient * product.BuildBody() * Denominator(common);
        }

        Expr denominator = Denominator(common);
        return Simplifier.Simplify(Expand(Simplifier.Simplify(numerator)) / denominator);
    }

    private static Expr Denominator(Dictionary<Expr, double> common)
    {
        Expr d = Expr.One;
        foreach (var pair in common)
        {
            d *= Expr.Pow(pair.Key, pair.Value);
        }

        return d;
    }

    /// <summary>Distributes products over sums and small integer powers of sums (up to a size limit).</summary>
    public static Expr Expand(Expr e)
    {
        var terms = Terms(e);
        if (terms is null)
        {
            return e;
        }

        Expr result = Expr.Zero;
        foreach (var t in terms)
        {
            result += t;
        }

        return Simplifier.Simplify(result);
    }

    /// <summary>The expanded terms of e, or null past the size limit.</summary>
    private static List<Expr>? Terms(Expr e)
    {
        switch (e)
        {
            case Binary { Operator: BinaryOperator.Add } a:
                return Concat(Terms(a.Left), Terms(a.Right), 1);
            case Binary { Operator: BinaryOperator.Subtract } s:
                return Concat(Terms(s.Left), Terms(s.Right), -1);
            case Unary { Operator: UnaryOperator.Negate } n:
                return Terms(n.Operand)?.Select(t => (Expr)(-t)).ToList();
            case Binary { Operator: BinaryOperator.Multiply } m:
                return Cross(Terms(m.Left), Terms(m.Right));
            case Binary { Operator: BinaryOperator.Divide } d:
                return Terms(d.Left)?.Select(t => t / d.Right).ToList();
            case Binary { Operator: BinaryOperator.Power, Right: Constant { Value: var q and > 1 and <= 4 } } p
                when NumericFunctions.IsInteger(q) && SumForm.IsSum(p.Left):
                var power = Terms(p.Left);
                for (var i = 1; i < q && power is not null; i++)
                {
                    power = Cross(power, Terms(p.Left));
                }

                return power;
            default:
                return new List<Expr> { e };
        }
    }

    private static List<Expr>? Concat(List<Expr>? a, List<Expr>? b, double sign)
    {
        if (a is null || b is null || a.Count + b.Count > MaxTerms)
        {
            return null;
        }

        return a.Concat(b.Select(t => sign == 1 ? t : -t)).ToList();
    }

    private static List<Expr>? Cross(List<Expr>? a, List<Expr>? b)
    {
        if (a is null || b is null || a.Count * b.Count > MaxTerms)
        {
            return null;
        }

        return a.SelectMany(p => b.Select(q => p * q)).ToList();
    }
}
