using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// A scalar expression: the activation CAS's closed, immutable, structurally equatable IR.
/// The set of nodes is closed: <see cref="Constant"/>, <see cref="Variable"/>, <see cref="Unary"/>,
/// <see cref="Binary"/> and <see cref="Conditional"/> (<c>where(l op r, a, b)</c>).
/// Records compare structurally; <see cref="object.GetHashCode"/> is stable within a process.
/// Each operator's derivative rule sits beside it (<see cref="UnaryRules"/>, <see cref="BinaryRules"/>,
/// <see cref="Conditional.Derivatives"/>).
/// </summary>
/// <remarks>
/// Operators build raw nodes (no simplification): use <see cref="Simplifier.Simplify"/> for a canonical form.
/// <c>a &gt; b</c> on two expressions builds a <see cref="Comparison"/> for <see cref="Where"/>.
/// </remarks>
internal abstract record Expr
{
    private protected Expr()
    {
    }

    /// <summary>The constant 0.</summary>
    public static Expr Zero { get; } = new Constant(0);

    /// <summary>The constant 1.</summary>
    public static Expr One { get; } = new Constant(1);

    public static Expr Const(double value) => new Constant(value);

    public static Expr Var(string name) => new Variable(name);

    public static Expr Apply(UnaryOperator op, Expr operand) => new Unary(op, operand);

    public static Expr Apply(BinaryOperator op, Expr left, Expr right) => new Binary(op, left, right);

    public static Expr Negate(Expr u) => new Unary(UnaryOperator.Negate, u);

    public static Expr Exp(Expr u) => new Unary(UnaryOperator.Exp, u);

    public static Expr Log(Expr u) => new Unary(UnaryOperator.Log, u);

    public static Expr Tanh(Expr u) => new Unary(UnaryOperator.Tanh, u);

    public static Expr Sigmoid(Expr u) => new Unary(UnaryOperator.Sigmoid, u);

    public static Expr Abs(Expr u) => new Unary(UnaryOperator.Abs, u);

    public static Expr Sqrt(Expr u) => new Unary(UnaryOperator.Sqrt, u);

    public static Expr Log1p(Expr u) => new Unary(UnaryOperator.Log1p, u);

    public static Expr Expm1(Expr u) => new Unary(UnaryOperator.Expm1, u);

    public static Expr Atanh(Expr u) => new Unary(UnaryOperator.Atanh, u);

    public static Expr Sign(Expr u) => new Unary(UnaryOperator.Sign, u);

    public static Expr Pow(Expr a, Expr b) => new Binary(BinaryOperator.Power, a, b);

    public static Expr Max(Expr a, Expr b) => new Binary(BinaryOperator.Max, a, b);

    public static Expr Min(Expr a, Expr b) => new Binary(BinaryOperator.Min, a, b);

    /// <summary><c>where(condition, whenTrue, whenFalse)</c>.</summary>
    public static Expr Where(Comparison condition, Expr whenTrue, Expr whenFalse) =>
        new Conditional(condition, whenTrue, whenFalse);

    public static implicit operator Expr(double value) => new Constant(value);

    public static Expr operator +(Expr a, Expr b) => new Binary(BinaryOperator.Add, a, b);

    public static Expr operator -(Expr a, Expr b) => new Binary(BinaryOperator.Subtract, a, b);

    public static Expr operator *(Expr a, Expr b) => new Binary(BinaryOperator.Multiply, a, b);

    public static Expr operator /(Expr a, Expr b) => new Binary(BinaryOperator.Divide, a, b);

    public static Expr operator -(Expr a) => new Unary(UnaryOperator.Negate, a);

    public static Comparison operator >(Expr a, Expr b) => new(ComparisonOperator.Greater, a, b);

    public static Comparison operator <(Expr a, Expr b) => new(ComparisonOperator.Less, a, b);

    public static Comparison operator >=(Expr a, Expr b) => new(ComparisonOperator.GreaterOrEqual, a, b);

    public static Comparison operator <=(Expr a, Expr b) => new(ComparisonOperator.LessOrEqual, a, b);

    /// <summary>The distinct variable names in this expression, in ordinal order.</summary>
    public IReadOnlyList<string> FreeVariables
    {
        get
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var node in ExprWalker.Nodes(this))
            {
                if (node is Variable v)
                {
                    names.Add(v.Name);
                }
            }

            return new List<string>(names);
        }
    }

    /// <summary>Whether the variable occurs in this expression.</summary>
    public bool DependsOn(string variable)
    {
        foreach (var node in ExprWalker.Nodes(this))
        {
            if (node is Variable v && v.Name == variable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the expression is free of variables.</summary>
    public bool IsConstant => FreeVariables.Count == 0;

    /// <summary>The number of nodes of the expression tree (shared subtrees counted each time).</summary>
    public int Size => ExprWalker.TreeSize(this);

    /// <summary>Replaces every occurrence of <paramref name="variable"/> with <paramref name="replacement"/>.</summary>
    public Expr Substitute(string variable, Expr replacement) =>
        ExprWalker.Rewrite(this, node => node is Variable v && v.Name == variable ? replacement : node);

    /// <summary>The expression as readable math text (<see cref="MathText.Format(Expr)"/>).</summary>
    public sealed override string ToString() => MathText.Format(this);
}
