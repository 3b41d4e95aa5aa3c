using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>Names: the variable, functions (with arity checks), built-in activations and their constant parameters.</summary>
internal sealed partial class ActivationParser
{
    private Parsed ParseName(Token name)
    {
        var called = Current.Kind == TokenKind.LeftParenthesis;
        var end = name.Position + name.Length;
        if (IsVariable(name.Text))
        {
            if (called)
            {
                throw new ParseException(ParseErrorKind.Syntax, name.Position, name.Length,
                    "'" + name.Text + "' is the variable, not a function: write '" + name.Text + "*(...)' to multiply");
            }

            return new Parsed(Expr.Var(name.Text), name.Position, end);
        }

        var isFunction = ActivationLanguage.Functions.TryGetValue(name.Text, out var arity);
        var builtIn = _definitionParameters is null && BuiltInActivations.TryGet(name.Text, out var b) ? b : null;
        if (!called)
        {
            if (builtIn is not null)
            {
                return new Parsed(BuiltInActivations.Instantiate(builtIn.Name), name.Position, end);
            }

            if (isFunction)
            {
                throw new ParseException(ParseErrorKind.WrongArity, name.Position, name.Length,
                    "'" + name.Text + "' takes " + Plural(arity, "argument") + ": write " + name.Text + "(...)");
            }

            throw new ParseException(ParseErrorKind.UnknownVariable, name.Position, name.Length,
                "unknown name '" + name.Text + "': the variable is 'x'; activations are " + BuiltInNames());
        }

        if (isFunction)
        {
            var args = ParseArguments(allowConditionFirst: name.Text == "where");
            CheckArity(name, args.Arguments.Count, arity, arity);
            var e = Apply(name, args.Arguments.Select(a => a.Expr).ToList(), args.Condition);
            return Defined(new Parsed(e, name.Position, Previous.Position + 1));
        }

        if (builtIn is not null)
        {
            var args = ParseArguments(allowConditionFirst: false);
            if (builtIn.IsParameterized)
            {
                // leaky_relu(0.1): the parameters, each constant; the activation applies to x.
                CheckArity(name, args.Arguments.Count, 1, builtIn.Parameters.Length);
                var values = args.Arguments.Select(a => ConstantParameter(builtIn, a)).ToArray();
                return new Parsed(BuiltInActivations.Instantiate(builtIn.Name, values), name.Position, Previous.Position + 1);
            }

            // relu(2*x): the activation applied to the argument.
            CheckArity(name, args.Arguments.Count, 1, 1);
            var applied = BuiltInActivations.Instantiate(builtIn.Name).Substitute(ActivationLanguage.InputVariable, args.Arguments[0].Expr);
            return new Parsed(applied, name.Position, Previous.Position + 1);
        }

        throw new ParseException(ParseErrorKind.UnknownFunction, name.Position, name.Length,
            "unknown function '" + name.Text + "': functions are " + string.Join(", ", ActivationLanguage.Functions.Keys)
            + "; activations are " + BuiltInNames());
    }

    private double ConstantParameter(BuiltInActivation builtIn, Parsed argument)
    {
        if (!argument.Expr.IsConstant)
        {
            var text = _text.Substring(argument.Start, argument.End - argument.Start);
            throw new ParseException(ParseErrorKind.NonConstantParameter, argument.Start, argument.End - argument.Start,
                "the parameter of '" + builtIn.Name + "' must be a constant, not '" + text + "'; "
                + builtIn.Name + " applies to x by itself: write " + builtIn.Name + "(" + MathText.Number(builtIn.Defaults[0]) + ")");
        }

        var value = Interpreter.EvaluateConstant(argument.Expr);
        if (!NumericFunctions.IsFinite(value))
        {
            var text = _text.Substring(argument.Start, argument.End - argument.Start);
            throw new ParseException(ParseErrorKind.InvalidNumber, argument.Start, argument.End - argument.Start,
                "the parameter '" + text + "' of '" + builtIn.Name + "' is not a finite number");
        }

        return value;
    }

    private Expr Apply(Token name, IReadOnlyList<Expr> args, Comparison? condition) => name.Text switch
    {
        "exp" => Expr.Exp(args[0]),
        "log" => Expr.Log(args[0]),
        "tanh" => Expr.Tanh(args[0]),
        "sigmoid" => Expr.Sigmoid(args[0]),
        "abs" => Expr.Abs(args[0]),
        "sqrt" => Expr.Sqrt(args[0]),
        "max" => Expr.Max(args[0], args[1]),
        "min" => Expr.Min(args[0], args[1]),
        _ => Expr.Where(condition!, args[1], args[2]),
    };

    /// <summary>
    /// "(" arguments ")" after a name. With <paramref name="allowConditionFirst"/> (where), the first argument
    /// must be a comparison; its placeholder in the list is its left side.
    /// </summary>
    private (List<Parsed> Arguments, Comparison? Condition) ParseArguments(bool allowConditionFirst)
    {
        var open = Next();
        var args = new List<Parsed>();
        Comparison? condition = null;
        if (Current.Kind == TokenKind.RightParenthesis)
        {
            Next();
            return (args, condition);
        }

        while (true)
        {
            var arg = ParseExpression();
            if (Current.IsComparison)
            {
                if (!(allowConditionFirst && args.Count == 0))
                {
                    throw new ParseException(ParseErrorKind.Syntax, Current.Position, Current.Length,
                        "comparison " + Current.Quoted + " is only allowed as the first argument of where(...)");
                }

                var op = Next();
                var right = ParseExpression();
                condition = new Comparison(ComparisonOf(op.Kind), arg.Expr, right.Expr);
            }
            else if (allowConditionFirst && args.Count == 0)
            {
                throw new ParseException(ParseErrorKind.Syntax, Current.Position, Current.Length,
                    "where(...) needs a comparison such as 'x > 0' as its first argument, but found " + Current.Quoted);
            }

            args.Add(arg);
            if (Current.Kind == TokenKind.Comma)
            {
                Next();
                continue;
            }

            ExpectClosing("',' or ')'", open);
            return (args, condition);
        }
    }
}
