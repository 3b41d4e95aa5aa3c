using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// What the user's class must leave to the generator: no member named like one the generated code declares
/// (declared or inherited: the generated one would clash or hide it, TP0013), no hand-written
/// IHasFloat64Twin.CreateFloat64Twin (the generator implements it, TP0013). <see cref="Construction"/> checks that
/// <c>new T()</c> compiles (TP0019).
/// </summary>
internal static class MemberConflicts
{
    private const string Float64TwinInterface = "Teleport.Teleportation.IHasFloat64Twin";

    public static void Check(INamedTypeSymbol symbol, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics)
    {
        var name = symbol.Name;
        CheckTypeNames(symbol, typeLocation, diagnostics);
        foreach (var member in AttributeNames.GeneratedMembers)
        {
            var existing = symbol.GetMembers(member).FirstOrDefault(m => !m.IsImplicitlyDeclared && m.Locations.Any(l => l.IsInSource));
            if (existing is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, LocationInfo.From(existing.Locations[0]), name, member));
                continue;
            }

            if (Inherited(symbol, member) is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, typeLocation, name, member));
        }

        var twin = symbol.GetMembers().OfType<IMethodSymbol>()
            .FirstOrDefault(m => m.ExplicitInterfaceImplementations.Any(i => i.ContainingType.ToDisplayString() == Float64TwinInterface));
        if (twin is not null && twin.Locations.FirstOrDefault(l => l.IsInSource) is { } twinLocation)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, LocationInfo.From(twinLocation), name, "IHasFloat64Twin.CreateFloat64Twin"));
    }

    /// <summary>
    /// Type names the generated code cannot live with. The network's own name may not be one of its generated
    /// members' (C# forbids a member named like its class, CS0542), nor, like its enclosing types' names, that of
    /// an operator struct emitted beside it (<c>TanhActivation</c>: inside a type of that name the name means the
    /// type); a type nested in the network may not take an operator struct's name either (it would hide it).
    /// </summary>
    private static void CheckTypeNames(INamedTypeSymbol symbol, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics)
    {
        var name = symbol.Name;
        if (AttributeNames.GeneratedMembers.Contains(name))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, typeLocation, name,
                $"the generator adds a member named '{name}' to it, and a member cannot have its class's name; rename the class"));
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (IsOperatorName(type.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, typeLocation, name,
                    $"'{type.Name}' is the name of an operator struct the generator emits beside the network; rename the class"));
        }

        // Inside the network, a type nested in it or in an enclosing type hides the file-local type of that name, and any
        // member named like the info holder hides it from the expression InfoHolder.Value (own or inherited, in the network or an enclosing type).
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            foreach (var nested in type.GetTypeMembers().Where(t => !t.Equals(symbol, SymbolEqualityComparer.Default) && IsOperatorName(t.Name)))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict, LocationInfo.From(nested.Locations.FirstOrDefault()) ?? typeLocation, name, nested.Name));
            var holder = type.GetMembers(Emit.EmittedNames.InfoHolder).FirstOrDefault(m => m is not INamedTypeSymbol && !m.IsImplicitlyDeclared)
                ?? Inherited(type, Emit.EmittedNames.InfoHolder);
            if (holder is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberConflict,
                    holder.Locations.FirstOrDefault(l => l.IsInSource) is { } at ? LocationInfo.From(at) : typeLocation, name, Emit.EmittedNames.InfoHolder));
        }
    }

    /// <summary>The name of a file-local type the generated file declares beside the network (Emit/EmittedNames: operator structs, the info holder).</summary>
    private static bool IsOperatorName(string name) => Emit.EmittedNames.IsReserved(name);

    /// <summary>A member of that name the class inherits and can see (a base class's private member does not clash).</summary>
    private static ISymbol? Inherited(INamedTypeSymbol symbol, string member)
    {
        for (var type = symbol.BaseType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            var found = type.GetMembers(member).FirstOrDefault(m => m.DeclaredAccessibility != Accessibility.Private && !m.IsImplicitlyDeclared);
            if (found is not null) return found;
        }
        return null;
    }
}
