using System.Linq;
using System.Text.RegularExpressions;

namespace Teleport.Generators.Tests;

/// <summary>The generated text says what the code does: the generator's version, and operator structs named and documented by what they compute.</summary>
public class GeneratedTextTests
{
    /// <summary>The paper network's generated file (the generator alone: what the text says, not whether it compiles — the snapshots check that).</summary>
    private static readonly System.Lazy<string> Paper = new(() =>
        Assert.Single(GeneratorHarness.Driver().RunGenerators(GeneratorHarness.Compilation(Networks.Paper)).GetRunResult().GeneratedTrees).ToString());

    [Fact]
    public void GeneratedCodeCarriesTheGeneratorVersion()
    {
        var version = typeof(TeleportGenerator).Assembly.GetName().Version!;
        var expected = $"{version.Major}.{version.Minor}.{version.Build}";
        var source = Paper.Value;
        var versions = Regex.Matches(source, "GeneratedCodeAttribute\\(\"Teleport.Generators\", \"([^\"]*)\"\\)").Select(m => m.Groups[1].Value).ToList();
        Assert.True(versions.Count >= 3, "the class, its twin and the operator structs carry [GeneratedCode]");
        Assert.All(versions, v => Assert.Equal(expected, v));
    }

    [Fact]
    public void OperatorStructsSayWhatTheyCompute()
    {
        var source = Paper.Value;
        string Doc(string name)
        {
            var at = source.IndexOf($"file readonly struct {name} ", System.StringComparison.Ordinal);
            Assert.True(at > 0, $"no operator struct {name}");
            var start = source.LastIndexOf("/// <summary>", at, System.StringComparison.Ordinal);
            return source.Substring(start, at - start);
        }

        // σ = leaky_relu(0.1): σ, σ′(z)·v, σ′ and σ⁻¹, each with its own formula and its real uses
        Assert.Contains("σ(z), σ = leaky_relu(0.1): (a0) ↦ where(a0 &gt; 0, a0, 0.1·a0)", Doc("LeakyReluActivation"));
        Assert.Contains("H1 = where(Z1 &gt; 0, Z1, 0.1·Z1)", Doc("LeakyReluActivation"));
        Assert.Contains("(a0, a1) ↦ a1·where(a0 &gt; 0, 1, 0.1)", Doc("LeakyReluDerivativeTimes"));
        Assert.Contains("δZ0 = δH0·where(Z0 &gt; 0, 1, 0.1)", Doc("LeakyReluDerivativeTimes"));
        Assert.Contains("σ′(z), σ = leaky_relu(0.1): (a0) ↦ where(a0 &gt; 0, 1, 0.1)", Doc("LeakyReluDerivative"));
        Assert.Contains("σ′ of hidden layer 1, in its S3/S4 adjoints", Doc("LeakyReluDerivative"));
        Assert.Contains("σ⁻¹(y), σ = leaky_relu(0.1): (a0) ↦ where(a0 &gt; 0, a0, 10·a0)", Doc("LeakyReluInverse"));
        Assert.DoesNotMatch("σ0 = ", source);
    }
}
