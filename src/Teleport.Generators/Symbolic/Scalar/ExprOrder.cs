using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// A total order on expressions for canonical forms: variables, then functions, then binary operators,
/// then <c>where</c>, then constants (so sums read <c>x + 1</c> and <c>max(x, 0)</c>); ties broken
/// by operator and then operands, left to right.
/// </summary>
internal sealed class ExprOrder : IComparer<Expr>
{
    public static readonly ExprOrder Instance = new();

    // Operators compare as ints: Enum.CompareTo boxes both (netstandard2.0), once per node of every sort's comparisons.
    public int Compare(Expr? a, Expr? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var rank = Rank(a).CompareTo(Rank(b));
        if (rank != 0)
        {
            return rank;
        }

        switch (a)
        {
            case Constant ca:
                return ca.Value.CompareTo(((Constant)b).Value);
            case Variable va:
                return string.CompareOrdinal(va.Name, ((Variable)b).Name);
            case Unary ua:
            {
                var ub = (Unary)b;
                var op = ((int)ua.Operator).CompareTo((int)ub.Operator);
                return op != 0 ? op : Compare(ua.Operand, ub.Operand);
            }

            case Binary ba:
            {
                var bb = (Binary)b;
                var op = ((int)ba.Operator).CompareTo((int)bb.Operator);
                if (op != 0)
                {
                    return op;
                }

                var left = Compare(ba.Left, bb.Left);
                return left != 0 ? left : Compare(ba.Right, bb.Right);
            }

            case Conditional wa:
            {
                var wb = (Conditional)b;
                var condition = Compare(wa.Condition, wb.Condition);
                if (condition != 0)
                {
                    return condition;
                }

                var t = Compare(wa.WhenTrue, wb.WhenTrue);
                return t != 0 ? t : Compare(wa.WhenFalse, wb.WhenFalse);
            }

            default:
                throw new ArgumentException("Unknown expression node " + a.GetType().Name, nameof(a));
        }
    }

    public int Compare(Comparison a, Comparison b)
    {
        var op = ((int)a.Operator).CompareTo((int)b.Operator);
        if (op != 0)
        {
            return op;
        }

        var left = Compare(a.Left, b.Left);
        return left != 0 ? left : Compare(a.Right, b.Right);
    }

    private static int Rank(Expr e) => e switch
    {
        Variable => 0,
        Unary => 1,
        Binary { Operator: BinaryOperator.Power } => 2,
        Binary => 3,
        Conditional => 4,
        _ => 5,
    };
}
