namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A binary operator applied to two operands, e.g. <c>a + b</c>, <c>max(a, b)</c>.</summary>
internal sealed record Binary(BinaryOperator Operator, Expr Left, Expr Right) : Expr;
