using System;
using System.Collections.Generic;
using System.Globalization;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>One emission: use counts for CSE, the statements so far, and the node-by-node translation.</summary>
internal sealed partial class EmitterSession
{
    private readonly CSharpDialect _d;
    private readonly Func<string, string> _variable;
    private readonly string _prefix;
    private readonly List<string> _statements = new();
    private readonly Dictionary<Expr, int> _uses = new();
    private readonly Dictionary<Expr, CSharpCode> _done = new();
    private int _locals;

    public EmitterSession(CSharpDialect dialect, Func<string, string> variable, string prefix)
    {
        _d = dialect;
        _variable = variable;
        _prefix = prefix;
    }

    public EmittedExpression Run(Expr e)
    {
        Count(e);
        var result = Emit(e);
        return new EmittedExpression(_statements.ToArray(), result.Text);
    }

    /// <summary>Counts uses: a repeated subexpression is counted, its children only on its first use.</summary>
    private void Count(Expr e)
    {
        _uses[e] = _uses.TryGetValue(e, out var n) ? n + 1 : 1;
        if (n == 0)
        {
            foreach (var child in ExprWalker.Children(e))
            {
                Count(child);
            }
        }
    }

    private CSharpCode Emit(Expr e)
    {
        if (_done.TryGetValue(e, out var known))
        {
            return known;
        }

        var code = Translate(e);
        if (_uses.TryGetValue(e, out var uses) && uses > 1 && e is not Constant)
        {
            code = Bind(code);
        }

        _done[e] = code;
        return code;
    }

    private CSharpCode Translate(Expr e) => e switch
    {
        Constant c => _d.Constant(c.Value),
        Variable v => new CSharpCode(_variable(v.Name), CSharpCode.Primary),
        Unary u => TranslateUnary(u.Operator, Emit(u.Operand)),
        Binary { Operator: BinaryOperator.Power, Right: Constant q } p => Power(Emit(p.Left), q.Value),
        Binary { Operator: BinaryOperator.Power, Left: Constant k } p => PowerOfConstant(k.Value, Emit(p.Left), Emit(p.Right)),
        Binary b => TranslateBinary(b.Operator, Emit(b.Left), Emit(b.Right)),
        Conditional c => _d.Select(
            ComparisonRules.Symbol(c.Condition.Operator), Emit(c.Condition.Left), Emit(c.Condition.Right),
            Emit(c.WhenTrue), Emit(c.WhenFalse)),
        _ => throw new ArgumentException("Unknown expression node " + e.GetType().Name, nameof(e)),
    };

    private CSharpCode TranslateUnary(UnaryOperator op, CSharpCode u) => op switch
    {
        UnaryOperator.Negate => _d.Negate(u),
        UnaryOperator.Exp => _d.Call("Exp", u),
        UnaryOperator.Log => _d.Call("Log", u),
        UnaryOperator.Sqrt => _d.Call("Sqrt", u),
        UnaryOperator.Abs => _d.Call("Abs", u),
        UnaryOperator.Tanh => Tanh(u),
        UnaryOperator.Sigmoid => Sigmoid(u),
        UnaryOperator.Log1p => Log1p(u),
        UnaryOperator.Expm1 => Expm1(u),
        UnaryOperator.Atanh => Atanh(u),
        UnaryOperator.Sign => Sign(u),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private CSharpCode TranslateBinary(BinaryOperator op, CSharpCode a, CSharpCode b) => op switch
    {
        BinaryOperator.Add => _d.Add(a, b),
        BinaryOperator.Subtract => _d.Subtract(a, b),
        BinaryOperator.Multiply => _d.Multiply(a, b),
        BinaryOperator.Divide => _d.Divide(a, b),
        BinaryOperator.Power => GeneralPower(a, b),
        BinaryOperator.Max => _d.Call("Max", a, b),
        BinaryOperator.Min => _d.Call("Min", a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>A local for the code (unless it is already a name or literal); returns the local's name.</summary>
    private CSharpCode Bind(CSharpCode code)
    {
        if (code.IsSimple)
        {
            return code;
        }

        var name = _prefix + _locals.ToString(CultureInfo.InvariantCulture);
        _locals++;
        _statements.Add("var " + name + " = " + code.Text + ";");
        return CSharpCode.Atom(name);
    }

    private CSharpCode C(double value) => _d.Constant(value);
}
