using System;
using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Symbolic.Tests.Scalar;

public class IntervalTests
{
    [Fact]
    public void ArithmeticTracksOpenAndClosedEnds()
    {
        var unit = Interval.Open(0, 1);
        Assert.Equal("(0, 1)", IntervalArithmetic.Multiply(unit, unit).ToString());
        Assert.Equal("(0, 1]", IntervalArithmetic.Subtract(Interval.Point(1), IntervalArithmetic.PowInteger(Interval.Of(0, true, 1, false), 1)).ToString());
        Assert.Equal("[0, 1)", IntervalArithmetic.PowInteger(Interval.Open(-1, 1), 2).ToString());
        Assert.Equal("[1, ∞)", IntervalArithmetic.Reciprocal(Interval.Of(0, false, 1, true)).ToString());
        Assert.Equal("(−∞, ∞)", IntervalArithmetic.Reciprocal(Interval.Closed(-1, 1)).ToString());
        Assert.Equal("(−∞, −1]", IntervalArithmetic.Reciprocal(Interval.Of(-1, true, 0, false)).ToString());
        Assert.Equal("[0, 3]", IntervalArithmetic.Abs(Interval.Closed(-3, 2)).ToString());
        Assert.Equal("[−1, 1]", IntervalArithmetic.Sign(Interval.Closed(-3, 2)).ToString());
        Assert.Equal("(0, ∞)", IntervalArithmetic.Multiply(Interval.Open(0, 1), Interval.Open(1, double.PositiveInfinity)).ToString());
        Assert.Equal("[0, ∞)", IntervalArithmetic.Multiply(Interval.Closed(0, 1), Interval.Open(0, double.PositiveInfinity)).ToString());
        Assert.Equal("(−1, 1)", IntervalEvaluator.Evaluate(Expr.Tanh(Expr.Var("x"))).ToString());
        Assert.True(Interval.Empty.IsEmpty);
        Assert.Equal(Interval.Empty, Interval.Open(1, 1));
    }

    [Fact]
    public void WhereRefinesTheComparedVariable()
    {
        var x = Expr.Var("x");
        Assert.Equal("[0, ∞)", IntervalEvaluator.Evaluate(Expr.Where(x > 0, x, 0)).ToString());
        Assert.Equal("[1, 2]", IntervalEvaluator.Evaluate(Expr.Where(x >= 1, 1, Expr.Where(x < 1, 2, 3))).ToString());
        var ranges = new Dictionary<string, Interval> { ["x"] = Interval.Open(2, 3) };
        Assert.Equal("[1, 1]", IntervalEvaluator.Evaluate(Expr.Where(x > 1, 1, 0), ranges).ToString());
    }

    /// <summary>Soundness: every sampled value of a random formula lies in its enclosure over a random box.</summary>
    [Fact]
    public void EnclosuresContainSampledValues()
    {
        var random = new Random(5);
        foreach (var formula in TestFormulas.Random(80, seed: 31337))
        {
            var e = Simplifier.Simplify(TestFormulas.Parse(formula));
            var lo = Math.Round((random.NextDouble() * 8) - 4, 2);
            var hi = lo + Math.Round(random.NextDouble() * 4, 2);
            var box = new Dictionary<string, Interval> { ["x"] = Interval.Closed(lo, hi) };
            var enclosure = IntervalEvaluator.Evaluate(e, box);
            foreach (var x in Enumerable.Range(0, 41).Select(i => lo + ((hi - lo) * i / 40)))
            {
                var v = Numerics.Eval(e, x);
                if (Numerics.IsFinite(v))
                {
                    Assert.True(enclosure.Contains(v), formula + " = " + e + " over [" + lo + ", " + hi + "]: " + v + " at " + x + " outside " + enclosure);
                }
            }
        }
    }
}
