using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// GL(k) on a hidden layer of k units has k² generators, and all symmetries' generators lie in one Lie-algebra span:
/// past 46 340 units k² overflowed int, and the generated LieAlgebraDimension was −2147479015 (it compiled; the
/// teleporter's spans were sized by it). Such a group is now left out with TP0028, and an identity layer gets S2.
/// </summary>
public class LargeSymmetryTests
{
    private static GeneratorOutput Run(string layers) => GeneratorHarness.Run(
        "using Teleport;\n[Network(Inputs = 2, Loss = LossKind.MeanSquaredError)]\n" + layers + "\n[Dense(2)]\npublic partial class Net { }\n");

    private static string[] TP0028(GeneratorOutput output) =>
        output.GeneratorDiagnostics.Where(d => d.Id == "TP0028").Select(d =>
        {
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
            return d.GetMessage();
        }).ToArray();

    [Fact]
    public void AnIdentityLayerTooWideForGLGetsTheDiagonalGroup()
    {
        var output = Run("[Dense(46341)]").AssertCompilesCleanly();
        var message = Assert.Single(TP0028(output));
        Assert.Equal("Hidden layer 0 of 'Net' (σ = identity) leaves out the symmetry S1, GL(46341): its 2147488281 generators are more than the "
            + "2147483591 one Lie-algebra span can hold, so teleportation does not use it; it gets the diagonal group S2 instead", message);
        Assert.Contains("public const int LieAlgebraDimension = 46341;", output.SingleSource);
        Assert.Contains("GroupName: \"(ℝ>0)^46341 diagonal\"", output.SingleSource);
    }

    [Fact]
    public void TheDataDependentGroupsOfATooWideLayerAreLeftOutWithoutTP0014()
    {
        var output = Run("[Dense(46341, Activation = \"tanh\")]").AssertCompilesCleanly();
        var messages = TP0028(output);
        Assert.Equal(2, messages.Length);
        Assert.StartsWith("Hidden layer 0 of 'Net' (σ = tanh) leaves out the symmetry S3, GL(46341), data-dependent: its 2147488281 generators", messages[0]);
        Assert.StartsWith("Hidden layer 0 of 'Net' (σ = tanh) leaves out the symmetry S4, GL(46341), data-dependent (least squares)", messages[1]);
        // TP0014 would blame σ ("strictly increasing, so invertible, but no closed form of σ⁻¹"), which is not why.
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id == "TP0014");
        Assert.Contains("public const int LieAlgebraDimension = 0;", output.SingleSource);
    }

    [Fact]
    public void AGroupThatFitsOnlyAloneIsKeptAndTheNextLeftOut()
    {
        // 32 768² = 2³⁰ generators for S3 fit; S4's 2³⁰ more would make 2³¹.
        var output = Run("[Dense(32768, Activation = \"tanh\")]").AssertCompilesCleanly();
        var message = Assert.Single(TP0028(output));
        Assert.Contains("leaves out the symmetry S4, GL(32768), data-dependent (least squares): its 1073741824 generators after the 1073741824 of the symmetries before it", message);
        Assert.Contains("public const int LieAlgebraDimension = 1073741824;", output.SingleSource);
    }

    [Fact]
    public void AnIdentityConvolutionWithTooManyChannelsGetsPerChannelScaling()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 1, InputShape = new[] { 1, 1, 1 }, Loss = LossKind.MeanSquaredError)]
            [Conv2d(46341, Kernel = 1)]
            [Dense(2)]
            public partial class Net { }
            """).AssertCompilesCleanly();
        var message = Assert.Single(TP0028(output));
        Assert.StartsWith("Hidden layer 0 of 'Net' (σ = identity) leaves out the symmetry S1, GL(46341) on channels: its 2147488281 generators", message);
        Assert.EndsWith("it gets the diagonal group S2 instead", message);
        Assert.Contains("public const int LieAlgebraDimension = 46341;", output.SingleSource);
    }
}
