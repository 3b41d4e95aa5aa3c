using System.Linq;
using System.Text.RegularExpressions;

namespace Teleport.Generators.Tests;

/// <summary>
/// Affine activations other than x itself (2·x, x + 1, −x) have a constant σ′. The symmetry kernels'
/// σ′ operator is then a constant of one argument; it used to be dropped with the argument it does
/// not use, and the generator failed looking it up.
/// </summary>
public class LinearActivationTests
{
    [Fact]
    public void AffineActivationsGenerateCodeThatCompiles()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
            [Dense(3, Activation = "2*x")]
            [Dense(3, Activation = "x + 1")]
            [Dense(3, Activation = "-x")]
            [Dense(2)]
            public partial class Affine { }
            """).AssertCompilesCleanly();
        var ids = Regex.Matches(output.SingleSource, "Id: \"(S\\d)\", Kind: [^,]*, Group: [^,]*,\\s*Layer: (\\d)").Select(m => m.Groups[1].Value + "@" + m.Groups[2].Value);
        // 2·x: homogeneous, increasing, invertible; x + 1: increasing, invertible; −x: homogeneous, invertible, decreasing (no S3)
        Assert.Equal(["S2@0", "S3@0", "S4@0", "S3@1", "S4@1", "S2@2", "S4@2"], ids.ToArray());
    }
}
