using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Teleport.Generators.Parsing;

namespace Teleport.Generators.Tests;

/// <summary>
/// Every member the generator declares in a network class is in the list TP0013 checks a user's members against
/// (<see cref="AttributeNames.GeneratedMembers"/>, and <see cref="AttributeNames.RecurrentMembers"/> for recurrent networks).
/// A docs audit found LayerInput, LieAlgebraAdjoint, QuadraticFormGradient, OrbitDerivatives, WindowVjp and a field
/// missing: a user member of such a name failed with C# errors in the generated file instead of TP0013.
/// </summary>
public class GeneratedMemberListTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { nameof(Networks.Paper), Networks.Paper, false },
        { nameof(Networks.Regression), Networks.Regression, false },
        { nameof(Networks.Custom), Networks.Custom, false },
        { nameof(Networks.PaperCnn), Networks.PaperCnn, false },
        { nameof(Networks.Lstm), Networks.Lstm, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryGeneratedMemberIsOneTP0013Knows(string name, string source, bool recurrent)
    {
        var generated = GeneratorHarness.Run(source).AssertCompilesCleanly().SingleSource;
        var root = CSharpSyntaxTree.ParseText(generated).GetRoot();
        // The network class: the innermost partial class of the generated file that is not itself one of the generator's
        // nested helper types (the file nests the network in its user-declared containers, as Models.SoftsignGelu).
        var network = root.DescendantNodes().OfType<ClassDeclarationSyntax>()
            .First(c => c.Modifiers.Any(SyntaxKind.PartialKeyword) && !c.Members.OfType<ClassDeclarationSyntax>().Any(n => n.Modifiers.Any(SyntaxKind.PartialKeyword)));
        var known = recurrent ? AttributeNames.GeneratedMembers.Concat(AttributeNames.RecurrentMembers).ToHashSet() : AttributeNames.GeneratedMembers.ToHashSet();
        var declared = network.Members.SelectMany(NamesOf).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(declared);
        Assert.Empty(declared.Where(n => !known.Contains(n)).Select(n => $"{name}: {n}"));
    }

    /// <summary>The names a member declares that a user member could clash with (explicit interface implementations declare none).</summary>
    private static string[] NamesOf(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax m when m.ExplicitInterfaceSpecifier is null => [m.Identifier.Text],
        PropertyDeclarationSyntax p when p.ExplicitInterfaceSpecifier is null => [p.Identifier.Text],
        FieldDeclarationSyntax f => [.. f.Declaration.Variables.Select(v => v.Identifier.Text)],
        EventFieldDeclarationSyntax e => [.. e.Declaration.Variables.Select(v => v.Identifier.Text)],
        BaseTypeDeclarationSyntax t => [t.Identifier.Text],
        _ => [],
    };
}
