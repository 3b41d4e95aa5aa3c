using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

/// <summary>Finite differences, kink detection and sample points for the numeric checks.</summary>
internal static class Numerics
{
    /// <summary>Points in [−3, 3] off the grid of "nice" numbers (no exact 0, ±1, thresholds).</summary>
    public static IReadOnlyList<double> SamplePoints(int count = 48, double lo = -3, double hi = 3) =>
        Enumerable.Range(0, count).Select(i => lo + ((hi - lo) * (i + 0.5) / count) + 0.0123).ToList();

    public static double Eval(Expr e, double x) => Interpreter.Evaluate(e, "x", x);

    /// <summary>Central difference with one Richardson step: error O(h⁴).</summary>
    public static double Derivative(Expr f, double x)
    {
        var h = 1e-3 * Math.Max(1, Math.Abs(x));
        double Central(double step) => (Eval(f, x + step) - Eval(f, x - step)) / (2 * step);
        return ((4 * Central(h / 2)) - Central(h)) / 3;
    }

    /// <summary>
    /// Whether x is within <paramref name="radius"/> of a point where the expression switches branch or has
    /// a kink: where-conditions, abs, sign, max, min (their switching function changes sign or is ~0).
    /// </summary>
    public static bool NearKink(Expr e, double x, double radius)
    {
        foreach (var node in ExprWalker.Nodes(e))
        {
            Expr? switching = node switch
            {
                Conditional c => c.Condition.Left - c.Condition.Right,
                Unary { Operator: UnaryOperator.Abs or UnaryOperator.Sign or UnaryOperator.Sqrt or UnaryOperator.Log } u => u.Operand,
                Binary { Operator: BinaryOperator.Max or BinaryOperator.Min } b => b.Left - b.Right,
                _ => null,
            };
            if (switching is null)
            {
                continue;
            }

            var values = new[] { x - radius, x - (radius / 2), x, x + (radius / 2), x + radius }.Select(p => Eval(switching, p)).ToArray();
            // A switching function that is constant here (e.g. min(0.5, 0.5)) is no kink.
            if (values.All(v => v == values[0]))
            {
                continue;
            }

            if (values.Any(v => double.IsNaN(v)) || values.Any(v => Math.Abs(v) < 1e-9) || values.Any(v => Math.Sign(v) != Math.Sign(values[0])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A first-order estimate of the float rounding noise of evaluating <paramref name="e"/> at x: the sum over
    /// its operations of the change in the result when that operation's value is off by one float ulp
    /// (relative 2⁻²³). Cancellation shows up as a large estimate.
    /// </summary>
    public static double FloatNoise(Expr e, double x)
    {
        var value = Eval(e, x);
        var noise = Math.Abs(value) * Math.Pow(2, -23);
        foreach (var node in ExprWalker.Nodes(e).Where(n => n is Unary or Binary or Conditional).Distinct())
        {
            var perturbed = ExprWalker.Rewrite(e, n => n.Equals(node) ? (1 + Math.Pow(2, -23)) * n : n);
            var change = Math.Abs(Eval(perturbed, x) - value);
            noise += double.IsNaN(change) ? 0 : change;
        }

        return noise;
    }

    public static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

    /// <summary>|a − b| ≤ relative·max(|a|, |b|) + absolute.</summary>
    public static bool Close(double a, double b, double relative, double absolute) =>
        (double.IsNaN(a) && double.IsNaN(b)) || a == b || Math.Abs(a - b) <= (relative * Math.Max(Math.Abs(a), Math.Abs(b))) + absolute;
}
