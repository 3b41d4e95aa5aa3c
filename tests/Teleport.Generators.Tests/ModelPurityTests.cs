using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Parsing;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Tests;

/// <summary>
/// The parsed and derived models are plain data: no Roslyn symbol, compilation, syntax or location
/// anywhere in their object graphs, and two compilations of the same source give equal models.
/// </summary>
public class ModelPurityTests
{
    private static NetworkParseResult Parse(string source)
    {
        var compilation = GeneratorHarness.Compilation(source);
        var tree = compilation.SyntaxTrees.First();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.AttributeLists.Count > 0);
        var symbol = model.GetDeclaredSymbol(declaration)!;
        var attributes = symbol.GetAttributes().Where(a => a.AttributeClass!.Name == "NetworkAttribute").ToImmutableArray();
        var context = CreateContext(declaration, symbol, model, attributes);
        return NetworkParser.Parse(context, CancellationToken.None);
    }

    private static GeneratorAttributeSyntaxContext CreateContext(SyntaxNode node, ISymbol symbol, SemanticModel model, System.Collections.Immutable.ImmutableArray<AttributeData> attributes)
    {
        // GeneratorAttributeSyntaxContext has an internal constructor; the test builds it reflectively (tests only).
        var ctor = typeof(GeneratorAttributeSyntaxContext).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).Single();
        return (GeneratorAttributeSyntaxContext)ctor.Invoke(new object[] { node, symbol, model, attributes });
    }

    [Fact]
    public void SpecAndDerivedModelHoldNoRoslynObjects()
    {
        var spec = Parse(Networks.Paper).Spec!;
        AssertPure(spec);
        AssertPure(NetworkDerivation.Derive(spec));
    }

    [Fact]
    public void TwoCompilationsGiveEqualModels()
    {
        var a = Parse(Networks.Custom).Spec!;
        var b = Parse(Networks.Custom).Spec!;
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(NetworkDerivation.Derive(a), NetworkDerivation.Derive(b));
    }

    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree) };

    private static void AssertPure(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(object Value, string Path)>();
        stack.Push((root, root.GetType().Name));
        while (stack.Count > 0)
        {
            var (value, path) = stack.Pop();
            if (value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value)) continue;
            Assert.False(Forbidden.Any(f => f.IsInstanceOfType(value)), $"{path} holds a {value.GetType().Name}");
            if (value is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items) if (item is not null) stack.Push((item, $"{path}[{i++}]"));
            }
            for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    if (field.GetValue(value) is { } child) stack.Push((child, $"{path}.{field.Name}"));
        }
    }
}
