using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>One [Dense] attribute as written: values, where it is, and the syntax of its formula.</summary>
internal sealed class DenseAttributeData
{
    public DenseAttributeData(string declaration, int units, string activation, bool bias, LocationInfo? location, ExpressionSyntax? activationSyntax)
    {
        Declaration = declaration;
        Units = units;
        Activation = activation;
        Bias = bias;
        Location = location;
        ActivationSyntax = activationSyntax;
    }

    /// <summary>Identifies the partial declaration carrying the attribute (file + position).</summary>
    public string Declaration { get; }
    public int Units { get; }
    public string Activation { get; }
    public bool Bias { get; }
    public LocationInfo? Location { get; }
    public ExpressionSyntax? ActivationSyntax { get; }
    public LocationInfo? ActivationLocation => LocationInfo.From(ActivationSyntax);
}

/// <summary>Reads the [Dense] attributes of a class in source order.</summary>
internal static class LayerAttributeReader
{
    /// <summary>The layers in source order, or null when an argument has a compile error (the compiler reports it).</summary>
    public static List<DenseAttributeData>? Read(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        var result = new List<(string Path, int Position, DenseAttributeData Data)>();
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != AttributeNames.Dense) continue;
            if (attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error) ||
                attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error) ||
                attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int units)
                return null;

            var activation = "";
            var bias = true;
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == AttributeNames.Activation) activation = pair.Value.Value as string ?? "";
                else if (pair.Key == AttributeNames.Bias && pair.Value.Value is bool b) bias = b;
            }

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var declaration = syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            var path = syntax?.SyntaxTree.FilePath ?? "";
            var key = declaration is null ? path : path + ":" + declaration.SpanStart;
            var activationSyntax = syntax?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == AttributeNames.Activation)?.Expression;
            var data = new DenseAttributeData(key, units, activation, bias, LocationInfo.From(syntax), activationSyntax);
            result.Add((path, syntax?.SpanStart ?? 0, data));
        }
        return result.OrderBy(r => r.Path, System.StringComparer.Ordinal).ThenBy(r => r.Position).Select(r => r.Data).ToList();
    }
}
