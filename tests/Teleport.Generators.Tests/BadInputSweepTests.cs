using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// The adversarial bad-input sweep's findings, one test each: declarations that crashed, hung, generated code that did
/// not compile cleanly or computed the wrong numbers, now generate correct code or are refused with a TP diagnostic.
/// </summary>
public class BadInputSweepTests
{
    private static string Declaration(string activation) => $$"""
        using Teleport;
        [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
        [Dense(3, Activation = "{{activation}}")]
        [Dense(2)]
        public partial class Net { }
        """;

    [Theory]
    [InlineData("where(x >= x, x, 2*x)")]
    [InlineData("where(x < x, 2*x, x)")]
    [InlineData("max(x, 2*x - x)")]
    public void AComparisonOfXWithItselfIsDecided(string activation)
    {
        // The scalar operator struct held `a0 >= a0` (CS1718, an error under TreatWarningsAsErrors); x ≥ x is always true.
        var source = GeneratorHarness.Run(Declaration(activation)).AssertCompilesCleanly().SingleSource;
        Assert.DoesNotContain("a0 >= a0", source);
        Assert.DoesNotContain("a0 < a0", source);
    }
}
