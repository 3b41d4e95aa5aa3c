using System.Linq;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// The adversarial bad-input sweep's findings, one test each: declarations that crashed, hung, generated code that did
/// not compile cleanly or computed the wrong numbers, now generate correct code or are refused with a TP diagnostic.
/// </summary>
public class BadInputSweepTests
{
    [Theory]
    [InlineData("where(x >= x, x, 2*x)")]
    [InlineData("where(x < x, 2*x, x)")]
    [InlineData("max(x, 2*x - x)")]
    public void AComparisonOfXWithItselfIsDecided(string activation)
    {
        // The scalar operator struct held `a0 >= a0` (CS1718, an error under TreatWarningsAsErrors); x ≥ x is always true.
        var source = GeneratorHarness.Run(GeneratorHarness.DenseActivationNetwork(activation)).AssertCompilesCleanly().SingleSource;
        Assert.DoesNotContain("a0 >= a0", source);
        Assert.DoesNotContain("a0 < a0", source);
    }

    public static TheoryData<string, string> FormulasOverLines => new()
    {
        { "[Dense(3, Activation = \"tanh\\n(x)\")]", "tanh\n(x)" },
        { "[Dense(3, Activation = \"tanh(x)\\r\\n+ x\")]", "tanh(x)\r\n+ x" },
        { "[Dense(3, Activation = \"tanh\\u2028(x)\")]", "tanh\u2028(x)" },
        { "[Dense(3, Activation = \"tanh\\u2029(x)\")]", "tanh\u2029(x)" },
        { "[Dense(3, Activation = \"tanh\\u0085(x)\")]", "tanh\u0085(x)" },
        { "[Dense(3, Activation = \"\"\"\n    tanh(x)\n      + x\n    \"\"\")]", "tanh(x)\n  + x" },
        { "[Dense(3, Activation = @\"leaky_relu(\n0.1)\")]", "leaky_relu(\n0.1)" },
    };

    [Theory]
    [MemberData(nameof(FormulasOverLines))]
    public void AFormulaWrittenOverLinesCompiles(string layer, string formula)
    {
        // The line break went as is into the operator structs' doc summaries ("σ = tanh⏎(x): …" left "(x): …" as code) and,
        // for U+2028, U+2029 and U+0085 (line breaks to C#), into LayerInfo's string literal: hundreds of errors (CS1010, CS1056).
        var output = GeneratorHarness.Run($"using Teleport;\n[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]\n{layer}\n[Dense(2)]\npublic partial class Net {{ }}\n");
        output.AssertCompilesCleanlyExcept("TP0014");
        var model = (IDifferentiableModel<float>)System.Activator.CreateInstance(output.Load().GetType("Net", throwOnError: true)!)!;
        Assert.Equal(formula, model.Info.Layers[0].Activation);
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

    [Theory]
    [InlineData("[Dense(3, Activation = \"tanh\")]\n[Dense(2)]\npublic partial class Net { }", "Dense(3, Activation = \"tanh\")", "[Dense]")]
    [InlineData("[Conv2d(2)]\n[MaxPool2d(2)]\n[Dense(2)]\npublic partial class Net { }", "Conv2d(2)", "[Conv2d], [MaxPool2d], [Dense]")]
    [InlineData("[Lstm(4)]\npublic partial class Net { }", "Lstm(4)", "[Lstm]")]
    [InlineData("public partial class Outer { [AvgPool2d(2), Teleport.Dense(1)] public partial class Net { } }", "AvgPool2d(2)", "[AvgPool2d], [Teleport.Dense]")]
    public void LayerAttributesWithoutNetworkAreTP0026(string declaration, string underlined, string layers)
    {
        // Nothing was generated and nothing reported: the user's first hint was CS1061 at each call of a generated member.
        var output = GeneratorHarness.Run("using Teleport;\n" + declaration);
        var d = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("TP0026", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal($"'Net' has layer attributes ({layers}) but no [Network] attribute, so the generator adds nothing to it; add [Network(Inputs = …)] to declare the network", d.GetMessage());
        Assert.Equal(underlined, output.Compilation.SyntaxTrees.First().GetText().ToString(d.Location.SourceSpan));
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void TP0026_OncePerDeclarationAndNotWhereAnotherPartHasNetwork()
    {
        var output = GeneratorHarness.Run(
            "using Teleport;\n[Dense(2)] public partial class Lone { }\n[Lstm(2)] public partial class Lone { }\n[Network(Inputs = 4)] public partial class Net { }",
            "using Teleport;\n[Dense(3, Activation = \"tanh\")] [Dense(2)] public partial class Net { }");
        Assert.Equal(2, output.GeneratorDiagnostics.Count(d => d.Id == "TP0026"));
        Assert.All(output.GeneratorDiagnostics.Where(d => d.Id == "TP0026"), d => Assert.StartsWith("'Lone'", d.GetMessage()));
        Assert.Contains(output.Sources, s => s.Contains("partial class Net"));
    }

    [Theory]
    [InlineData("[Conv2d(2, Kernel = 3, Stride = 1073741823, Padding = 1073741823)]", "[1, 4, 4] by 1073741823 on each side to 2147483650×2147483650")]
    [InlineData("[Conv2d(1, Kernel = 1, Stride = int.MaxValue, Padding = 1073741822)]", "[1, 4, 4] by 1073741822 on each side to 2147483648×2147483648")]
    public void TP0027_PaddedSidePastIntWithASmallOutput(string conv, string message)
    {
        // The output was 3×3 (or 1×1), so TP0036 let it through; H + 2p wrapped in the runtime's ConvolutionShape and
        // the first Predict threw "the 3×3 kernel does not fit the padded -2147483646×-2147483646 input".
        var output = GeneratorHarness.Run($"using Teleport;\n[Network(Inputs = 16, InputShape = new[] {{ 1, 4, 4 }}, Loss = LossKind.MeanSquaredError)]\n{conv}\n[Dense(2)]\npublic partial class Net {{ }}\n");
        var d = Assert.Single(output.GeneratorDiagnostics);
        Assert.Equal("TP0027", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("Layer 0 of 'Net' pads its input " + message, d.GetMessage());
        Assert.Equal(conv.Trim('[', ']'), output.Compilation.SyntaxTrees.First().GetText().ToString(d.Location.SourceSpan));
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void TP0027_NotReportedForTheLargestPaddedSideThatFits() =>
        // 4 + 2·1073741821 = 2147483646: the padded side fits, the output is 1×1 (of zeros and the bias).
        GeneratorHarness.Run("using Teleport;\n[Network(Inputs = 16, InputShape = new[] { 1, 4, 4 }, Loss = LossKind.MeanSquaredError)]\n[Conv2d(1, Kernel = 1, Stride = int.MaxValue, Padding = 1073741821)]\n[Dense(2)]\npublic partial class Net { }\n")
            .AssertCompilesCleanly();
}
