using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// Names in the network's scope that would change what the generated code means. The generated code
/// qualifies every type with <c>global::</c>, but it declares locals with <c>var</c>, and C# reads
/// <c>var</c> as a type when one of that name is in scope (a class <c>var</c> in the namespace, an enclosing
/// class or the network itself): TP0020 instead of a thousand errors in generated code.
/// </summary>
internal static class ScopeConflicts
{
    public static void Check(SemanticModel model, TypeDeclarationSyntax declaration, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics)
    {
        // Inside the class body, where the generated members are: its own nested types and every enclosing scope.
        var position = declaration.OpenBraceToken.IsMissing ? declaration.Identifier.SpanStart : declaration.OpenBraceToken.Span.End;
        var found = model.LookupNamespacesAndTypes(position, name: "var").OfType<INamedTypeSymbol>().FirstOrDefault();
        if (found is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.VarTypeInScope, typeLocation, declaration.Identifier.ValueText, found.ToDisplayString()));
    }
}
