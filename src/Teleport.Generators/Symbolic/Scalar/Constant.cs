namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A real constant.</summary>
internal sealed record Constant(double Value) : Expr;
