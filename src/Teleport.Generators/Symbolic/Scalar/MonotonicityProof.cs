using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Proves σ′ &gt; 0 on all of ℝ with interval arithmetic. ℝ is split at 0 and at every where-threshold
/// (<c>x op k</c>) into open pieces and their end points; on each piece the where-conditions refine x's
/// interval. When the plain derivative does not prove it, the derivative over a common denominator
/// (<see cref="RationalForm.Together"/>) is tried — unless σ′ is ≤ 0 at one of the sample inputs, where no form of it can
/// be proved positive. Says true only when proved; strictly increasing also needs σ continuous (no jump at a threshold).
/// </summary>
internal static class MonotonicityProof
{
    /// <summary>Whether σ′ &gt; 0 everywhere and σ continuous are proved (so σ strictly increasing, with an interval for range).</summary>
    public static bool IsStrictlyIncreasing(Expr sigma, string x) => IsStrictlyIncreasing(sigma, Calculus.Differentiate(sigma, x), x);

    /// <summary>
    /// As <see cref="IsStrictlyIncreasing(Expr, string)"/>, with σ′ given. σ′ &gt; 0 on the pieces between where-thresholds
    /// proves nothing across a jump at one (<see cref="Continuity"/>): where(x &gt; 0, x, exp(x)) falls from 1 to 0 there.
    /// </summary>
    public static bool IsStrictlyIncreasing(Expr sigma, Expr derivative, string x) =>
        IsPositive(derivative, sigma, x) && Continuity.FindJump(sigma, x) is null;

    /// <summary>Whether <paramref name="e"/> &gt; 0 for all real x is proved.</summary>
    public static bool IsPositive(Expr e, Expr context, string x)
    {
        var pieces = Pieces(e, context, x);
        if (pieces.All(p => IntervalEvaluator.Evaluate(e, Ranges(x, p)).IsPositive))
        {
            return true;
        }

        // A counterexample ends the proof before the common denominator, its costly step (a sum of n terms put over it
        // bottom-up simplifies each of its n prefixes afresh): for σ = x/(x − 0.37) + Σ₁⁷⁰ tanh(k·x) that step spent the
        // whole work bound (TP0017, after 2–3 s) although σ′ = −0.37/(x − 0.37)² + Σ k·(1 − tanh²(k·x)) is −19 at x = 0.5.
        // The enclosure at a point x₀ is rigorous, so a finite one ≤ 0 means e(x₀) is defined and ≤ 0; the common-denominator
        // form equals e wherever e is defined (the simplifier's contract), so it is ≤ 0 at x₀ as well, and its enclosure over
        // the piece holding x₀ cannot be positive: the answer is the "not proved" the costly step would have given.
        if (DomainCheck.SamplePoints.Any(p => IntervalEvaluator.Evaluate(e, Ranges(x, Interval.Point(p))) is { IsNonPositive: true } at
                && !double.IsNegativeInfinity(at.Lower)))
        {
            return false;
        }

        var together = RationalForm.Together(e);
        return !together.Equals(e) && pieces.All(p => IntervalEvaluator.Evaluate(together, Ranges(x, p)).IsPositive);
    }

    /// <summary>ℝ cut at 0 and at each where-threshold of x in the expressions: open pieces and their end points.</summary>
    public static List<Interval> Pieces(Expr e, Expr context, string x)
    {
        var cuts = new SortedSet<double> { 0 };
        foreach (var node in ExprWalker.Nodes(e).Concat(ExprWalker.Nodes(context)))
        {
            if (node is Conditional { Condition: var c } && Threshold(c, x) is double k)
            {
                cuts.Add(k);
            }
        }

        var pieces = new List<Interval>();
        var previous = double.NegativeInfinity;
        foreach (var k in cuts)
        {
            pieces.Add(Interval.Open(previous, k));
            pieces.Add(Interval.Point(k));
            previous = k;
        }

        pieces.Add(Interval.Open(previous, double.PositiveInfinity));
        return pieces;
    }

    private static double? Threshold(Comparison c, string x) => c switch
    {
        { Left: Variable v, Right: Constant k } when v.Name == x && NumericFunctions.IsFinite(k.Value) => k.Value,
        { Left: Constant k, Right: Variable v } when v.Name == x && NumericFunctions.IsFinite(k.Value) => k.Value,
        _ => null,
    };

    private static IReadOnlyDictionary<string, Interval> Ranges(string x, Interval range) =>
        new Dictionary<string, Interval> { [x] = range };
}
