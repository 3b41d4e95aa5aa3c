using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// The unary functions. <c>exp log tanh sigmoid abs sqrt</c> are in the activation language; negate is
/// unary minus; <c>log1p expm1 atanh sign</c> are internal (inverses, derivatives, numerical stability).
/// </summary>
internal enum UnaryOperator
{
    Negate,
    Exp,
    Log,
    Tanh,
    Sigmoid,
    Abs,
    Sqrt,
    Log1p,
    Expm1,
    Atanh,
    Sign,
}

/// <summary>Each unary operator's name, value and derivative: one line per operator.</summary>
internal static class UnaryRules
{
    public static string Name(UnaryOperator op) => op switch
    {
        UnaryOperator.Negate => "-",
        UnaryOperator.Exp => "exp",
        UnaryOperator.Log => "log",
        UnaryOperator.Tanh => "tanh",
        UnaryOperator.Sigmoid => "sigmoid",
        UnaryOperator.Abs => "abs",
        UnaryOperator.Sqrt => "sqrt",
        UnaryOperator.Log1p => "log1p",
        UnaryOperator.Expm1 => "expm1",
        UnaryOperator.Atanh => "atanh",
        UnaryOperator.Sign => "sign",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static double Evaluate(UnaryOperator op, double u) => op switch
    {
        UnaryOperator.Negate => -u,
        UnaryOperator.Exp => Math.Exp(u),
        UnaryOperator.Log => Math.Log(u),
        UnaryOperator.Tanh => Math.Tanh(u),
        UnaryOperator.Sigmoid => NumericFunctions.Sigmoid(u),
        UnaryOperator.Abs => Math.Abs(u),
        UnaryOperator.Sqrt => Math.Sqrt(u),
        UnaryOperator.Log1p => NumericFunctions.Log1p(u),
        UnaryOperator.Expm1 => NumericFunctions.Expm1(u),
        UnaryOperator.Atanh => NumericFunctions.Atanh(u),
        UnaryOperator.Sign => NumericFunctions.Sign(u),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// The operator's single adjoint f′(u), written with the operand <paramref name="u"/> and the node's own
    /// value <paramref name="value"/> = f(u) (so exp′ reuses exp(u), tanh′ reuses tanh(u)).
    /// </summary>
    public static Expr Derivative(UnaryOperator op, Expr u, Expr value) => op switch
    {
        UnaryOperator.Negate => -1,                              // (−u)′ = −1
        UnaryOperator.Exp => value,                              // exp′ = exp
        UnaryOperator.Log => 1 / u,                              // log′ = 1/u
        UnaryOperator.Tanh => 1 - Expr.Pow(value, 2),            // tanh′ = 1 − tanh²
        UnaryOperator.Sigmoid => value * (1 - value),            // σ′ = σ(1 − σ)
        UnaryOperator.Abs => Expr.Sign(u),                       // |u|′ = sign(u)
        UnaryOperator.Sqrt => 0.5 / value,                       // √′ = 1/(2√u)
        UnaryOperator.Log1p => 1 / (1 + u),                      // log1p′ = 1/(1 + u)
        UnaryOperator.Expm1 => value + 1,                        // expm1′ = exp
        UnaryOperator.Atanh => 1 / (1 - Expr.Pow(u, 2)),         // atanh′ = 1/(1 − u²)
        UnaryOperator.Sign => 0,                                 // sign′ = 0 (a.e.)
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Whether f(−u) = −f(u).</summary>
    public static bool IsOdd(UnaryOperator op) =>
        op is UnaryOperator.Tanh or UnaryOperator.Atanh or UnaryOperator.Sign or UnaryOperator.Negate;
}
