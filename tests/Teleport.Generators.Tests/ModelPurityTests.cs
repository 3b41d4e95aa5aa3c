using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Tests;

/// <summary>
/// The parsed and derived models are plain data: no Roslyn symbol, compilation, syntax or location
/// anywhere in their object graphs, and two compilations of the same source give equal models.
/// </summary>
public class ModelPurityTests
{
    /// <summary>The spec and the derived network as the generator's tracked steps produced them.</summary>
    private static (NetworkSpec Spec, DerivedNetwork Network) Models(string source)
    {
        var driver = GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(source));
        var run = driver.GetRunResult().Results.Single();
        object Output(string step) => Assert.Single(run.TrackedSteps[step].SelectMany(s => s.Outputs)).Value;
        return ((NetworkSpec)Output(TeleportGenerator.Steps.Spec), ((DerivationResult)Output(TeleportGenerator.Steps.Derive)).Network!);
    }

    [Fact]
    public void SpecAndDerivedModelHoldNoRoslynObjects()
    {
        var (spec, network) = Models(Networks.Paper);
        AssertPure(spec);
        AssertPure(network);
    }

    [Fact]
    public void TwoCompilationsGiveEqualModels()
    {
        var (a, derivedA) = Models(Networks.Custom);
        var (b, derivedB) = Models(Networks.Custom);
        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(derivedA, derivedB);
    }

    [Fact]
    public void RecurrentModelsArePureAndEqualAcrossCompilations()
    {
        // A recurrent network's derived model holds loops (Recurrence) and its window programs: still plain equatable data.
        var (spec, network) = Models(Networks.Lstm);
        AssertPure(spec);
        AssertPure(network);
        Assert.NotNull(network.Recurrent);
        var (again, derivedAgain) = Models(Networks.Lstm);
        Assert.Equal(spec, again);
        Assert.Equal(network, derivedAgain);
        Assert.Equal(network.GetHashCode(), derivedAgain.GetHashCode());
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
