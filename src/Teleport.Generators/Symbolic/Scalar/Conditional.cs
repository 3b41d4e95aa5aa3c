namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// <c>where(condition, whenTrue, whenFalse)</c>: <see cref="WhenTrue"/> where the comparison holds,
/// else <see cref="WhenFalse"/> (also when an operand of the comparison is NaN).
/// </summary>
/// <remarks>The structural hash is computed once, so equality rejects most mismatches in O(1).</remarks>
internal sealed record Conditional : Expr
{
    private readonly int _hash;

    public Conditional(Comparison condition, Expr whenTrue, Expr whenFalse)
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
        _hash = unchecked((((condition.GetHashCode() * 16777619) ^ whenTrue.GetHashCode()) * 486187739) ^ whenFalse.GetHashCode());
    }

    public Comparison Condition { get; }

    public Expr WhenTrue { get; }

    public Expr WhenFalse { get; }

    /// <summary>
    /// The adjoints with respect to (whenTrue, whenFalse); the comparison's operands have none
    /// (the selection is piecewise constant in them).
    /// </summary>
    public (Expr WhenTrue, Expr WhenFalse) Derivatives() =>
        (Where(Condition, 1, 0), Where(Condition, 0, 1));

    public bool Equals(Conditional? other) =>
        ReferenceEquals(this, other)
        || (other is not null && _hash == other._hash && Condition.Equals(other.Condition)
            && WhenTrue.Equals(other.WhenTrue) && WhenFalse.Equals(other.WhenFalse));

    public override int GetHashCode() => _hash;
}
