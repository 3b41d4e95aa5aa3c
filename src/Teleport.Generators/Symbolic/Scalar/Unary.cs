namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A unary function applied to one operand, e.g. <c>tanh(u)</c>.</summary>
/// <remarks>The structural hash is computed once, so equality rejects most mismatches in O(1).</remarks>
internal sealed record Unary : Expr
{
    private readonly int _hash;

    public Unary(UnaryOperator op, Expr operand)
    {
        Operator = op;
        Operand = operand;
        _hash = (((int)op + 101) * 486187739) ^ operand.GetHashCode();
    }

    public UnaryOperator Operator { get; }

    public Expr Operand { get; }

    public bool Equals(Unary? other) =>
        ReferenceEquals(this, other)
        || (other is not null && _hash == other._hash && Operator == other.Operator && Operand.Equals(other.Operand));

    public override int GetHashCode() => _hash;
}
