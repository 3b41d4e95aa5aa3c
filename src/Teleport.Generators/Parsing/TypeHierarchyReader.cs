using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>Captures where a class lives (namespace, containing types) so the emitter can reopen it.</summary>
internal static class TypeHierarchyReader
{
    public static TypeHierarchy Read(INamedTypeSymbol symbol)
    {
        var containing = new List<ContainingType>();
        for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, new ContainingType(Keyword(outer), outer.Name));
        // Names as the symbols spell them (no '@'); the emitter escapes keywords where it writes code.
        var parts = new List<string>();
        for (var n = symbol.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace) parts.Insert(0, n.Name);
        var ns = string.Join(".", parts);
        return new TypeHierarchy(ns, containing.ToEquatableArray(), symbol.Name, Accessibility(symbol.DeclaredAccessibility), symbol.MetadataName);
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string Accessibility(Microsoft.CodeAnalysis.Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };
}
