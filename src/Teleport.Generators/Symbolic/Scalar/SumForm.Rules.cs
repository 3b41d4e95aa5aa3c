using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>The rewrite rules of the sum normal form.</summary>
internal sealed partial class SumForm
{
    private int Find(double coefficient, UnaryOperator op) =>
        Terms.FindIndex(t => t.Coefficient == coefficient && t.Body is Unary u && u.Operator == op);

    /// <summary>k − k·sigmoid(u) = k·sigmoid(−u).</summary>
    private bool SigmoidRule()
    {
        var i = Constant == 0 ? -1 : Find(-Constant, UnaryOperator.Sigmoid);
        if (i < 0)
        {
            return false;
        }

        var u = ((Unary)Terms[i].Body).Operand;
        Terms[i] = new Term(Constant, Expr.Sigmoid(Simplifier.Simplify(-u)));
        Constant = 0;
        return true;
    }

    /// <summary>k + k·tanh(u) = 2k·sigmoid(2u); k − k·tanh(u) = 2k·sigmoid(−2u).</summary>
    private bool TanhRule()
    {
        if (Constant == 0)
        {
            return false;
        }

        foreach (var sign in new[] { 1.0, -1.0 })
        {
            var i = Find(sign * Constant, UnaryOperator.Tanh);
            if (i >= 0)
            {
                var u = ((Unary)Terms[i].Body).Operand;
                Terms[i] = new Term(2 * Constant, Expr.Sigmoid(Simplifier.Simplify(2 * sign * u)));
                Constant = 0;
                return true;
            }
        }

        return false;
    }

    /// <summary>c·exp(u) − c = c·expm1(u); c·expm1(u) + c = c·exp(u).</summary>
    private bool Expm1Rule()
    {
        if (Constant == 0)
        {
            return false;
        }

        var i = Find(-Constant, UnaryOperator.Exp);
        if (i >= 0)
        {
            Terms[i] = new Term(Terms[i].Coefficient, Expr.Expm1(((Unary)Terms[i].Body).Operand));
            Constant = 0;
            return true;
        }

        i = Find(Constant, UnaryOperator.Expm1);
        if (i >= 0)
        {
            Terms[i] = new Term(Terms[i].Coefficient, Expr.Exp(((Unary)Terms[i].Body).Operand));
            Constant = 0;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Σ cᵢ·where(C, aᵢ, bᵢ) = where(C, Σ cᵢaᵢ, Σ cᵢbᵢ); c·where(C, k₁, k₂) + k = where(C, c·k₁ + k, c·k₂ + k).
    /// </summary>
    private bool WhereRule()
    {
        for (var i = 0; i < Terms.Count; i++)
        {
            if (Terms[i].Body is not Conditional w)
            {
                continue;
            }

            var group = Enumerable.Range(0, Terms.Count)
                .Where(j => Terms[j].Body is Conditional v && v.Condition.Equals(w.Condition))
                .ToList();
            var constantBranches = w.WhenTrue is Constant && w.WhenFalse is Constant;
            if (group.Count == 1 && !(constantBranches && (Terms[i].Coefficient != 1 || Constant != 0)))
            {
                continue;
            }

            Expr whenTrue = Expr.Zero, whenFalse = Expr.Zero;
            foreach (var j in group)
            {
                var v = (Conditional)Terms[j].Body;
                whenTrue += Terms[j].Coefficient * v.WhenTrue;
                whenFalse += Terms[j].Coefficient * v.WhenFalse;
            }

            if (constantBranches && group.Count == 1)
            {
                whenTrue += Constant;
                whenFalse += Constant;
                Constant = 0;
            }

            var merged = Simplifier.Simplify(Expr.Where(w.Condition, whenTrue, whenFalse));
            foreach (var j in group.OrderByDescending(j => j))
            {
                Terms.RemoveAt(j);
            }

            Add(merged, 1);
            return true;
        }

        return false;
    }
}
