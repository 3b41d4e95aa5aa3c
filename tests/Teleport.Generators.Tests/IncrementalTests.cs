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

    /// <summary>The reasons of a step's outputs; fails when the step did not run or produced nothing (which would make every check vacuous).</summary>
    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult run, string step)
    {
        Assert.True(run.TrackedSteps.TryGetValue(step, out var steps), $"step '{step}' was not tracked");
        var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.True(reasons.Length > 0, $"step '{step}' has no outputs");
        return reasons;
    }

    private static void AssertCached(GeneratorRunResult run, string step) =>
        Assert.All(Reasons(run, step), r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, $"{step}: {r}"));

    [Fact]
    public void UnrelatedEditKeepsDerivationCached()
    {
        var edited = Networks.Paper + "\n// an unrelated comment\npublic class Unrelated { public int X => 1; }\n";
        RunTwice(Networks.Paper, edited, out var run);
        AssertCached(run, TeleportGenerator.Steps.Spec);
        AssertCached(run, TeleportGenerator.Steps.Derive);
    }

    [Fact]
    public void MovingTheClassKeepsDerivationCached()
    {
        // Shifting the declaration down changes locations (the parse result) but not the spec.
        RunTwice(Networks.Paper, "\n\n\n" + Networks.Paper, out var run);
        AssertCached(run, TeleportGenerator.Steps.Derive);
    }

    [Fact]
    public void ChangingTheActivationReDerives()
    {
        RunTwice(Networks.Paper, Networks.Paper.Replace("leaky_relu(0.1)", "leaky_relu(0.2)"), out var run);
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(run, TeleportGenerator.Steps.Derive));
    }

    [Fact]
    public void MovingTheClassMovesItsDerivedDiagnosticsWithoutReDeriving()
    {
        // TP0014 comes from the derivation (gelu has no symmetry) but is placed with the parser's locations.
        const string source = """
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "gelu")]
            [Dense(2)]
            public partial class NoSymmetry { }
            """;
        var driver = RunTwice(source, "\n\n" + source, out var run);
        AssertCached(run, TeleportGenerator.Steps.Derive);
        var diagnostic = Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "TP0014");
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void AddingAnotherNetworkKeepsTheFirstOnesEmissionCached()
    {
        // The hint names depend on every network's name (case clashes get a suffix); the first network's named output stays equal.
        const string other = "\n[Network(Inputs = 3)]\n[Dense(2)]\npublic partial class Other { }\n";
        RunTwice(Networks.Paper, Networks.Paper + other, out var run);
        var reasons = Reasons(run, TeleportGenerator.Steps.HintName);
        Assert.Contains(IncrementalStepRunReason.New, reasons);
        Assert.Contains(IncrementalStepRunReason.Unchanged, reasons);
    }

    [Fact]
    public void UnrelatedEditKeepsTheHintNameStepCached()
    {
        RunTwice(Networks.Paper, Networks.Paper + "\npublic class Unrelated { }\n", out var run);
        AssertCached(run, TeleportGenerator.Steps.HintName);
    }

    [Fact]
    public void RaisingTheLanguageVersionEmitsWithoutReDeriving()
    {
        // Only the effective language version flows into the pipeline: C# 10 → latest emits the code, keeps derivation cached.
        var old = new CSharpParseOptions(LanguageVersion.CSharp10);
        var compilation = GeneratorHarness.Compilation(old, Networks.Paper);
        var driver = GeneratorHarness.Driver(old).RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Single(driver.GetRunResult().Diagnostics, d => d.Id == "TP0021");

        var edited = driver.WithUpdatedParseOptions(GeneratorHarness.ParseOptions).RunGenerators(compilation);
        var run = edited.GetRunResult().Results.Single();
        AssertCached(run, TeleportGenerator.Steps.Derive);
        Assert.Single(run.GeneratedSources);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "TP0021");
    }

    [Fact]
    public void UnrelatedEditUnderAnOldLanguageVersionKeepsDerivationCached()
    {
        var old = new CSharpParseOptions(LanguageVersion.CSharp10);
        var compilation = GeneratorHarness.Compilation(old, Networks.Paper);
        var driver = GeneratorHarness.Driver(old).RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public class Unrelated { }", old, path: "Other.cs"));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        AssertCached(run, TeleportGenerator.Steps.LanguageVersion);
        AssertCached(run, TeleportGenerator.Steps.Derive);
    }
}
