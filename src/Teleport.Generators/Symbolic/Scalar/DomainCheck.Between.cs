using System;
using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// The search between the sample points, for σ undefined only on a narrow interval or at one point: x/(x − 0.37) divides
/// by 0 at 0.37 alone, and log(x² − 0.7x + 0.12) is undefined only on (0.3, 0.4), between the samples 0.25 and 0.5.
/// Three searches, each of whose finds is a point where σ's own evaluation fails (so the warning stays true):
/// <list type="number">
/// <item>the formula's constants ±c and ratios ±c₁/c₂, where x − c and c₂x − c₁ vanish;</item>
/// <item>a grid: −8 … 8 in steps of 1/64, and ±10^(k/4) from 10⁻⁶ to 10³ (an interval of width 1/64 near 0 is found);</item>
/// <item>each denominator's (and each base raised to a negative power's) sign changes between neighbouring grid points,
/// bisected down to neighbouring doubles: a root the double line holds exactly is a division by 0 there.</item>
/// </list>
/// A formula whose evaluation is too large for that many points (<see cref="MaxEvaluations"/>) gets the samples alone.
/// <see cref="FloatRounding"/>'s NaN search tries the grid and the roots' neighbouring doubles too (<see cref="PointsBetweenSamples"/>).
/// </summary>
internal static partial class DomainCheck
{
    /// <summary>
    /// Nodes evaluated, summed over the points at the most (every sign change bisected in full), beyond which the search
    /// between the samples is skipped: it runs on every build, in the IDE too. A 200-node σ with one denominator fits.
    /// </summary>
    internal const long MaxEvaluations = 2_000_000;

    /// <summary>Sign changes bisected per guard (an oscillating denominator has hundreds on the grid).</summary>
    private const int MaxSignChanges = 32;

    /// <summary>Halvings per sign change: from 1/64 down to neighbouring doubles takes about 60, near 0 down to 10⁻⁶⁰ about 200.</summary>
    private const int MaxHalvings = 200;

    /// <summary>The formula's constants used for ±c and ±c₁/c₂ (the first ones).</summary>
    private const int MaxConstants = 8;

    /// <summary>The grid of the second search, sorted.</summary>
    internal static readonly double[] Grid = BuildGrid();

    private static double[] BuildGrid()
    {
        var points = new SortedSet<double>();
        for (var i = -512; i <= 512; i++) points.Add(i / 64.0);
        for (var k = -24; k <= 12; k++)
        {
            var magnitude = Math.Pow(10, k / 4.0);
            points.Add(magnitude);
            points.Add(-magnitude);
        }

        return points.ToArray();
    }

    private static string? FindBetweenSamples(Expr sigma, string variable)
    {
        var constants = ConstantPoints(sigma, c => c).Distinct().ToList();
        var guards = Guards(sigma).ToList();
        if (!WithinBudget(sigma, constants.Count, guards.Count)) return null;

        foreach (var x in constants.Concat(Grid))
        {
            if (FindAt(sigma, variable, x) is { } found) return found;
        }

        foreach (var guard in guards)
        {
            foreach (var (_, _, exact) in RootBrackets(guard, variable))
            {
                if (exact is { } x && FindAt(sigma, variable, x) is { } found) return found;
            }
        }

        return null;
    }

    /// <summary>
    /// The points between the samples for <see cref="FloatRounding"/>'s NaN search in a formula of one variable: the grid,
    /// then around each root of a denominator (or of a base raised to a negative power) on it, the double where it is 0 or
    /// the two neighbouring doubles its sign changes between — where the float code's rounding can make that 0 when the
    /// double's is not. Empty past the budget.
    /// </summary>
    internal static IEnumerable<double> PointsBetweenSamples(Expr formula, string variable)
    {
        var guards = Guards(formula).ToList();
        if (!WithinBudget(formula, 0, guards.Count)) yield break;
        foreach (var x in Grid) yield return x;
        foreach (var guard in guards)
        {
            foreach (var (low, high, exact) in RootBrackets(guard, variable))
            {
                if (exact is { } x) yield return x;
                else
                {
                    yield return low;
                    yield return high;
                }
            }
        }
    }

    /// <summary>
    /// Whether the searches fit <see cref="MaxEvaluations"/>: each point evaluates the formula once, and each guard's scan
    /// evaluates it at every grid point and bisects its sign changes (counted in full).
    /// </summary>
    private static bool WithinBudget(Expr formula, int constants, int guards)
    {
        long evaluationsPerPoint = ExprWalker.TreeSize(formula);
        var points = constants + Grid.Length + (guards * (Grid.Length + (MaxSignChanges * (MaxHalvings + 1L))));
        return evaluationsPerPoint * points <= MaxEvaluations;
    }

    /// <summary>
    /// ±c, then ±c₁/c₂, for the formula's first <see cref="MaxConstants"/> distinct finite nonzero constants, each as
    /// <paramref name="asHeld"/> makes it (double: itself; float code: <see cref="FloatRounding.Round"/>): where x − c
    /// and c₂x − c₁ vanish. Shared with <see cref="FloatRounding"/>'s search for NaN, which tries the same points.
    /// </summary>
    internal static IEnumerable<double> ConstantPoints(Expr formula, Func<double, double> asHeld)
    {
        var constants = ExprWalker.Nodes(formula).OfType<Constant>().Select(c => Math.Abs(asHeld(c.Value)))
            .Where(c => c != 0 && NumericFunctions.IsFinite(c)).Distinct().Take(MaxConstants).ToList();
        foreach (var c in constants)
        {
            yield return c;
            yield return -c;
        }

        foreach (var a in constants)
        {
            foreach (var b in constants)
            {
                var ratio = asHeld(a / b);
                if (ratio == 0 || !NumericFunctions.IsFinite(ratio)) continue;
                yield return ratio;
                yield return -ratio;
            }
        }
    }

    /// <summary>The sub-formulas that must not be 0: denominators, and bases raised to a negative constant power.</summary>
    private static IEnumerable<Expr> Guards(Expr sigma)
    {
        foreach (var node in ExprWalker.Nodes(sigma).OfType<Binary>())
        {
            if (node.Operator == BinaryOperator.Divide && node.Right is not Constant) yield return node.Right;
            else if (node.Operator == BinaryOperator.Power && node.Right is Constant { Value: < 0 } && node.Left is not Constant) yield return node.Left;
        }
    }

    /// <summary>
    /// Each sign change of <paramref name="guard"/> between neighbouring grid points, bisected: the double where it is
    /// exactly 0 when one is met (Exact), else the last interval, whose ends are neighbouring doubles unless the halvings ran
    /// out or met a non-finite value (a jump).
    /// </summary>
    private static IEnumerable<(double Low, double High, double? Exact)> RootBrackets(Expr guard, string variable)
    {
        var previous = Interpreter.Evaluate(guard, variable, Grid[0]);
        var changes = 0;
        for (var i = 1; i < Grid.Length && changes < MaxSignChanges; i++)
        {
            var value = Interpreter.Evaluate(guard, variable, Grid[i]);
            if (NumericFunctions.IsFinite(previous) && NumericFunctions.IsFinite(value) && Math.Sign(previous) * Math.Sign(value) < 0)
            {
                changes++;
                yield return Bisect(guard, variable, Grid[i - 1], previous, Grid[i]);
            }

            previous = value;
        }
    }

    /// <summary>
    /// Halves (<paramref name="low"/>, <paramref name="high"/>), kept around a sign change of <paramref name="guard"/>, until
    /// a double where it is exactly 0 is met or the ends are neighbouring doubles (the root falls between two doubles, or the
    /// sign change is a jump).
    /// </summary>
    private static (double Low, double High, double? Exact) Bisect(Expr guard, string variable, double low, double lowValue, double high)
    {
        for (var step = 0; step < MaxHalvings; step++)
        {
            var middle = low + ((high - low) / 2);
            if (middle <= low || middle >= high) break;
            var value = Interpreter.Evaluate(guard, variable, middle);
            if (value == 0) return (low, high, middle);
            if (!NumericFunctions.IsFinite(value)) break;
            if (Math.Sign(value) == Math.Sign(lowValue))
            {
                low = middle;
                lowValue = value;
            }
            else
            {
                high = middle;
            }
        }

        return (low, high, null);
    }
}
