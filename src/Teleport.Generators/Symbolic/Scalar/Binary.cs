namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A binary operator applied to two operands, e.g. <c>a + b</c>, <c>max(a, b)</c>.</summary>
/// <remarks>The structural hash is computed once, so equality rejects most mismatches in O(1).</remarks>
internal sealed record Binary : Expr
{
    private readonly int _hash;

    public Binary(BinaryOperator op, Expr left, Expr right)
    {
        Operator = op;
        Left = left;
        Right = right;
        _hash = unchecked((((((int)op + 211) * 486187739) ^ left.GetHashCode()) * 16777619) ^ right.GetHashCode());
    }

    public BinaryOperator Operator { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public bool Equals(Binary? other) =>
        ReferenceEquals(this, other)
        || (other is not null && _hash == other._hash && Operator == other.Operator
            && Left.Equals(other.Left) && Right.Equals(other.Right));

    public override int GetHashCode() => _hash;
}
