using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Proves a derivative zero case by case where abs and sign split the line. At any x, every abs(u) equals s·u and every
/// sign(u) equals s for s = sign(u(x)) ∈ {−1, 0, 1}; so if the derivative with each distinct argument u's abs(u) and
/// sign(u) replaced by s·u and s simplifies to 0 for every choice of signs, it is 0 wherever it is defined (the
/// simplifier keeps values wherever the formula it is given is defined). The sign 0 is a case of its own: where an
/// argument is 0 on a whole interval, ±1 would prove nothing there. The sweep: (abs(x) + x)/(2x) is 0 for x &lt; 0 and 1
/// for x &gt; 0, but its σ′ = (0.5·sign(x) + 0.5)/x − (0.5·x + 0.5·|x|)/x² is not 0 until |x| is known to be ±x.
/// </summary>
internal static class SignCases
{
    /// <summary>The most distinct abs and sign arguments tried (3^k cases); with more the answer is "not proved".</summary>
    public const int MaxArguments = 3;

    /// <summary>True when <paramref name="derivative"/> holds abs or sign and is proved 0 in every sign case; false when not proved.</summary>
    public static bool IsZeroInEveryCase(Expr derivative)
    {
        var arguments = new List<Expr>();
        foreach (var node in ExprWalker.Nodes(derivative))
        {
            if (node is Unary { Operator: UnaryOperator.Abs or UnaryOperator.Sign } u && !arguments.Contains(u.Operand)) arguments.Add(u.Operand);
        }

        if (arguments.Count == 0 || arguments.Count > MaxArguments) return false;
        var cases = 1;
        for (var i = 0; i < arguments.Count; i++) cases *= 3;
        var signs = new Dictionary<Expr, int>();
        for (var c = 0; c < cases; c++)
        {
            var code = c;
            foreach (var argument in arguments)
            {
                signs[argument] = (code % 3) - 1;
                code /= 3;
            }

            if (!IsZero(Substitute(derivative, signs))) return false;
        }

        return true;
    }

    /// <summary>
    /// Whether one case's derivative simplifies to 0, directly or over a common denominator
    /// (<see cref="RationalForm.Together"/>): in the case |x − 1| = x − 1 of (|x − 1| + x − 1)/(x − 1), σ′ = 2/(x − 1) −
    /// (2x − 2)/(x − 1)², whose terms cancel only once the numerator 2(x − 1) − (2x − 2) is expanded.
    /// </summary>
    private static bool IsZero(Expr e) =>
        Simplifier.Simplify(e) is Constant { Value: 0 } || RationalForm.Together(e) is Constant { Value: 0 };

    /// <summary>abs(u) → s·u and sign(u) → s with s = <paramref name="signs"/>[u] (u as in the original: nested ones too).</summary>
    private static Expr Substitute(Expr e, Dictionary<Expr, int> signs) => e switch
    {
        Unary { Operator: UnaryOperator.Abs, Operand: var u } => signs[u] * Substitute(u, signs),
        Unary { Operator: UnaryOperator.Sign, Operand: var u } => Expr.Const(signs[u]),
        _ => ExprWalker.WithChildren(e, child => Substitute(child, signs)),
    };
}
