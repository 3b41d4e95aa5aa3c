using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>One layer attribute as written: which partial declaration carries it and where it is.</summary>
internal abstract class LayerAttributeData
{
    protected LayerAttributeData(string declaration, LocationInfo? location)
    {
        Declaration = declaration;
        Location = location;
    }

    /// <summary>Identifies the partial declaration carrying the attribute (file + position).</summary>
    public string Declaration { get; }

    public LocationInfo? Location { get; }

    /// <summary>Where a formula argument is, if the layer has one (else the attribute).</summary>
    public virtual LocationInfo? ActivationLocation => null;
}

/// <summary>One [Dense] attribute: units, bias, and the formula with its syntax (for diagnostics at the character).</summary>
internal sealed class DenseAttributeData : LayerAttributeData
{
    public DenseAttributeData(string declaration, int units, string activation, bool bias, LocationInfo? location, ExpressionSyntax? activationSyntax)
        : base(declaration, location)
    {
        Units = units;
        Activation = activation;
        Bias = bias;
        ActivationSyntax = activationSyntax;
    }

    public int Units { get; }
    public string Activation { get; }
    public bool Bias { get; }
    public ExpressionSyntax? ActivationSyntax { get; }
    public override LocationInfo? ActivationLocation => LocationInfo.From(ActivationSyntax);
}

/// <summary>
/// Reads a class's layer attributes in source order. One switch on the attribute's metadata name turns
/// each into its kind's data; a new layer kind adds one case here and one record in <see cref="LayerSpec"/>'s family.
/// </summary>
internal static partial class LayerAttributeReader
{
    /// <summary>The layers in source order, or null when an argument has a compile error (the compiler reports it).</summary>
    public static List<LayerAttributeData>? Read(INamedTypeSymbol symbol, CancellationToken cancellationToken)
    {
        var result = new List<(string Path, int Position, LayerAttributeData Data)>();
        foreach (var attribute in symbol.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            if (name is null || !AttributeNames.IsLayer(name)) continue;
            if (attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error) ||
                attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
                return null;

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var declaration = syntax?.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            var path = syntax?.SyntaxTree.FilePath ?? "";
            var key = declaration is null ? path : path + ":" + declaration.SpanStart;
            LayerAttributeData? data = name switch
            {
                AttributeNames.Dense => ReadDense(attribute, syntax, key),
                AttributeNames.Conv2d or AttributeNames.MaxPool2d or AttributeNames.AvgPool2d => ReadImageLayer(name, attribute, syntax, key),
                AttributeNames.Lstm => LstmAttributeData.Read(attribute, syntax, key),
                _ => null,
            };
            if (data is null) return null;
            result.Add((path, syntax?.SpanStart ?? 0, data));
        }
        return result.OrderBy(r => r.Path, System.StringComparer.Ordinal).ThenBy(r => r.Position).Select(r => r.Data).ToList();
    }

    private static DenseAttributeData? ReadDense(AttributeData attribute, AttributeSyntax? syntax, string declaration)
    {
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int units) return null;
        var activation = "";
        var bias = true;
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == AttributeNames.Activation) activation = pair.Value.Value as string ?? "";
            else if (pair.Key == AttributeNames.Bias && pair.Value.Value is bool b) bias = b;
        }
        var activationSyntax = syntax?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == AttributeNames.Activation)?.Expression;
        return new DenseAttributeData(declaration, units, activation, bias, LocationInfo.From(syntax), activationSyntax);
    }
}
