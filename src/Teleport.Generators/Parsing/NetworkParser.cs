using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// Reads one [Network] class into a <see cref="NetworkSpec"/> plus diagnostics. This is the only
/// stage that sees Roslyn symbols; a bad declaration yields diagnostics, never an exception.
/// </summary>
internal static class NetworkParser
{
    /// <summary>Largest parameter count a single span (array) can hold.</summary>
    private const long MaxParameters = 0x7FFFFFC7;

    public static NetworkParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        // [Network] on two partial declarations is the compiler's CS0579; only the first one generates (one file per type).
        if (!IsFirstNetworkAttribute(symbol, declaration, cancellationToken)) return Fail(diagnostics, null);
        var typeLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        var name = symbol.Name;
        var network = context.Attributes[0];
        var networkLocation = LocationInfo.From(network.ApplicationSyntaxReference?.GetSyntax(cancellationToken));

        CheckTypeShape(symbol, declaration, typeLocation, diagnostics);
        var hierarchy = TypeHierarchyReader.Read(symbol);

        if (network.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            return Fail(diagnostics, networkLocation);
        var inputs = NamedInt(network, AttributeNames.Inputs, 0);
        if (inputs <= 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, networkLocation, "Inputs", name, Str(inputs)));
        var lossValue = NamedInt(network, AttributeNames.Loss, 0);
        if (lossValue is not (0 or 1))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownLoss, networkLocation, Str(lossValue), name));
        var loss = (NetworkLoss)lossValue;
        var images = ImageFlow.Start(network, inputs, name, networkLocation, diagnostics);

        var attributes = LayerAttributeReader.Read(symbol, cancellationToken);
        if (attributes is null) return Fail(diagnostics, networkLocation);
        if (attributes.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, typeLocation, name));
            return Fail(diagnostics, networkLocation);
        }
        var declarations = attributes.Select(d => d.Declaration).Distinct().Count();
        if (declarations > 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, typeLocation, name, Str(declarations)));

        var layers = new List<LayerSpec>();
        var locations = new List<LayerLocation>();
        var fanIn = inputs;
        // Sizes multiply in BigInteger: 4·H² of an [Lstm(2000000000)] or C_out·C_in·K² of a huge kernel wraps a long.
        BigInteger parameterCount = 0;
        for (var index = 0; index < attributes.Count; index++)
        {
            var attribute = attributes[index];
            locations.Add(new LayerLocation(attribute.Location, attribute.ActivationLocation));
            switch (attribute)
            {
                case DenseAttributeData dense:
                    if (dense.Units <= 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, dense.Location, $"Layer {index} units", name, Str(dense.Units)));
                    var activation = ActivationValidator.Parse(dense.Activation, index, dense.ActivationSyntax, out var diagnostic, out var denseConstants);
                    if (diagnostic is not null) diagnostics.Add(diagnostic);
                    locations[index] = locations[index] with { ConstantsOutsideFloat = denseConstants };
                    if (activation is not null)
                        layers.Add(new DenseLayerSpec(index, fanIn, dense.Units, dense.Bias, dense.Activation.Trim(), activation));
                    parameterCount += (BigInteger)System.Math.Max(fanIn, 0) * System.Math.Max(dense.Units, 0) + (dense.Bias ? System.Math.Max(dense.Units, 0) : 0);
                    fanIn = dense.Units;
                    images.Flatten(index);
                    break;
                case Conv2dAttributeData conv:
                    var convActivation = ActivationValidator.Parse(conv.Activation, index, conv.ActivationSyntax, out var convDiagnostic, out var convConstants);
                    if (convDiagnostic is not null) diagnostics.Add(convDiagnostic);
                    locations[index] = locations[index] with { ConstantsOutsideFloat = convConstants };
                    var convSpec = images.Conv2d(conv, index, convActivation, ref parameterCount);
                    if (convSpec is not null) layers.Add(convSpec);
                    fanIn = convSpec?.OutputSize ?? 0;
                    break;
                case PoolAttributeData pool:
                    var poolSpec = images.Pool(pool, index);
                    if (poolSpec is not null) layers.Add(poolSpec);
                    fanIn = poolSpec?.OutputSize ?? 0;
                    break;
                case LstmAttributeData lstm:
                    if (RecurrentLayers.Parse(lstm, index, fanIn, name, attributes, diagnostics) is { } recurrent) layers.Add(recurrent);
                    parameterCount += RecurrentLayers.ParameterCount(fanIn, lstm.Hidden, lstm.Bias);
                    fanIn = lstm.Hidden;
                    break;
            }
        }
        RecurrentLayers.CheckNetwork(attributes, loss, name, diagnostics);

        // fanIn is now the last layer's output size, whatever its kind (a convolution or pool can end in one feature).
        if (loss == NetworkLoss.SoftmaxCrossEntropy && fanIn == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyNeedsClasses, attributes[attributes.Count - 1].Location, name, Str(fanIn)));
        if (attributes.All(a => a is PoolAttributeData))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoParameters, typeLocation, name));
        if (parameterCount > MaxParameters)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyParameters, typeLocation, name, parameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxParameters.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        MemberConflicts.Check(symbol, typeLocation, diagnostics);
        Construction.Check(context.SemanticModel, declaration, symbol, typeLocation, diagnostics);
        ScopeConflicts.Check(context.SemanticModel, declaration, symbol, typeLocation, diagnostics, cancellationToken);
        foreach (var member in RecurrentLayers.ReservedMembers(attributes))
        {
            var existing = symbol.GetMembers(member).FirstOrDefault(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource));
            if (existing is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, LocationInfo.From(existing.Locations[0]), name, member));
        }

        if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
            return Fail(diagnostics, networkLocation);
        var spec = new NetworkSpec(hierarchy, inputs, loss, layers.ToEquatableArray(), images.InputShape);
        return new NetworkParseResult(spec, diagnostics.ToEquatableArray(), locations.ToEquatableArray(), networkLocation);
    }

    private static void CheckTypeShape(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var name = symbol.Name;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, name, ""));
        for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var outerPartial = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
                .Any(t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!outerPartial)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, outer.Name, $" (it contains the network '{name}')"));
            if (outer.TypeParameters.Length > 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, name, $"it is nested in the generic type '{outer.Name}'"));
        }
        if (symbol.TypeParameters.Length > 0)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, name, "generic network classes are not supported (sizes must be compile-time constants)"));
        if (symbol.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, name, "a static class cannot hold parameters"));
        if (symbol.IsAbstract)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, name, "an abstract class cannot be instantiated by the trainer"));
        if (symbol.IsRecord)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, name, "records are not supported; declare a partial class"));
        // A file-local type is reopened only from its own file: the generated file would declare a second, unrelated type.
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (!type.IsFileLocal) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, name, type.Equals(symbol, SymbolEqualityComparer.Default)
                ? "file-local types cannot be networks (the generated code, in another file, cannot add to them); remove the 'file' modifier"
                : $"it is nested in the file-local type '{type.Name}' (the generated code, in another file, cannot add to it); remove the 'file' modifier"));
            break;
        }
        // The base network's generated members would be hidden by this one's (CS0108 on each) and its parameters duplicated.
        for (var baseType = symbol.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (!baseType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network)) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, location, name,
                $"a network cannot derive from another network ('{baseType.Name}'); derive both from a common base class without [Network], or hold the other network in a field"));
            break;
        }
    }

    private static bool IsFirstNetworkAttribute(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var first = symbol.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network)
            .Select(a => a.ApplicationSyntaxReference)
            .OfType<SyntaxReference>()
            .OrderBy(r => r.SyntaxTree.FilePath, System.StringComparer.Ordinal).ThenBy(r => r.Span.Start)
            .FirstOrDefault();
        return first is null || (first.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(first.Span));
    }

    private static int NamedInt(AttributeData attribute, string name, int fallback)
    {
        foreach (var pair in attribute.NamedArguments)
            if (pair.Key == name && pair.Value.Value is int value) return value;
        return fallback;
    }

    private static string Str(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static NetworkParseResult Fail(List<DiagnosticInfo> diagnostics, LocationInfo? networkLocation) =>
        new(null, diagnostics.ToEquatableArray(), EquatableArray<LayerLocation>.Empty, networkLocation);
}
