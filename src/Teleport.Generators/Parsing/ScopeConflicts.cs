using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// Names in the network's scope that would change what the generated code means. The generated code
/// qualifies every type with <c>global::</c>, but it declares locals with <c>var</c>, and C# reads
/// <c>var</c> as a type when one of that name is in scope (a class <c>var</c> in the namespace, an enclosing
/// class or the network itself): TP0020 instead of a thousand errors in generated code.
/// The other way round, the generated method <c>Teleport(…)</c> hides the namespace <c>Teleport</c> from
/// expressions in the class (its body, nested types and its own attributes' arguments): <c>Teleport.LossKind.X</c>
/// there binds to the method (CS0119 in the user's code), TP0022 at the first one of each partial declaration suggests
/// <c>global::Teleport.</c>. And <c>global::</c> itself reaches a type named System (or Teleport) declared in the global
/// namespace before the namespace: TP0010.
/// </summary>
internal static class ScopeConflicts
{
    public static void Check(SemanticModel model, TypeDeclarationSyntax declaration, INamedTypeSymbol symbol, LocationInfo? typeLocation, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        // Inside the class body, where the generated members are: its own nested types and every enclosing scope.
        var position = declaration.OpenBraceToken.IsMissing ? declaration.Identifier.SpanStart : declaration.OpenBraceToken.Span.End;
        var found = model.LookupNamespacesAndTypes(position, name: "var").OfType<INamedTypeSymbol>().FirstOrDefault();
        if (found is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.VarTypeInScope, typeLocation, declaration.Identifier.ValueText, found.ToDisplayString()));

        // The generated code names every type from the root (global::System.Span, global::Teleport.Kernels…); a type of
        // that name in the global namespace is found there first (CS0437) and every such name fails (CS0426).
        foreach (var root in GeneratedCodeRoots)
        {
            if (model.Compilation.GlobalNamespace.GetTypeMembers(root, 0).FirstOrDefault() is not { } hiding) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedType, typeLocation, declaration.Identifier.ValueText,
                $"the type '{hiding.Name}' in the global namespace hides the namespace {root}, which the generated code names as 'global::{root}'; rename that type or move it into a namespace"));
        }

        // Every partial declaration is inside the class (the generated method hides the namespace in all of them): the
        // one with [Network] first, then the others in file and position order, each with its own tree's semantic model.
        var others = symbol.DeclaringSyntaxReferences
            .Where(r => r.SyntaxTree != declaration.SyntaxTree || !r.Span.Equals(declaration.Span))
            .OrderBy(r => r.SyntaxTree.FilePath, System.StringComparer.Ordinal).ThenBy(r => r.Span.Start)
            .Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>();
        foreach (var part in new[] { declaration }.Concat(others))
        {
            var partModel = part.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(part.SyntaxTree);
            if (FirstQualifiedTeleportName(partModel, part) is { } use)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TeleportNamespaceHidden, LocationInfo.From(use), declaration.Identifier.ValueText, use.ToString()));
        }
    }

    /// <summary>
    /// The first <c>Teleport.X</c> in the class that an expression binds (the generated method would capture it):
    /// syntax first (the leftmost name of a member access or qualified name, outside a namespace-or-type context,
    /// where methods are not looked up), then the semantic model on those few to keep only the namespace Teleport.
    /// </summary>
    private static SyntaxNode? FirstQualifiedTeleportName(SemanticModel model, TypeDeclarationSyntax declaration)
    {
        foreach (var identifier in declaration.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != TeleportName) continue;
            var qualified = identifier.Parent switch
            {
                MemberAccessExpressionSyntax access when access.Expression == identifier => access,
                QualifiedNameSyntax name when name.Left == identifier => (SyntaxNode)name,
                _ => null,
            };
            if (qualified is null || SyntaxFacts.IsInNamespaceOrTypeContext(identifier)) continue;
            if (model.GetSymbolInfo(identifier).Symbol is INamespaceSymbol { ContainingNamespace.IsGlobalNamespace: true })
                return qualified;
        }
        return null;
    }

    /// <summary>The namespaces the generated code's qualified names start from (<c>global::System.…</c>, <c>global::Teleport.…</c>).</summary>
    private static readonly string[] GeneratedCodeRoots = { "System", TeleportName };

    /// <summary>The namespace of the runtime, and the name of the generated method that hides it.</summary>
    private const string TeleportName = "Teleport";
}
