using System;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>The rewrite rules of the product normal form.</summary>
internal sealed partial class ProductForm
{
    /// <summary>|u|^(2k) = u^(2k); u·sign(u) = |u|; |u|·sign(u) = u; |u|/u = u/|u| = sign(u).</summary>
    private bool AbsSignRule()
    {
        var even = Find(f => f.Base is Unary { Operator: UnaryOperator.Abs } && NumericFunctions.IsInteger(f.Exponent) && f.Exponent % 2 == 0);
        if (even >= 0)
        {
            Factors[even] = new Factor(((Unary)Factors[even].Base).Operand, Factors[even].Exponent);
            return true;
        }

        if (AbsOverPlainRule())
        {
            return true;
        }

        for (var i = 0; i < Factors.Count; i++)
        {
            if (Factors[i] is not { Base: Unary { Operator: UnaryOperator.Sign, Operand: var u }, Exponent: 1 })
            {
                continue;
            }

            var plain = Find(f => f.Exponent == 1 && f.Base.Equals(u));
            var abs = Find(f => f.Exponent == 1 && f.Base is Unary { Operator: UnaryOperator.Abs } a && a.Operand.Equals(u));
            if (plain >= 0 || abs >= 0)
            {
                var other = plain >= 0 ? plain : abs;
                Factors[other] = new Factor(plain >= 0 ? Simplifier.Simplify(Expr.Abs(u)) : u, 1);
                Factors.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// |u|^a · u^b with integers a, b of opposite signs: k = min(|a|, |b|) pairs (|u|/u)^(±1) become sign(u)^k, which
    /// is sign(u) for odd k (sign(u)⁻¹ = sign(u) for u ≠ 0) and 1 for even k. The original is undefined at u = 0
    /// (a negative power of u or |u|), where sign(u) = 0 becomes defined: the simplifier's usual liberty. Without it
    /// abs(x)/x kept σ′ = sign(x)/x − |x|/x², zero but not recognised as such (no TP0016).
    /// </summary>
    private bool AbsOverPlainRule()
    {
        for (var i = 0; i < Factors.Count; i++)
        {
            if (Factors[i] is not { Base: Unary { Operator: UnaryOperator.Abs, Operand: var u }, Exponent: var a }
                || !NumericFunctions.IsInteger(a))
            {
                continue;
            }

            var j = Find(f => f.Base.Equals(u) && NumericFunctions.IsInteger(f.Exponent) && f.Exponent * a < 0);
            if (j < 0)
            {
                continue;
            }

            var b = Factors[j].Exponent;
            var k = Math.Min(Math.Abs(a), Math.Abs(b));
            Factors[i] = new Factor(Factors[i].Base, a - (Math.Sign(a) * k));
            Factors[j] = new Factor(u, b - (Math.Sign(b) * k));
            if (k % 2 == 1)
            {
                Factors.Add(new Factor(Simplifier.Simplify(Expr.Sign(u)), 1));
            }

            Factors.RemoveAll(f => f.Exponent == 0);
            return true;
        }

        return false;
    }

    /// <summary>exp(u)^m · (1 + exp(u))^(−n) = sigmoid(u)^m · sigmoid(−u)^(n−m) for integers 0 ≤ m ≤ n.</summary>
    private bool SigmoidRule()
    {
        for (var i = 0; i < Factors.Count; i++)
        {
            var f = Factors[i];
            if (f.Exponent >= 0 || !NumericFunctions.IsInteger(f.Exponent) || !SumForm.IsSum(f.Base))
            {
                continue;
            }

            var sum = SumForm.Of(f.Base);
            if (sum.Constant != 1 || sum.Terms.Count != 1
                || sum.Terms[0] is not { Coefficient: 1, Body: Unary { Operator: UnaryOperator.Exp, Operand: var u } } term)
            {
                continue;
            }

            var n = -f.Exponent;
            var j = Find(g => g.Base.Equals(term.Body) && NumericFunctions.IsInteger(g.Exponent) && g.Exponent > 0 && g.Exponent <= n);
            var m = j >= 0 ? Factors[j].Exponent : 0;
            if (j >= 0)
            {
                Factors[j] = new Factor(Expr.Sigmoid(u), m);
            }

            Factors[i] = new Factor(Expr.Sigmoid(Simplifier.Simplify(-u)), n - m);
            return true;
        }

        return false;
    }

    /// <summary>exp(u)^m · sigmoid(−u)^n = sigmoid(u)^m · sigmoid(−u)^(n−m) for integers 0 &lt; m ≤ n.</summary>
    private bool ExpSigmoidRule()
    {
        for (var i = 0; i < Factors.Count; i++)
        {
            if (Factors[i] is not { Base: Unary { Operator: UnaryOperator.Sigmoid, Operand: var v }, Exponent: var n }
                || !NumericFunctions.IsInteger(n) || n <= 0)
            {
                continue;
            }

            var u = Simplifier.Simplify(-v);
            var j = Find(g => g.Base is Unary { Operator: UnaryOperator.Exp } e && e.Operand.Equals(u)
                && NumericFunctions.IsInteger(g.Exponent) && g.Exponent > 0 && g.Exponent <= n);
            if (j < 0)
            {
                continue;
            }

            var m = Factors[j].Exponent;
            Factors[j] = new Factor(Expr.Sigmoid(u), m);
            Factors[i] = new Factor(Factors[i].Base, n - m);
            return true;
        }

        return false;
    }

    /// <summary>Π exp(aᵢ)^eᵢ = exp(Σ eᵢ·aᵢ).</summary>
    private bool ExpRule()
    {
        var exps = Factors.Where(f => f.Base is Unary { Operator: UnaryOperator.Exp }).ToList();
        if (exps.Count == 0 || (exps.Count == 1 && exps[0].Exponent == 1))
        {
            return false;
        }

        Expr sum = Expr.Zero;
        foreach (var f in exps)
        {
            sum += f.Exponent * ((Unary)f.Base).Operand;
        }

        Factors.RemoveAll(f => f.Base is Unary { Operator: UnaryOperator.Exp });
        Factors.Add(new Factor(Simplifier.Simplify(Expr.Exp(sum)), 1));
        return true;
    }

    /// <summary>
    /// Merges where-factors with one condition; raises a where to an integer power branch-wise; a where with
    /// a zero branch absorbs the rest of the product; a where with constant branches absorbs the coefficient.
    /// </summary>
    private bool WhereRule()
    {
        for (var i = 0; i < Factors.Count; i++)
        {
            if (Factors[i].Base is not Conditional w || !NumericFunctions.IsInteger(Factors[i].Exponent))
            {
                continue;
            }

            var e = Factors[i].Exponent;
            if (e != 1)
            {
                Factors[i] = new Factor(Simplifier.Simplify(Expr.Where(w.Condition, Expr.Pow(w.WhenTrue, e), Expr.Pow(w.WhenFalse, e))), 1);
                return true;
            }

            for (var j = i + 1; j < Factors.Count; j++)
            {
                if (Factors[j] is { Base: Conditional v, Exponent: 1 } && v.Condition.Equals(w.Condition))
                {
                    Factors[i] = new Factor(Simplifier.Simplify(Expr.Where(w.Condition, w.WhenTrue * v.WhenTrue, w.WhenFalse * v.WhenFalse)), 1);
                    Factors.RemoveAt(j);
                    return true;
                }
            }

            var mask = IsZero(w.WhenTrue) || IsZero(w.WhenFalse);
            if (mask && (Factors.Count > 1 || Coefficient != 1))
            {
                var rest = new ProductForm(Coefficient);
                rest.Factors.AddRange(Factors.Where((_, k) => k != i));
                var r = rest.Build();
                var absorbed = Simplifier.Simplify(Expr.Where(w.Condition, r * w.WhenTrue, r * w.WhenFalse));
                Factors.Clear();
                Coefficient = 1;
                Add(absorbed, 1);
                return true;
            }

            if (w.WhenTrue is Constant && w.WhenFalse is Constant && Coefficient != 1)
            {
                Factors[i] = new Factor(Simplifier.Simplify(Expr.Where(w.Condition, Coefficient * w.WhenTrue, Coefficient * w.WhenFalse)), 1);
                Coefficient = 1;
                return true;
            }
        }

        return false;
    }
}
