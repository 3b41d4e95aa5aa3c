namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>A named variable: <c>x</c> in activation formulas, any name in generator-built kernels.</summary>
internal sealed record Variable(string Name) : Expr;
