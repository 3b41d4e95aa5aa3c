using System;
using System.Collections.Generic;

namespace Teleport.Generators.Symbolic.Scalar;

/// <summary>
/// The activation language: a formula in <c>x</c> with numbers (invariant culture, <c>1e-3</c>),
/// <c>+ - * / ^</c> (^ right-associative and tighter than unary minus: <c>-x^2</c> = −(x²)), unary minus,
/// parentheses, the functions <c>exp log tanh sigmoid abs sqrt</c>, <c>max(a, b)</c>, <c>min(a, b)</c>,
/// <c>where(cond, a, b)</c> with <c>&lt; &lt;= &gt; &gt;=</c>, and the built-in activations
/// (<see cref="BuiltInActivations"/>). A built-in used bare (<c>relu</c>) or with its constant parameters
/// (<c>leaky_relu(0.1)</c>) denotes the activation applied to x; a built-in without parameters may also be
/// applied to an argument (<c>relu(2*x)</c>).
/// </summary>
internal static class ActivationLanguage
{
    /// <summary>The formula's variable.</summary>
    public const string InputVariable = "x";

    /// <summary>The functions with their arities.</summary>
    public static IReadOnlyDictionary<string, int> Functions { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["exp"] = 1,
        ["log"] = 1,
        ["tanh"] = 1,
        ["sigmoid"] = 1,
        ["abs"] = 1,
        ["sqrt"] = 1,
        ["max"] = 2,
        ["min"] = 2,
        ["where"] = 3,
    };

    /// <summary>
    /// Parses a formula into an (unsimplified) expression in <c>x</c>. Never throws. A blank formula gives
    /// the identity together with a <see cref="ParseErrorKind.Empty"/> error (see <see cref="ParseResult"/>).
    /// </summary>
    public static ParseResult Parse(string text)
    {
        if (text is null || text.Trim().Length == 0)
        {
            var length = text?.Length ?? 0;
            return new ParseResult(
                Expr.Var(InputVariable),
                new ParseError(ParseErrorKind.Empty, 0, length, "the activation formula is empty; omit it for the identity"));
        }

        try
        {
            var parser = new ActivationParser(text, null);
            return new ParseResult(parser.ParseFormula(), null) { ConstantsOutsideFloat = parser.ConstantsOutsideFloat };
        }
        catch (ParseException e)
        {
            return new ParseResult(null, e.Error);
        }
    }

    /// <summary>Parses a built-in's definition, in which the parameter names are variables too.</summary>
    internal static Expr ParseDefinition(string text, IReadOnlyList<string> parameters)
    {
        try
        {
            return new ActivationParser(text, parameters).ParseFormula();
        }
        catch (ParseException e)
        {
            throw new InvalidOperationException("Built-in activation definition '" + text + "' is invalid: " + e.Message, e);
        }
    }
}
