using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// Recursive descent over the tokens of one formula:
/// <code>
/// expression := term (("+" | "-") term)*
/// term       := unary (("*" | "/") unary)*
/// unary      := ("-" | "+") unary | power
/// power      := primary ("^" unary)?
/// primary    := number | name | name "(" arguments ")" | "(" expression ")"
/// condition  := expression ("&lt;" | "&lt;=" | "&gt;" | "&gt;=") expression     (first argument of where only)
/// </code>
/// </summary>
internal sealed partial class ActivationParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly IReadOnlyList<string>? _definitionParameters;
    private int _index;
    private int _depth;

    /// <summary>Nesting deeper than this is an error, not a stack overflow in the compiler.</summary>
    private const int MaxDepth = 200;

    /// <summary>Longer formulas are an error: every later stage recurses over the expression tree.</summary>
    private const int MaxTokens = 500;

    /// <param name="text">The formula.</param>
    /// <param name="definitionParameters">Non-null when parsing a built-in's definition: its parameter names,
    /// which are variables there, and built-ins are not available.</param>
    public ActivationParser(string text, IReadOnlyList<string>? definitionParameters)
    {
        _text = text;
        _definitionParameters = definitionParameters;
        _tokens = Tokenizer.Tokenize(text);
        if (_tokens.Count > MaxTokens)
        {
            var at = _tokens[MaxTokens];
            throw new ParseException(ParseErrorKind.Syntax, at.Position, at.Length,
                "the formula is too long (more than " + MaxTokens + " tokens); write a shorter formula");
        }
    }

    private readonly record struct Parsed(Expr Expr, int Start, int End);

    private Token Current => _tokens[_index];

    private Token Previous => _tokens[_index - 1];

    public Expr ParseFormula()
    {
        var e = ParseExpression();
        if (Current.Kind == TokenKind.RightParenthesis)
        {
            throw new ParseException(ParseErrorKind.Syntax, Current.Position, 1, "unmatched ')'");
        }

        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected(Current, "after a complete expression: an operator (+ - * / ^) is missing before it");
        }

        return e.Expr;
    }

    private Parsed ParseExpression()
    {
        Enter();
        var left = ParseTerm();
        var constantTerms = left.Expr.IsConstant ? Interpreter.EvaluateConstant(left.Expr) : 0;
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var plus = Next().Kind == TokenKind.Plus;
            var right = ParseTerm();
            left = Defined(new Parsed(plus ? left.Expr + right.Expr : left.Expr - right.Expr, left.Start, right.End));
            constantTerms = Combine(constantTerms, right, left, plus ? BinaryOperator.Add : BinaryOperator.Subtract);
        }

        _depth--;
        return left;
    }

    private Parsed ParseTerm()
    {
        var left = ParseUnary();
        var constantFactors = left.Expr.IsConstant ? Interpreter.EvaluateConstant(left.Expr) : 1;
        while (Current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var times = Next().Kind == TokenKind.Star;
            var right = ParseUnary();
            var product = new Parsed(times ? left.Expr * right.Expr : left.Expr / right.Expr, left.Start, right.End);
            if (!times)
            {
                CheckDivisor(product, right);
            }

            left = Defined(product);
            constantFactors = Combine(constantFactors, right, left, times ? BinaryOperator.Multiply : BinaryOperator.Divide);
        }

        return left;
    }

    private Parsed ParseUnary()
    {
        if (Current.Kind is TokenKind.Minus or TokenKind.Plus)
        {
            Enter();
            var sign = Next();
            var operand = ParseUnary();
            _depth--;
            return Defined(new Parsed(sign.Kind == TokenKind.Minus ? -operand.Expr : operand.Expr, sign.Position, operand.End));
        }

        return ParsePower();
    }

    private Parsed ParsePower()
    {
        var b = ParsePrimary();
        if (Current.Kind != TokenKind.Caret)
        {
            return b;
        }

        Next();
        Enter();
        var exponent = ParseUnary();
        _depth--;
        return Defined(new Parsed(Expr.Pow(b.Expr, exponent.Expr), b.Start, exponent.End));
    }

    private Parsed ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
            {
                Next();
                var number = new Parsed(Expr.Const(token.Value), token.Position, token.Position + token.Length);
                NoteOutsideFloat(number, token.Value);
                return number;
            }

            case TokenKind.Identifier:
                Next();
                return ParseName(token);
            case TokenKind.LeftParenthesis:
            {
                Next();
                var inner = ParseExpression();
                ExpectClosing("')'", token);
                return new Parsed(inner.Expr, token.Position, Previous.Position + 1);
            }

            default:
                throw Unexpected(token, "where an expression was expected");
        }
    }

    private static ComparisonOperator ComparisonOf(TokenKind kind) => kind switch
    {
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        _ => ComparisonOperator.GreaterOrEqual,
    };

    private static void CheckArity(Token name, int count, int minimum, int maximum)
    {
        if (count >= minimum && count <= maximum)
        {
            return;
        }

        var expected = minimum == maximum ? Plural(minimum, "argument") : minimum + " to " + Plural(maximum, "argument");
        throw new ParseException(ParseErrorKind.WrongArity, name.Position, name.Length,
            "'" + name.Text + "' takes " + expected + " but " + (count == 1 ? "1 was" : count + " were") + " given");
    }

    private bool IsVariable(string name) =>
        name == ActivationLanguage.InputVariable || (_definitionParameters?.Contains(name) ?? false);

    private Token Next() => _tokens[_index++];

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new ParseException(ParseErrorKind.Syntax, Current.Position, Current.Length,
                "the formula is nested more than " + MaxDepth + " levels deep at " + Current.Quoted);
        }
    }

    /// <summary>
    /// Consumes the ')' that closes <paramref name="open"/>, or throws naming <paramref name="what"/> was expected there
    /// and the '(' by its character number (<see cref="FormulaCharacters"/>: counted as the user counts, from 1; it was
    /// the 0-based UTF-16 index, "at position 0" for the formula's first character).
    /// </summary>
    private void ExpectClosing(string what, Token open)
    {
        if (Current.Kind != TokenKind.RightParenthesis)
        {
            throw Unexpected(Current, "where " + what + " to close the '(' at character " + FormulaCharacters.Text(_text, open.Position) + " was expected");
        }

        Next();
    }

    private ParseException Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.End)
        {
            var after = _index > 0 ? " after " + Previous.Quoted : "";
            return new ParseException(ParseErrorKind.Syntax, token.Position, 0,
                "the formula ended" + after + " " + context);
        }

        if (token.IsComparison)
        {
            return new ParseException(ParseErrorKind.Syntax, token.Position, token.Length,
                "comparison " + token.Quoted + " is only allowed as the first argument of where(...)");
        }

        return new ParseException(ParseErrorKind.Syntax, token.Position, token.Length,
            "unexpected " + token.Quoted + " " + context);
    }

    private static string Plural(int n, string noun) => n + " " + noun + (n == 1 ? "" : "s");

    private static string BuiltInNames() => string.Join(", ", BuiltInActivations.All.Select(a => a.Name));
}
