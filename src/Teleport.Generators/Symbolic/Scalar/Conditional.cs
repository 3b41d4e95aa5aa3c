namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// <c>where(condition, whenTrue, whenFalse)</c>: <paramref name="WhenTrue"/> where the comparison holds,
/// else <paramref name="WhenFalse"/> (also when an operand of the comparison is NaN).
/// </summary>
internal sealed record Conditional(Comparison Condition, Expr WhenTrue, Expr WhenFalse) : Expr
{
    /// <summary>
    /// The adjoints with respect to (whenTrue, whenFalse); the comparison's operands have none
    /// (the selection is piecewise constant in them).
    /// </summary>
    public (Expr WhenTrue, Expr WhenFalse) Derivatives() =>
        (Where(Condition, 1, 0), Where(Condition, 0, 1));
}
