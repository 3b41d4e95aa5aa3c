namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Constants of a derived formula that double cannot hold. The parser refuses a constant sub-formula that is NaN or
/// ±∞ and the constants of one sum or product chain that combine beyond double's range (TP0024), but the simplifier
/// combines constants across parentheses too ((x*1e308)*1e308 is x·(1e308·1e308), (1e300*x)^2 is 1e300²·x²), and a
/// derivative multiplies them (x^1e308 has σ″ = 1e308·(1e308 − 1)·x^(1e308 − 2)): such a combination is ±∞ (or NaN)
/// in double, which the emitted code would compute with. Combined constants can also reach 0 where the formula divides by
/// them: (σ⁻¹)″ = −σ″/σ′³ of elu(1e-155) is −1e-155·exp(x)/(1e-155)³, and (1e-155)³ underflows to 0 — a division by
/// zero the parser would have refused where written (x/0).
/// </summary>
internal static class UndefinedConstants
{
    /// <summary>
    /// The first sub-expression of <paramref name="e"/> (outermost first) that is a constant NaN or ±∞ in double precision,
    /// or a division whose divisor is a constant 0 (<see cref="IsDivisionByZero"/>); null when there is none.
    /// </summary>
    public static Expr? Find(Expr e)
    {
        foreach (var node in ExprWalker.Nodes(e))
        {
            if (node.IsConstant ? !NumericFunctions.IsFinite(Interpreter.EvaluateConstant(node)) : IsDivisionByZero(node))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="e"/> is u/c with c a constant that is 0 in double precision (a constant u/0 is NaN or ±∞ itself).</summary>
    public static bool IsDivisionByZero(Expr e) =>
        e is Binary { Operator: BinaryOperator.Divide, Right: { IsConstant: true } divisor } && Interpreter.EvaluateConstant(divisor) == 0;

    /// <summary>"+∞", "−∞" or "NaN": the value of a constant <see cref="Find"/> returned (not a division), as a message writes it.</summary>
    public static string Describe(Expr constant)
    {
        var value = Interpreter.EvaluateConstant(constant);
        return double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞";
    }
}
