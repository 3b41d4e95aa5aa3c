using System;
using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>One factor base^exponent of a <see cref="ProductForm"/>.</summary>
internal readonly record struct Factor(Expr Base, double Exponent);

/// <summary>
/// A product in normal form: coefficient · Π baseᵢ^eᵢ with numeric exponents, like bases combined.
/// Flattening only uses identities that hold wherever the original is defined: (a·b)^n = aⁿ·bⁿ and
/// (a^p)^n = a^(pn) for integer n, (a^(2k))^q = |a|^(2kq). Rules: u·sign(u) = |u|, |u|^(2k) = u^(2k),
/// exp(u)^m/(1 + exp(u))^n = sigmoid(u)^m·sigmoid(−u)^(n−m), exp(a)·exp(b) = exp(a + b), and
/// where-factors absorb the rest of the product when a branch is 0 (a mask) or both branches are constant.
/// </summary>
internal sealed partial class ProductForm
{
    private ProductForm(double coefficient)
    {
        Coefficient = coefficient;
    }

    public double Coefficient { get; private set; }

    public List<Factor> Factors { get; } = new();

    /// <summary>The normal form of <paramref name="e"/> (whose operands are already simplified).</summary>
    public static ProductForm Of(Expr e)
    {
        return Simplifier.Form(e, Compute, f => f.Copy(), c => c.Products);
    }

    private static ProductForm Compute(Expr e)
    {
        var form = new ProductForm(1);
        form.Add(e, 1);
        form.Normalize();
        return form;
    }

    private ProductForm Copy()
    {
        var form = new ProductForm(Coefficient);
        form.Factors.AddRange(Factors);
        return form;
    }

    /// <summary>The same product times <paramref name="scale"/>.</summary>
    public ProductForm Scaled(double scale)
    {
        var form = new ProductForm(Coefficient * scale);
        form.Factors.AddRange(Factors);
        form.Normalize();
        return form;
    }

    /// <summary>The product without its coefficient (coefficient 1).</summary>
    public Expr BuildBody()
    {
        var form = new ProductForm(1);
        form.Factors.AddRange(Factors);
        return form.Build();
    }

    /// <summary>The canonical expression: k · (numerator factors) / (denominator factors).</summary>
    public Expr Build()
    {
        if (Coefficient == 0)
        {
            return Expr.Zero;
        }

        var ordered = Factors.OrderBy(f => f.Base, ExprOrder.Instance).ThenBy(f => f.Exponent).ToList();

        // k·a·b / (c·d), left-associative; k = −1 becomes a leading minus.
        Expr? numerator = Coefficient is 1 or -1 ? null : Expr.Const(Coefficient);
        Expr? denominator = null;
        foreach (var f in ordered)
        {
            if (f.Exponent > 0)
            {
                numerator = numerator is null ? Power(f.Base, f.Exponent) : numerator * Power(f.Base, f.Exponent);
            }
            else
            {
                denominator = denominator is null ? Power(f.Base, -f.Exponent) : denominator * Power(f.Base, -f.Exponent);
            }
        }

        if (Coefficient == -1)
        {
            if (numerator is null)
            {
                return denominator is null ? Expr.Const(-1) : Expr.Const(-1) / denominator;
            }

            return -(denominator is null ? numerator : numerator / denominator);
        }

        numerator ??= Expr.One;
        return denominator is null ? numerator : numerator / denominator;
    }

    /// <summary>k·(single sum factor): the sum with k distributed, for a canonical form of k·(a + b).</summary>
    public Expr? AsScaledSum() =>
        Factors.Count == 1 && Factors[0].Exponent == 1 && SumForm.IsSum(Factors[0].Base) && Coefficient != 1
            ? Factors[0].Base
            : null;

    private static Expr Power(Expr b, double exponent) =>
        exponent == 1 ? b : exponent == 0.5 ? Expr.Sqrt(b) : Expr.Pow(b, exponent);

    private void Add(Expr e, double power)
    {
        var integral = NumericFunctions.IsInteger(power);
        switch (e)
        {
            case Constant c:
                AddConstant(c, power);
                break;
            case Unary { Operator: UnaryOperator.Negate } n when integral:
                if (Math.Abs(power % 2) == 1)
                {
                    Coefficient = -Coefficient;
                }

                Add(n.Operand, power);
                break;
            case Binary { Operator: BinaryOperator.Multiply } m when integral:
                Add(m.Left, power);
                Add(m.Right, power);
                break;
            case Binary { Operator: BinaryOperator.Divide } d when integral:
                Add(d.Left, power);
                Add(d.Right, -power);
                break;
            case Binary { Operator: BinaryOperator.Power, Right: Constant q } p:
                AddPower(p.Left, q.Value, power);
                break;
            case Unary { Operator: UnaryOperator.Sqrt } s:
                AddPower(s.Operand, 0.5, power);
                break;
            case Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } when integral
                && SumForm.Of(e) is { IsMostlyNegative: true } negative:
                // (−a − b)^n = (−1)^n·(a + b)^n: a sum and its negation share one base.
                if (Math.Abs(power % 2) == 1)
                {
                    Coefficient = -Coefficient;
                }

                Factors.Add(new Factor(negative.Negated().BuildFactored(), power));
                break;
            default:
                Factors.Add(new Factor(e, power));
                break;
        }
    }

    private void AddConstant(Constant c, double power)
    {
        var v = c.Value;
        var value = power == 1 ? v : power == -1 ? 1 / v : Math.Pow(v, power);
        if ((v == 0 && power < 0) || !NumericFunctions.IsFinite(value) || (value == 0 && v != 0))
        {
            Factors.Add(new Factor(c, power));
        }
        else
        {
            Coefficient *= value;
        }
    }

    private void AddPower(Expr b, double q, double power)
    {
        if (!NumericFunctions.IsInteger(power) && NumericFunctions.IsInteger(q) && q % 2 == 0)
        {
            // (a^(2k))^q = |a|^(2kq) for non-integer q.
            Add(Simplifier.Simplify(Expr.Abs(b)), q * power);
        }
        else
        {
            Add(b, q * power);
        }
    }

    private void Normalize()
    {
        for (var round = 0; round < 8; round++)
        {
            Merge();
            if (Coefficient == 0)
            {
                Factors.Clear();
                return;
            }

            if (!(AbsSignRule() || SigmoidRule() || ExpSigmoidRule() || ExpRule() || WhereRule()))
            {
                return;
            }
        }
    }

    private void Merge()
    {
        var merged = new List<Factor>();
        // Each base's place in merged by hash (a linear search made merging n terms O(n²), and sums of a few hundred are met).
        var index = new Dictionary<Expr, int>();
        foreach (var f in Factors)
        {
            if (!index.TryGetValue(f.Base, out var i))
            {
                index[f.Base] = merged.Count;
                merged.Add(f);
            }
            else
            {
                merged[i] = new Factor(f.Base, merged[i].Exponent + f.Exponent);
            }
        }

        Factors.Clear();
        Factors.AddRange(merged.Where(f => f.Exponent != 0 && !(f.Base is Constant { Value: 1 })));
    }

    private int Find(Func<Factor, bool> predicate) => Factors.FindIndex(f => predicate(f));

    private static bool IsZero(Expr e) => e is Constant { Value: 0 };
}
