using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>One term coefficient·body of a <see cref="SumForm"/> (the body has coefficient 1).</summary>
internal readonly record struct Term(double Coefficient, Expr Body);

/// <summary>
/// A sum in normal form: constant + Σ cᵢ·bodyᵢ, nested sums flattened, constants distributed over sums,
/// like terms combined. Rules: k − k·sigmoid(u) = k·sigmoid(−u); k ± k·tanh(u) = 2k·sigmoid(±2u);
/// c·exp(u) − c = c·expm1(u) (and back, c·expm1(u) + c = c·exp(u)); where-terms with one condition merge
/// into one where; a where with constant branches absorbs its coefficient and the constant.
/// </summary>
internal sealed partial class SumForm
{
    private SumForm()
    {
    }

    public double Constant { get; private set; }

    public List<Term> Terms { get; } = new();

    public static bool IsSum(Expr e) =>
        e is Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract };

    /// <summary>The normal form of <paramref name="e"/> (whose operands are already simplified).</summary>
    public static SumForm Of(Expr e)
    {
        return Simplifier.Form(e, Compute, f => f.Copy(), c => c.Sums);
    }

    private static SumForm Compute(Expr e)
    {
        var form = new SumForm();
        form.Add(e, 1);
        form.Normalize();
        return form;
    }

    private SumForm Copy()
    {
        var form = new SumForm { Constant = Constant };
        form.Terms.AddRange(Terms);
        return form;
    }

    /// <summary>More negative than positive terms (the constant counts as a term).</summary>
    public bool IsMostlyNegative =>
        Terms.Count(t => t.Coefficient < 0) + (Constant < 0 ? 1 : 0) > Terms.Count(t => t.Coefficient > 0) + (Constant > 0 ? 1 : 0);

    /// <summary>The negated sum, in normal form.</summary>
    public SumForm Negated()
    {
        var form = new SumForm { Constant = -Constant };
        form.Terms.AddRange(Terms.Select(t => new Term(-t.Coefficient, t.Body)));
        return form;
    }

    /// <summary>The sum without its constant term.</summary>
    public Expr BuildWithoutConstant()
    {
        var form = new SumForm();
        form.Terms.AddRange(Terms);
        return form.Build();
    }

    /// <summary>The canonical expression: positive terms, then negative ones, the constant last among its sign.</summary>
    public Expr Build()
    {
        var ordered = Terms.OrderBy(t => t.Body, ExprOrder.Instance).ToList();
        var sequence = new List<(double Coefficient, Expr? Body)>();
        sequence.AddRange(ordered.Where(t => t.Coefficient > 0).Select(t => (t.Coefficient, (Expr?)t.Body)));
        if (Constant > 0)
        {
            sequence.Add((Constant, null));
        }

        sequence.AddRange(ordered.Where(t => t.Coefficient < 0).Select(t => (t.Coefficient, (Expr?)t.Body)));
        if (Constant < 0 || (sequence.Count == 0 && Constant == 0))
        {
            sequence.Add((Constant, null));
        }

        Expr? result = null;
        foreach (var (c, body) in sequence)
        {
            if (result is null)
            {
                result = TermExpr(c, body);
            }
            else if (c > 0)
            {
                result += TermExpr(c, body);
            }
            else
            {
                result -= TermExpr(-c, body);
            }
        }

        return result!;
    }

    /// <summary>
    /// Like <see cref="Build"/>, but with the factors common to every term taken out
    /// (s + x·s·t = s·(1 + x·t)). Variables themselves stay in (polynomials read x + x^3); a sum with a
    /// constant term has no common factor.
    /// </summary>
    public Expr BuildFactored()
    {
        if (Constant != 0 || Terms.Count < 2)
        {
            return Build();
        }

        var forms = Terms.Select(t => ProductForm.Of(t.Body)).ToList();
        var common = new List<Factor>();
        foreach (var f in forms[0].Factors)
        {
            if (f.Base is Variable or Scalar.Constant)
            {
                continue;
            }

            var exponents = forms.Select(p => p.Factors.Where(g => g.Base.Equals(f.Base)).Select(g => g.Exponent).FirstOrDefault()).ToList();
            if (exponents.All(e => e > 0))
            {
                common.Add(new Factor(f.Base, exponents.Min()));
            }
            else if (exponents.All(e => e < 0))
            {
                common.Add(new Factor(f.Base, exponents.Max()));
            }
        }

        if (common.Count == 0)
        {
            return Build();
        }

        Expr factor = Expr.One;
        foreach (var f in common)
        {
            factor *= Expr.Pow(f.Base, f.Exponent);
        }

        Expr inner = Expr.Zero;
        foreach (var t in Terms)
        {
            inner += t.Coefficient * t.Body / factor;
        }

        return Simplifier.Simplify(factor * inner);
    }

    private static Expr TermExpr(double coefficient, Expr? body) =>
        body is null ? Expr.Const(coefficient)
        : coefficient == 1 ? body
        : ProductForm.Of(body).Scaled(coefficient).Build();

    private void Add(Expr e, double c)
    {
        switch (e)
        {
            case Constant k:
                Constant += c * k.Value;
                break;
            case Binary { Operator: BinaryOperator.Add } a:
                Add(a.Left, c);
                Add(a.Right, c);
                break;
            case Binary { Operator: BinaryOperator.Subtract } s:
                Add(s.Left, c);
                Add(s.Right, -c);
                break;
            case Unary { Operator: UnaryOperator.Negate } n:
                Add(n.Operand, -c);
                break;
            default:
                var product = ProductForm.Of(e);
                var k2 = product.Coefficient;
                if (k2 == 0)
                {
                    break;
                }

                var body = product.BuildBody();
                if (body is Constant bc)
                {
                    Constant += c * k2 * bc.Value;
                }
                else if (IsSum(body) || body is Unary { Operator: UnaryOperator.Negate })
                {
                    Add(body, c * k2);
                }
                else
                {
                    Terms.Add(new Term(c * k2, body));
                }

                break;
        }
    }

    private void Normalize()
    {
        for (var round = 0; round < 8; round++)
        {
            Merge();
            if (!(SigmoidRule() || TanhRule() || Expm1Rule() || WhereRule()))
            {
                return;
            }
        }
    }

    private void Merge()
    {
        var merged = new List<Term>();
        // Each body's place in merged by hash (a linear search made merging n terms O(n²), and sums of a few hundred are met).
        var index = new Dictionary<Expr, int>();
        foreach (var t in Terms)
        {
            if (!index.TryGetValue(t.Body, out var i))
            {
                index[t.Body] = merged.Count;
                merged.Add(t);
            }
            else
            {
                merged[i] = new Term(merged[i].Coefficient + t.Coefficient, t.Body);
            }
        }

        Terms.Clear();
        Terms.AddRange(merged.Where(t => t.Coefficient != 0));
    }
}
