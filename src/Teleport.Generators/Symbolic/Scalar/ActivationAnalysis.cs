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
            IsStrictlyIncreasing: MonotonicityProof.IsPositive(first, s, variable),
            IsPiecewiseLinear: IsPiecewiseLinear(s, variable),
            Range: Range(s, variable),
            FirstDerivative: first,
            SecondDerivative: second,
            Inverse: Inversion.TryInvert(s, variable, InverseVariable));
    }

    /// <summary>The hull of σ's enclosures over the pieces of ℝ cut at its where-thresholds.</summary>
    public static Interval Range(Expr sigma, string variable)
    {
        var range = Interval.Empty;
        foreach (var piece in MonotonicityProof.Pieces(sigma, sigma, variable))
        {
            var ranges = new System.Collections.Generic.Dictionary<string, Interval> { [variable] = piece };
            range = range.Hull(IntervalEvaluator.Evaluate(sigma, ranges));
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
}
