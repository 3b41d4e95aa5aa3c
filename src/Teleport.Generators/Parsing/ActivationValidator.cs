using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Helpers;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Parsing;

/// <summary>Checks a layer's activation formula and turns a parse error into a diagnostic at the character.</summary>
internal static class ActivationValidator
{
    public static DiagnosticInfo? Validate(string text, int layer, ExpressionSyntax? syntax)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var result = ActivationLanguage.Parse(text);
        if (result.Error is not { } error) return null;
        var descriptor = error.Kind switch
        {
            ParseErrorKind.UnknownFunction or ParseErrorKind.UnknownVariable => DiagnosticDescriptors.ActivationUnknownName,
            ParseErrorKind.WrongArity or ParseErrorKind.NonConstantParameter => DiagnosticDescriptors.ActivationArity,
            _ => DiagnosticDescriptors.ActivationSyntax,
        };
        var location = syntax is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? LocationInfo.From(Location.Create(literal.SyntaxTree, StringLiteralPositions.Map(literal.Token, error.Position, System.Math.Max(1, error.Length))))
            : LocationInfo.From(syntax);
        return DiagnosticInfo.Create(descriptor, location,
            layer.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message,
            (error.Position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), text);
    }

    /// <summary>True when a hidden layer with this (valid) activation has a teleportation symmetry.</summary>
    public static bool HasSymmetry(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return true;
        var result = ActivationLanguage.Parse(text);
        return result.Expression is not { } e || Symbolic.Symmetry.SymmetryDerivation.HasAny(ActivationAnalysis.Analyze(Simplifier.Simplify(e)));
    }

    /// <summary>True when the formula is empty or simplifies to x.</summary>
    public static bool IsIdentity(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return true;
        var result = ActivationLanguage.Parse(text);
        return result.Expression is { } e && Simplifier.Simplify(e).Equals(Expr.Var("x"));
    }
}
