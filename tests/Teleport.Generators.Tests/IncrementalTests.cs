using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Teleport.Generators.Tests;

/// <summary>The pipeline caches: an unrelated edit must not re-run derivation or emission.</summary>
public class IncrementalTests
{
    private static GeneratorDriver RunTwice(string first, string second, out GeneratorRunResult secondRun)
    {
        var compilation = GeneratorHarness.Compilation(first);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(second, GeneratorHarness.ParseOptions, path: "Network0.cs"));
        driver = driver.RunGenerators(edited);
        secondRun = driver.GetRunResult().Results.Single();
        return driver;
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    [Fact]
    public void UnrelatedEditKeepsDerivationCached()
    {
        var edited = Networks.Paper + "\n// an unrelated comment\npublic class Unrelated { public int X => 1; }\n";
        RunTwice(Networks.Paper, edited, out var run);
        Assert.All(Reasons(run, TeleportGenerator.Steps.Spec), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
        Assert.All(Reasons(run, TeleportGenerator.Steps.Derive), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
    }

    [Fact]
    public void MovingTheClassKeepsDerivationCached()
    {
        // Shifting the declaration down changes locations (the parse result) but not the spec.
        RunTwice(Networks.Paper, "\n\n\n" + Networks.Paper, out var run);
        Assert.All(Reasons(run, TeleportGenerator.Steps.Derive), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
    }

    [Fact]
    public void ChangingTheActivationReDerives()
    {
        RunTwice(Networks.Paper, Networks.Paper.Replace("leaky_relu(0.1)", "leaky_relu(0.2)"), out var run);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(run, TeleportGenerator.Steps.Derive));
    }
}
