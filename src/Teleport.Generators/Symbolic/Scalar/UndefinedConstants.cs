namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Constants of a derived formula that double cannot hold. The parser refuses a constant sub-formula that is NaN or
/// ±∞ and the constants of one sum or product chain that combine beyond double's range (TP0024), but the simplifier
/// combines constants across parentheses too ((x*1e308)*1e308 is x·(1e308·1e308), (1e300*x)^2 is 1e300²·x²), and a
/// derivative multiplies them (x^1e308 has σ″ = 1e308·(1e308 − 1)·x^(1e308 − 2)): such a combination is ±∞ (or NaN)
/// in double, which the emitted code would compute with.
/// </summary>
internal static class UndefinedConstants
{
    /// <summary>The first constant sub-expression of <paramref name="e"/> (outermost first) that is NaN or ±∞ in double precision, or null.</summary>
    public static Expr? Find(Expr e)
    {
        foreach (var node in ExprWalker.Nodes(e))
        {
            if (node.IsConstant && !NumericFunctions.IsFinite(Interpreter.EvaluateConstant(node)))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>"+∞", "−∞" or "NaN": the value of a constant <see cref="Find"/> returned, as a message writes it.</summary>
    public static string Describe(Expr constant)
    {
        var value = Interpreter.EvaluateConstant(constant);
        return double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞";
    }
}
