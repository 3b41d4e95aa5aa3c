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
        return new TypeHierarchy(ns, containing.ToEquatableArray(), symbol.Name, Accessibility(symbol.DeclaredAccessibility), symbol.MetadataName,
            TakenConstantNames(symbol));
    }

    /// <summary>
    /// The names of the constants' operator structs (Zero, Constant2…) that a type of the user's already holds where the
    /// generated code names them unqualified: inside the network, where the network's and every enclosing type's nested
    /// types (own or inherited) come first, and in the namespace beside the network or its outermost type, where a
    /// file-local type of the same name would be a second definition (CS0101). The parser refuses the other emitted names
    /// (MemberConflicts); these only some networks emit, so the emitter renames its struct instead (Emit/OperatorTable).
    /// </summary>
    private static EquatableArray<string> TakenConstantNames(INamedTypeSymbol symbol)
    {
        var names = new SortedSet<string>(System.StringComparer.Ordinal);
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            names.Add(type.Name);
            for (var owner = type; owner is not null && owner.SpecialType != SpecialType.System_Object; owner = owner.BaseType)
                foreach (var nested in owner.GetTypeMembers()) names.Add(nested.Name);
        }
        names.RemoveWhere(n => !Emit.EmittedNames.IsConstantName(n));
        return names.ToEquatableArray();
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
