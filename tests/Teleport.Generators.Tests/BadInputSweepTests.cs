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

    [Theory]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class System { }", "'System' cannot be a network: the type 'System' in the global namespace")]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { }\npublic class System { }", "'Net' cannot be a network: the type 'System' in the global namespace")]
    [InlineData("namespace Demo { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } }\npublic struct System { }", "'Net' cannot be a network: the type 'System' in the global namespace")]
    public void ATypeNamedSystemInTheGlobalNamespaceIsTP0010(string declaration, string message)
    {
        // global::System.Span<float> in the generated code named that type: CS0426 on every use, thousands of errors.
        var output = GeneratorHarness.Run("using Teleport;\n" + declaration);
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0010");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains(message, d.GetMessage());
        Assert.Empty(output.Sources);
    }

    [Theory]
    [InlineData("namespace Demo { public class System { } [Network(Inputs = 4)] [Dense(2)] public partial class Net { } }")]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { public class System { } }")]
    [InlineData("[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net { }\npublic class System<T> { }")]
    public void ATypeNamedSystemOutsideTheGlobalNamespaceCompiles(string declaration) =>
        GeneratorHarness.Run("using Teleport;\n" + declaration).AssertCompilesCleanly();
}
