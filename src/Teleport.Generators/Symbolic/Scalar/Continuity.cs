using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Where σ may jump: at the threshold k of a <c>where(x op k, A, B)</c> whose branches disagree there (A(k) ≠ B(k)), or
/// anywhere a <c>where</c> condition that is not such a threshold changes (<c>where(x*x &gt; 1, …)</c>: its cut points
/// are not known). <see cref="MonotonicityProof"/> proves σ′ &gt; 0 on the pieces between thresholds only, which says
/// nothing across a jump: <c>where(x &gt; 0, x, exp(x))</c> has σ′ &gt; 0 on both sides and falls from 1 to 0 at 0 (so it is
/// not injective), and <c>where(x &gt; 0, x + 1, x)</c> rises, leaving the gap (0, 1] out of its range, where its σ⁻¹
/// (y ≤ 1 ↦ y) does not invert it and the data-dependent group S3 is not exact.
/// </summary>
internal static class Continuity
{
    /// <summary>Relative disagreement of the branches at a threshold below which σ counts as continuous there (double's rounding).</summary>
    private const double Tolerance = 1e-9;

    /// <summary>
    /// The first jump of <paramref name="sigma"/> in <paramref name="x"/> as a clause for a message ("σ jumps at x = 0
    /// (from 1 to 0)"), or null when σ is continuous at every where-threshold.
    /// </summary>
    public static string? FindJump(Expr sigma, string x)
    {
        foreach (var node in ExprWalker.Nodes(sigma))
        {
            if (node is not Conditional c || !(c.Condition.Left.DependsOn(x) || c.Condition.Right.DependsOn(x))) continue;
            if (Threshold(c.Condition, x) is not var (k, trueOnRight))
                return "σ was not proved continuous (its where condition " + MathText.Format(c.Condition) + " does not compare x with a constant)";
            // At x = k itself an inner where at the same k takes one side; if that inner where jumps, its own check says so.
            var whenTrue = Interpreter.Evaluate(c.WhenTrue, x, k);
            var whenFalse = Interpreter.Evaluate(c.WhenFalse, x, k);
            if (Agree(whenTrue, whenFalse)) continue;
            var (left, right) = trueOnRight ? (whenFalse, whenTrue) : (whenTrue, whenFalse);
            return "σ jumps at x = " + MathText.Number(k) + " (from " + Value(left) + " to " + Value(right) + ")";
        }

        return null;
    }

    /// <summary>k of <c>x op k</c> or <c>k op x</c> (finite), and whether the condition holds to the right of k.</summary>
    private static (double K, bool TrueOnRight)? Threshold(Comparison c, string x) => c switch
    {
        { Left: Variable v, Right: Constant k } when v.Name == x && NumericFunctions.IsFinite(k.Value) =>
            (k.Value, ComparisonRules.IsGreater(c.Operator)),
        { Left: Constant k, Right: Variable v } when v.Name == x && NumericFunctions.IsFinite(k.Value) =>
            (k.Value, !ComparisonRules.IsGreater(c.Operator)),
        _ => null,
    };

    private static bool Agree(double a, double b) =>
        NumericFunctions.IsFinite(a) && NumericFunctions.IsFinite(b)
        && Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string Value(double v) => double.IsNaN(v) ? "undefined" : MathText.Number(v);
}
