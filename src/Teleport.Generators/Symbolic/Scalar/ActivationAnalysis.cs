namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Derives an activation's <see cref="ActivationProperties"/> from its formula alone.</summary>
internal static class ActivationAnalysis
{
    /// <summary>The variable of <see cref="ActivationProperties.Inverse"/>.</summary>
    public const string InverseVariable = "y";

    public static ActivationProperties Analyze(Expr sigma) => Analyze(sigma, ActivationLanguage.InputVariable);

    public static ActivationProperties Analyze(Expr sigma, string variable)
    {
        var s = Simplifier.Simplify(sigma);
        var first = Calculus.Differentiate(s, variable);
        var second = Calculus.Differentiate(first, variable);
        var homogeneous = Homogeneity.DegreeOf(s, variable) is { } d && (d.Any || d.Value == 1)
            && Homogeneity.HoldsNumerically(s, variable);
        return new ActivationProperties(
            Activation: s,
            IsIdentity: s is Variable v && v.Name == variable,
            IsPositivelyHomogeneous: homogeneous,
            IsStrictlyIncreasing: MonotonicityProof.IsStrictlyIncreasing(s, first, variable),
            IsPiecewiseLinear: IsPiecewiseLinear(s, variable),
            Range: Range(s, variable),
            FirstDerivative: first,
            SecondDerivative: second,
            Inverse: Inversion.TryInvert(s, variable, InverseVariable));
    }

    /// <summary>
    /// The hull of σ's enclosures over the pieces of ℝ cut at its where-thresholds, where σ is defined (the sweep:
    /// sqrt(x) had the range (−∞, ∞), its enclosure over ℝ being "anything, possibly NaN").
    /// </summary>
    public static Interval Range(Expr sigma, string variable)
    {
        var range = Interval.Empty;
        foreach (var piece in MonotonicityProof.Pieces(sigma, sigma, variable))
        {
            var ranges = new System.Collections.Generic.Dictionary<string, Interval> { [variable] = piece };
            range = range.Hull(IntervalEvaluator.EvaluateOnDomain(sigma, ranges));
        }

        return range;
    }

    /// <summary>Built from x and constants by +, −, scaling, abs, max, min and where (any conditions).</summary>
    public static bool IsPiecewiseLinear(Expr e, string variable) => e switch
    {
        Constant or Variable => true,
        Unary { Operator: UnaryOperator.Negate or UnaryOperator.Abs or UnaryOperator.Sign } u => IsPiecewiseLinear(u.Operand, variable),
        Unary u => !u.Operand.DependsOn(variable),
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Max or BinaryOperator.Min } b =>
            IsPiecewiseLinear(b.Left, variable) && IsPiecewiseLinear(b.Right, variable),
        Binary { Operator: BinaryOperator.Multiply } b =>
            (!b.Left.DependsOn(variable) && IsPiecewiseLinear(b.Right, variable))
            || (!b.Right.DependsOn(variable) && IsPiecewiseLinear(b.Left, variable)),
        Binary { Operator: BinaryOperator.Divide } b => !b.Right.DependsOn(variable) && IsPiecewiseLinear(b.Left, variable),
        Binary b => !b.Left.DependsOn(variable) && !b.Right.DependsOn(variable),
        Conditional c => IsPiecewiseLinear(c.WhenTrue, variable) && IsPiecewiseLinear(c.WhenFalse, variable),
        _ => false,
    };

    /// <summary>
    /// Why σ is not invertible, when the engine can prove it: σ is constant on an interval (σ′ = 0 there, by interval
    /// arithmetic: relu on (−∞, 0)) or σ is even (σ(−x) simplifies to σ(x): x²); null otherwise. Equal values in double
    /// precision prove nothing (tanh(1e30·x) is 1 at both 1 and 2).
    /// </summary>
    public static string? NotInvertibleReason(ActivationProperties p, string variable)
    {
        // The first run of consecutive pieces (open intervals and their end points) on which σ′ = 0, if one is an interval.
        var run = Interval.Empty;
        foreach (var piece in MonotonicityProof.Pieces(p.FirstDerivative, p.Activation, variable))
        {
            var ranges = new System.Collections.Generic.Dictionary<string, Interval> { [variable] = piece };
            var slope = IntervalEvaluator.Evaluate(p.FirstDerivative, ranges);
            if (slope.Lower == 0 && slope.Upper == 0)
            {
                run = run.Hull(piece);
                continue;
            }

            if (!run.IsEmpty && run.Lower < run.Upper)
            {
                break;
            }

            run = Interval.Empty;
        }

        if (!run.IsEmpty && run.Lower < run.Upper)
        {
            return "σ is not invertible: it is constant for x in " + run;
        }

        var mirrored = Simplifier.Simplify(p.Activation.Substitute(variable, -Expr.Var(variable)));
        return mirrored.Equals(p.Activation) ? "σ is not invertible: σ(−x) = σ(x)" : null;
    }
}
