using System;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>The binary operators: arithmetic, power, max and min.</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Max,
    Min,
}

/// <summary>Each binary operator's symbol, value and derivatives: one line per operator.</summary>
internal static class BinaryRules
{
    public static string Name(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^",
        BinaryOperator.Max => "max",
        BinaryOperator.Min => "min",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>IEEE semantics; max and min propagate NaN (as <c>Math.Max</c> and <c>Vector512.Max</c>).</summary>
    public static double Evaluate(BinaryOperator op, double a, double b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / b,
        BinaryOperator.Power => Math.Pow(a, b),
        BinaryOperator.Max => Math.Max(a, b),
        BinaryOperator.Min => Math.Min(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// One adjoint per input: (∂f/∂a, ∂f/∂b), with <paramref name="value"/> = f(a, b).
    /// At a tie, max and min take the right operand's derivative (so max(x, 0)′(0) = 0, as ReLU′(0)).
    /// </summary>
    public static (Expr Left, Expr Right) Derivatives(BinaryOperator op, Expr a, Expr b, Expr value) => op switch
    {
        BinaryOperator.Add => (1, 1),
        BinaryOperator.Subtract => (1, -1),
        BinaryOperator.Multiply => (b, a),
        BinaryOperator.Divide => (1 / b, -value / b),
        BinaryOperator.Power => (b * Expr.Pow(a, b - 1), Expr.Log(a) * value),
        BinaryOperator.Max => (Expr.Where(a > b, 1, 0), Expr.Where(a > b, 0, 1)),
        BinaryOperator.Min => (Expr.Where(a < b, 1, 0), Expr.Where(a < b, 0, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Whether f(a, b) = f(b, a).</summary>
    public static bool IsCommutative(BinaryOperator op) =>
        op is BinaryOperator.Add or BinaryOperator.Multiply or BinaryOperator.Max or BinaryOperator.Min;
}
