using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// An activation that jumps at a where-threshold: σ′ &gt; 0 on both sides was taken for σ strictly increasing, so a jump
/// down was called invertible (TP0014 said "strictly increasing, so invertible") and a jump up got σ⁻¹ and the
/// data-dependent S3 "exact for any data", though its range has a gap where σ⁻¹ does not invert σ.
/// </summary>
public class DiscontinuousActivationTests
{
    private static GeneratorOutput Run(string activation) => GeneratorHarness.Run(GeneratorHarness.DenseActivationNetwork(activation));

    [Theory]
    [InlineData("where(x > 0, x, exp(x))", "σ jumps at x = 0 (from 1 to 0)")]
    [InlineData("where(x > 0, log(x), x)", "σ jumps at x = 0 (from 0 to −∞)")]
    [InlineData("where(x > 0, x + 1, x)", "σ jumps at x = 0 (from 0 to 1)")]
    [InlineData("where(x <= 1, x, 0.5*x)", "σ jumps at x = 1 (from 1 to 0.5)")]
    [InlineData("where(abs(x) > 0.5, x, 0.25*x)", "σ was not proved continuous (its where condition abs(x) > 0.5 does not compare x with a constant)")]
    public void AJumpingActivationGetsNoDataDependentSymmetryAndTP0014SaysWhy(string activation, string why)
    {
        var output = Run(activation);
        output.AssertCompilesCleanlyExcept("TP0025");
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0014");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Contains(why + ", so it was not proved strictly increasing with an interval for range, which the data-dependent groups S3 and S4 need", d.GetMessage());
        Assert.DoesNotContain("so invertible", d.GetMessage());
        Assert.DoesNotContain("GL(3), data-dependent", output.SingleSource);
    }

    [Fact]
    public void AContinuousPiecewiseActivationKeepsItsDataDependentSymmetries()
    {
        var output = Run("where(x > 1, 2*x - 1, x)").AssertCompilesCleanly();
        Assert.DoesNotContain(output.GeneratorDiagnostics, x => x.Id == "TP0014");
        Assert.Contains("GL(3), data-dependent", output.SingleSource);
    }
}
