using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Finds an input where σ is undefined — a function applied outside its domain (log or sqrt of a negative number,
/// log of 0, a division by 0, a fractional power of a negative number) on the branch σ takes there — by evaluating σ
/// at sample points, then between them (<c>DomainCheck.Between.cs</c>). A found point is a witness, so the warning it
/// gives (TP0025) is true; σ may still be undefined at a point no search reaches, which goes unreported.
/// </summary>
internal static partial class DomainCheck
{
    /// <summary>The sample inputs: a grid from −1000 to 1000, dense near 0, and 0 itself.</summary>
    private static readonly double[] Points =
    {
        -1, 0, 1, -2, 2, -0.5, 0.5, -10, 10, -100, 100, -1000, 1000, -0.25, 0.25, -0.125, 0.125, -1.5, 1.5, -3, 3, -5, 5,
    };

    /// <summary>The sample inputs, for the other searches that look for a witness input (<see cref="FloatRounding.FindNaNFromConstantOutsideFloat"/>).</summary>
    public static IReadOnlyList<double> SamplePoints => Points;

    /// <summary>"at x = −1, log(x) is the log of −1", or null when σ is defined at every sample point.</summary>
    public static string? FindUndefinedInput(Expr sigma, string variable)
    {
        foreach (var x in Points)
        {
            string? found = null;
            Evaluate(sigma, variable, x, ref found);
            if (found is not null)
            {
                return "at x = " + MathText.Number(x) + ", " + found;
            }
        }

        return FindBetweenSamples(sigma, variable);
    }

    /// <summary>"at x = …, …" when σ is undefined at <paramref name="x"/>, else null.</summary>
    private static string? FindAt(Expr sigma, string variable, double x)
    {
        string? found = null;
        Evaluate(sigma, variable, x, ref found);
        return found is null ? null : "at x = " + MathText.Number(x) + ", " + found;
    }

    /// <summary>The interpreter's value, recording in <paramref name="found"/> the first node applied outside its domain.</summary>
    private static double Evaluate(Expr e, string variable, double x, ref string? found)
    {
        switch (e)
        {
            case Constant c:
                return c.Value;
            case Variable:
                return x;
            case Unary u:
            {
                var a = Evaluate(u.Operand, variable, x, ref found);
                if (found is null && NumericFunctions.IsFinite(a) && OutsideDomain(u.Operator, a))
                {
                    found = MathText.Format(u) + " is the " + UnaryRules.Name(u.Operator) + " of " + MathText.Number(a);
                }

                return UnaryRules.Evaluate(u.Operator, a);
            }

            case Binary b:
            {
                var l = Evaluate(b.Left, variable, x, ref found);
                var r = Evaluate(b.Right, variable, x, ref found);
                if (found is null && NumericFunctions.IsFinite(l) && NumericFunctions.IsFinite(r))
                {
                    if (b.Operator == BinaryOperator.Divide && r == 0)
                    {
                        found = MathText.Format(b) + " divides by 0";
                    }
                    else if (b.Operator == BinaryOperator.Power && ((l < 0 && !NumericFunctions.IsInteger(r)) || (l == 0 && r < 0)))
                    {
                        found = MathText.Format(b) + " is " + MathText.Number(l) + " to the power " + MathText.Number(r);
                    }
                }

                return BinaryRules.Evaluate(b.Operator, l, r);
            }

            case Conditional c:
            {
                var holds = ComparisonRules.Evaluate(c.Condition.Operator,
                    Evaluate(c.Condition.Left, variable, x, ref found), Evaluate(c.Condition.Right, variable, x, ref found));
                return Evaluate(holds ? c.WhenTrue : c.WhenFalse, variable, x, ref found);
            }

            default:
                return Interpreter.Evaluate(e, variable, x);
        }
    }

    private static bool OutsideDomain(UnaryOperator op, double a) => op switch
    {
        UnaryOperator.Log => a <= 0,
        UnaryOperator.Log1p => a <= -1,
        UnaryOperator.Sqrt => a < 0,
        UnaryOperator.Atanh => a <= -1 || a >= 1,
        _ => false,
    };
}
