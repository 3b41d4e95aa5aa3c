namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A unary function applied to one operand, e.g. <c>tanh(u)</c>.</summary>
internal sealed record Unary(UnaryOperator Operator, Expr Operand) : Expr;
