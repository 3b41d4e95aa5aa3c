using System;
using System.Globalization;
using System.Text;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Readable math text for doc comments, with minimal parentheses: <c>where(x &gt; 0, x, 0.1·x)</c>,
/// <c>1 − tanh(x)^2</c>, <c>x·sigmoid(x)</c>. Uses · for products and − for minus; numbers are invariant
/// round-trip. Plain text: escape it for XML before putting it in a doc comment.
/// </summary>
internal static class MathText
{
    private const int Sum = 1;
    private const int Product = 2;
    private const int Prefix = 3;
    private const int Power = 4;
    private const int Atom = 5;

    public static string Format(Expr e)
    {
        var text = new StringBuilder();
        Write(e, text);
        return text.ToString();
    }

    public static string Format(Comparison c) =>
        Format(c.Left) + " " + ComparisonRules.Symbol(c.Operator) + " " + Format(c.Right);

    private static int Level(Expr e) => e switch
    {
        Constant c => c.Value < 0 ? Prefix : Atom,
        Unary { Operator: UnaryOperator.Negate } => Prefix,
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Sum,
        Binary { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } => Product,
        Binary { Operator: BinaryOperator.Power } => Power,
        _ => Atom,
    };

    private static void Write(Expr e, StringBuilder text)
    {
        switch (e)
        {
            case Constant c:
                text.Append(Number(c.Value));
                break;
            case Variable v:
                text.Append(v.Name);
                break;
            case Unary { Operator: UnaryOperator.Negate } n:
                text.Append('−');
                Operand(n.Operand, Product, text);
                break;
            case Unary u:
                text.Append(UnaryRules.Name(u.Operator)).Append('(');
                Write(u.Operand, text);
                text.Append(')');
                break;
            case Binary { Operator: BinaryOperator.Max or BinaryOperator.Min } m:
                text.Append(BinaryRules.Name(m.Operator)).Append('(');
                Write(m.Left, text);
                text.Append(", ");
                Write(m.Right, text);
                text.Append(')');
                break;
            case Binary b:
                WriteBinary(b, text);
                break;
            case Conditional w:
                text.Append("where(").Append(Format(w.Condition)).Append(", ");
                Write(w.WhenTrue, text);
                text.Append(", ");
                Write(w.WhenFalse, text);
                text.Append(')');
                break;
            default:
                throw new ArgumentException("Unknown expression node " + e.GetType().Name, nameof(e));
        }
    }

    private static void WriteBinary(Binary b, StringBuilder text)
    {
        switch (b.Operator)
        {
            case BinaryOperator.Add:
                Operand(b.Left, Sum, text);
                text.Append(" + ");
                Operand(b.Right, Product, text);
                break;
            case BinaryOperator.Subtract:
                Operand(b.Left, Sum, text);
                text.Append(" − ");
                Operand(b.Right, Product, text);
                break;
            case BinaryOperator.Multiply:
                Operand(b.Left, Product, text);
                text.Append('·');
                Operand(b.Right, Prefix + 1, text);
                break;
            case BinaryOperator.Divide:
                Operand(b.Left, Product, text);
                text.Append(" / ");
                Operand(b.Right, Prefix + 1, text);
                break;
            default:
                // ^ is right-associative: a^b^c = a^(b^c).
                Operand(b.Left, Atom, text);
                text.Append('^');
                Operand(b.Right, Power, text);
                break;
        }
    }

    /// <summary>Writes an operand, parenthesised when its level is below <paramref name="minimum"/>.</summary>
    private static void Operand(Expr e, int minimum, StringBuilder text)
    {
        if (Level(e) < minimum)
        {
            text.Append('(');
            Write(e, text);
            text.Append(')');
        }
        else
        {
            Write(e, text);
        }
    }

    /// <summary>Invariant round-trip text with − for a negative sign, e for the exponent (1e-05), ∞ for infinity.</summary>
    public static string Number(double v) =>
        double.IsPositiveInfinity(v) ? "∞"
        : double.IsNegativeInfinity(v) ? "−∞"
        : double.IsNaN(v) ? "NaN"
        : (v < 0 ? "−" : "") + Math.Abs(v).ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
}
