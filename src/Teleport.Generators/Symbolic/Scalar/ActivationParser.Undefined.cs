namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Undefined values, refused where they are written: a constant part of the formula that is NaN or ±∞ in double
/// precision (0/0, log(0), sqrt(-1), exp(1000), 1e308*1e308) and a division by a divisor that is, or simplifies
/// to, zero (x/0, x/(x - x)). The simplifier may not keep them (it folds only finite constants, and 0·u = 0
/// would turn where(x &gt; 0, x, 0/0) into ReLU), so they must not reach it.
/// </summary>
internal sealed partial class ActivationParser
{
    /// <summary>Longer sub-formulas are quoted by their start and end (a message quotes at most this many characters).</summary>
    private const int MaxQuoted = 40;

    /// <summary><paramref name="p"/> itself when it depends on a variable or is a finite constant; otherwise an error at it.</summary>
    private Parsed Defined(Parsed p)
    {
        if (!p.Expr.IsConstant)
        {
            return p;
        }

        var value = Interpreter.EvaluateConstant(p.Expr);
        if (NumericFunctions.IsFinite(value))
        {
            NoteOutsideFloat(p, value);
            return p;
        }

        var what = double.IsNaN(value)
            ? "is undefined (NaN in double precision)"
            : "is " + (value > 0 ? "+∞" : "−∞") + " in double precision (undefined, or beyond ±1.8E+308)";
        throw new ParseException(ParseErrorKind.UndefinedValue, p.Start, p.End - p.Start,
            Quote(p) + " " + what + "; a formula's constants must be finite numbers");
    }

    /// <summary>A divisor that is the constant 0, or that simplifies to 0 (x − x), is an error at the whole division.</summary>
    private void CheckDivisor(Parsed division, Parsed divisor)
    {
        string? why = null;
        if (divisor.Expr.IsConstant)
        {
            if (Interpreter.EvaluateConstant(divisor.Expr) == 0)
            {
                why = "is 0";
            }
        }
        else if (SimplifiesToZero(divisor.Expr))
        {
            why = "simplifies to 0";
        }

        if (why is not null)
        {
            throw new ParseException(ParseErrorKind.UndefinedValue, division.Start, division.End - division.Start,
                "division by zero in " + Quote(division) + ": the divisor " + Quote(divisor) + " " + why);
        }
    }

    /// <summary>Whether the simplifier turns <paramref name="e"/> into the constant 0 (within its work bound; false past it).</summary>
    private static bool SimplifiesToZero(Expr e)
    {
        try
        {
            using (ComplexityBudget.Enter())
            {
                return Simplifier.Simplify(e) is Constant { Value: 0 };
            }
        }
        catch (FormulaTooComplexException)
        {
            return false;
        }
    }

    /// <summary>The text of <paramref name="p"/> in quotes, its middle elided past <see cref="MaxQuoted"/> characters.</summary>
    private string Quote(Parsed p)
    {
        var text = _text.Substring(p.Start, p.End - p.Start);
        return "'" + Elide(text, MaxQuoted) + "'";
    }

    /// <summary><paramref name="text"/>, or its start and end around "…" when it is longer than <paramref name="max"/>.</summary>
    internal static string Elide(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var half = (max - 1) / 2;
        return text.Substring(0, half) + "…" + text.Substring(text.Length - half);
    }

    /// <summary>
    /// The running total of the constant terms of a sum (or factors of a product) that the simplifier will combine
    /// into one: x + 1e308 + 1e308 is x + ∞, x*1e-200*1e-200 is 0·x. An error at the sum or product so far when
    /// the total leaves double's range (or underflows to 0 from nonzero factors).
    /// </summary>
    private double Combine(double total, Parsed operand, Parsed soFar, BinaryOperator op)
    {
        if (!operand.Expr.IsConstant)
        {
            return total;
        }

        var value = Interpreter.EvaluateConstant(operand.Expr);
        var combined = BinaryRules.Evaluate(op, total, value);
        var product = op is BinaryOperator.Multiply or BinaryOperator.Divide;
        var underflow = product && combined == 0 && total != 0 && value != 0;
        if (NumericFunctions.IsFinite(combined) && !underflow)
        {
            if (product && !soFar.Expr.IsConstant)
            {
                // x*1e-30*1e-30 is 1e-60·x once simplified: the chain so far is where that constant was written.
                NoteOutsideFloat(soFar, combined);
            }

            return combined;
        }

        var result = underflow ? "0 (they underflow)" : (combined > 0 ? "+∞" : "−∞") + " in double precision";
        throw new ParseException(ParseErrorKind.UndefinedValue, soFar.Start, soFar.End - soFar.Start,
            "the constant " + (product ? "factors" : "terms") + " of " + Quote(soFar) + " combine to " + result
            + "; a formula's constants must combine to a finite, nonzero number");
    }
}
