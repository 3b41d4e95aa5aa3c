using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// TP0019: the generated <c>ToFloat32()</c> and the trainer create the network with <c>new T()</c>, so that expression
/// must compile. It does not when no constructor can be called without arguments (a primary constructor with
/// parameters), when two can (the call is ambiguous), when the one it calls is <c>[Obsolete(…, true)]</c>, or when the
/// class declares or inherits a <c>required</c> member that constructor does not set ([SetsRequiredMembers]).
/// The call is bound as the compiler would bind it, inside the class body.
/// </summary>
internal static class Construction
{
    private const string Obsolete = "System.ObsoleteAttribute";
    private const string SetsRequiredMembers = "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute";

    public static void Check(SemanticModel model, TypeDeclarationSyntax declaration, INamedTypeSymbol symbol, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics)
    {
        if (symbol.IsStatic || symbol.IsAbstract) return;
        var name = symbol.Name;
        if (!symbol.InstanceConstructors.Any(c => c.Parameters.All(p => p.IsOptional || p.IsParams)))
        {
            var primary = symbol.InstanceConstructors.Any(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax));
            Report(diagnostics, typeLocation, name, primary
                ? "it has no parameterless constructor (its primary constructor takes parameters); give every parameter a default or add a constructor without parameters"
                : "it has no parameterless constructor; add a constructor without parameters");
            return;
        }

        var position = declaration.OpenBraceToken.IsMissing ? declaration.Identifier.SpanStart : declaration.OpenBraceToken.Span.End;
        var creation = SyntaxFactory.ObjectCreationExpression(SyntaxFactory.IdentifierName(symbol.Name), SyntaxFactory.ArgumentList(), null);
        var info = model.GetSpeculativeSymbolInfo(position, creation, SpeculativeBindingOption.BindAsExpression);
        if (info.Symbol is not IMethodSymbol constructor)
        {
            var candidates = info.CandidateSymbols.OfType<IMethodSymbol>().Select(Signature).ToList();
            if (candidates.Count >= 2)
                Report(diagnostics, typeLocation, name,
                    $"its constructors {string.Join(" and ", candidates)} can {(candidates.Count == 2 ? "both" : "all")} be called without arguments, so new {name}() is ambiguous; keep one of them callable without arguments");
            return;
        }

        var constructorLocation = LocationInfo.From(constructor.Locations.FirstOrDefault(l => l.IsInSource)) ?? typeLocation;
        if (constructor.GetAttributes().Any(IsObsoleteError))
        {
            Report(diagnostics, constructorLocation, name, $"its constructor {Signature(constructor)} is [Obsolete] as an error; remove the error flag or add a constructor without parameters that is not obsolete");
            return;
        }
        if (constructor.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == SetsRequiredMembers)) return;
        for (var type = symbol; type is not null; type = type.BaseType)
        {
            var required = type.GetMembers().FirstOrDefault(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true });
            if (required is null) continue;
            var owner = type.Equals(symbol, SymbolEqualityComparer.Default) ? "declares" : $"inherits from '{type.Name}'";
            var location = type.Equals(symbol, SymbolEqualityComparer.Default) ? LocationInfo.From(required.Locations.FirstOrDefault(l => l.IsInSource)) ?? typeLocation : typeLocation;
            Report(diagnostics, location, name,
                $"it {owner} the required member '{required.Name}', which new {name}() does not set; remove 'required' or mark the parameterless constructor [SetsRequiredMembers] and set it there");
            return;
        }
    }

    private static void Report(List<DiagnosticInfo> diagnostics, LocationInfo? location, string name, string reason) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoParameterlessConstructor, location, name, reason));

    private static bool IsObsoleteError(AttributeData attribute) =>
        attribute.AttributeClass?.ToDisplayString() == Obsolete
        && attribute.ConstructorArguments.Length >= 2 && attribute.ConstructorArguments[1].Value is true;

    /// <summary>"Net(int)" for messages.</summary>
    private static string Signature(IMethodSymbol constructor) =>
        constructor.ContainingType.Name + "(" + string.Join(", ", constructor.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")";
}
