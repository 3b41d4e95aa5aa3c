using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// The reference interpreter: evaluates an expression in double precision. Every emitted engine
/// (scalar, Vector128/256/512, float and double) is tested against it.
/// </summary>
internal static class Interpreter
{
    /// <summary>Evaluates <paramref name="e"/>, asking <paramref name="variables"/> for each variable's value.</summary>
    public static double Evaluate(Expr e, Func<string, double> variables) => e switch
    {
        Constant c => c.Value,
        Variable v => variables(v.Name),
        Unary u => UnaryRules.Evaluate(u.Operator, Evaluate(u.Operand, variables)),
        Binary b => BinaryRules.Evaluate(b.Operator, Evaluate(b.Left, variables), Evaluate(b.Right, variables)),
        Conditional c => Holds(c.Condition, variables)
            ? Evaluate(c.WhenTrue, variables)
            : Evaluate(c.WhenFalse, variables),
        _ => throw new ArgumentException("Unknown expression node " + e.GetType().Name, nameof(e)),
    };

    /// <summary>Evaluates an expression in the single variable <paramref name="variable"/>.</summary>
    public static double Evaluate(Expr e, string variable, double value) =>
        Evaluate(e, name => name == variable
            ? value
            : throw new KeyNotFoundException("No value for variable '" + name + "'"));

    /// <summary>Evaluates an expression without variables.</summary>
    public static double EvaluateConstant(Expr e) =>
        Evaluate(e, name => throw new KeyNotFoundException("No value for variable '" + name + "'"));

    /// <summary>Whether the comparison holds (false when an operand is NaN).</summary>
    public static bool Holds(Comparison c, Func<string, double> variables) =>
        ComparisonRules.Evaluate(c.Operator, Evaluate(c.Left, variables), Evaluate(c.Right, variables));
}
