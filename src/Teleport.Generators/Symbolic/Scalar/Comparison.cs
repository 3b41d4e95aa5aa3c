using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>The comparison operators of <c>where</c> conditions.</summary>
internal enum ComparisonOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>The condition of a <see cref="Conditional"/>: <c>Left op Right</c>.</summary>
internal sealed record Comparison
{
    private readonly int _hash;

    public Comparison(ComparisonOperator op, Expr left, Expr right)
    {
        Operator = op;
        Left = left;
        Right = right;
        _hash = unchecked((((((int)op + 307) * 486187739) ^ left.GetHashCode()) * 16777619) ^ right.GetHashCode());
    }

    public ComparisonOperator Operator { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public bool Equals(Comparison? other) =>
        ReferenceEquals(this, other)
        || (other is not null && _hash == other._hash && Operator == other.Operator
            && Left.Equals(other.Left) && Right.Equals(other.Right));

    public override int GetHashCode() => _hash;

    /// <summary>The same condition with the operands exchanged (<c>a &lt; b</c> ⇔ <c>b &gt; a</c>).</summary>
    public Comparison Swapped() => new(ComparisonRules.Mirror(Operator), Right, Left);
}

/// <summary>Each comparison's symbol, value and mirror image.</summary>
internal static class ComparisonRules
{
    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>IEEE semantics: false when either side is NaN.</summary>
    public static bool Evaluate(ComparisonOperator op, double a, double b) => op switch
    {
        ComparisonOperator.Less => a < b,
        ComparisonOperator.LessOrEqual => a <= b,
        ComparisonOperator.Greater => a > b,
        ComparisonOperator.GreaterOrEqual => a >= b,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>The operator that gives the same truth with the operands exchanged.</summary>
    public static ComparisonOperator Mirror(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => ComparisonOperator.Greater,
        ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Greater => ComparisonOperator.Less,
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Whether the operator is <c>&gt;</c> or <c>&gt;=</c>.</summary>
    public static bool IsGreater(ComparisonOperator op) =>
        op is ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual;

    /// <summary>Whether equality satisfies the operator (<c>&lt;=</c>, <c>&gt;=</c>).</summary>
    public static bool IncludesEquality(ComparisonOperator op) =>
        op is ComparisonOperator.LessOrEqual or ComparisonOperator.GreaterOrEqual;
}
