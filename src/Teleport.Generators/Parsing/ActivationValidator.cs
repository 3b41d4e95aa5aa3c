using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Helpers;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Parsing;

/// <summary>
/// Parses a layer's activation formula, once: the expression goes into the spec, a syntax error
/// becomes a diagnostic at the character. What the formula means (identity, symmetries) is the
/// derivation's business, not the parser's.
/// </summary>
internal static class ActivationValidator
{
    /// <summary>
    /// The parsed σ (x for an empty formula), or null with a diagnostic; <paramref name="constantsOutsideFloat"/> says where its
    /// constants below float's normal range were written (for the derivation's TP0018 and TP0024 about them).
    /// </summary>
    public static Expr? Parse(string text, int layer, ExpressionSyntax? syntax, out DiagnosticInfo? diagnostic, out EquatableArray<WrittenConstantLocation> constantsOutsideFloat)
    {
        diagnostic = null;
        constantsOutsideFloat = EquatableArray<WrittenConstantLocation>.Empty;
        if (string.IsNullOrWhiteSpace(text)) return Expr.Var(ActivationLanguage.InputVariable);
        var result = ActivationLanguage.Parse(text);
        if (result.Error is not { } error)
        {
            constantsOutsideFloat = result.ConstantsOutsideFloat.Select(c => new WrittenConstantLocation(c.Value,
                FormulaCharacters.Text(text, c.Position), QuotedFormula.Of(Excerpt(text, c.Position)),
                syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                    ? LocationInfo.From(Location.Create(literal.SyntaxTree, StringLiteralPositions.Map(literal.Token, c.Position, c.Length)))
                    : null)).ToEquatableArray();
            return result.Expression;
        }

        var descriptor = error.Kind switch
        {
            ParseErrorKind.UnknownFunction or ParseErrorKind.UnknownVariable => DiagnosticDescriptors.ActivationUnknownName,
            ParseErrorKind.WrongArity or ParseErrorKind.NonConstantParameter => DiagnosticDescriptors.ActivationArity,
            ParseErrorKind.UndefinedValue => DiagnosticDescriptors.ActivationUndefinedValue,
            _ => DiagnosticDescriptors.ActivationSyntax,
        };
        var location = syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? LocationInfo.From(Location.Create(literal.SyntaxTree, StringLiteralPositions.Map(literal.Token, error.Position, System.Math.Max(1, error.Length))))
            : LocationInfo.From(syntax);
        diagnostic = DiagnosticInfo.Create(descriptor, location,
            layer.ToString(System.Globalization.CultureInfo.InvariantCulture), QuotedFormula.Of(error.Message),
            FormulaCharacters.Text(text, error.Position), QuotedFormula.Of(Excerpt(text, error.Position)));
        return null;
    }

    /// <summary>Characters of the formula a message quotes around the error (a 500-token formula was quoted whole, up to ~40 000 characters).</summary>
    internal const int QuotedContext = 60;

    /// <summary>The formula, or the <see cref="QuotedContext"/> characters around <paramref name="position"/> with "…" for what is left out.</summary>
    internal static string Excerpt(string text, int position)
    {
        if (text.Length <= QuotedContext) return text;
        var start = System.Math.Max(0, System.Math.Min(position - QuotedContext / 2, text.Length - QuotedContext));
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        var end = System.Math.Min(text.Length, start + QuotedContext);
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
        return (start > 0 ? "…" : "") + text.Substring(start, end - start) + (end < text.Length ? "…" : "");
    }
}
