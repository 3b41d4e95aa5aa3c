using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// Layer attributes ([Dense], [Conv2d], [MaxPool2d], [AvgPool2d], [Lstm]) on a class that has no [Network] on any of its
/// declarations: the [Network] pipeline never sees it, so nothing would be generated, without a word (TP0026). One
/// pipeline per layer attribute calls this for each declaration carrying it; only the pipeline of the declaration's
/// first layer attribute reports, so a declaration gets one warning, at that attribute.
/// </summary>
internal static class LayersWithoutNetwork
{
    public static DiagnosticInfo? Check(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol symbol) return null;
        var attributes = symbol.GetAttributes();
        if (attributes.Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network)) return null;

        var declaration = context.TargetNode;
        var layers = attributes
            .Where(a => a.AttributeClass is { } c && AttributeNames.IsLayer(c.ToDisplayString()))
            .Select(a => a.ApplicationSyntaxReference)
            .OfType<SyntaxReference>()
            .Where(r => r.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(r.Span))
            .OrderBy(r => r.Span.Start)
            .ToList();
        if (layers.Count == 0 || !context.Attributes.Any(a => a.ApplicationSyntaxReference is { } r && r.SyntaxTree == layers[0].SyntaxTree && r.Span == layers[0].Span))
            return null;

        var names = string.Join(", ", layers.Select(r => r.GetSyntax(cancellationToken).ToString()).Select(Shorten).Distinct().Select(n => "[" + n + "]"));
        return DiagnosticInfo.Create(DiagnosticDescriptors.LayersWithoutNetwork, LocationInfo.From(layers[0].GetSyntax(cancellationToken)), symbol.Name, names);
    }

    /// <summary>The attribute's name as written, without its arguments (<c>Dense(3, Activation = "tanh")</c> → <c>Dense</c>).</summary>
    private static string Shorten(string attribute)
    {
        var open = attribute.IndexOf('(');
        return (open < 0 ? attribute : attribute.Substring(0, open)).Trim();
    }
}
