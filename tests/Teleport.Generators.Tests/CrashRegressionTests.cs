using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Teleport.Generators.Tests;

/// <summary>
/// Issue 14's generator crashes, one test per example: each declaration now either generates code that
/// compiles or is refused with a stable diagnostic, and the generator itself never throws (CS8785) or hangs.
/// </summary>
public class CrashRegressionTests
{
    private static string Declaration(string activation, string name = "Net") => $$"""
        using Teleport;
        [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
        [Dense(3, Activation = "{{activation.Replace("\"", "\\\"")}}")]
        [Dense(2)]
        public partial class {{name}} { }
        """;

    private static void AssertNoGeneratorFailure(GeneratorOutput output) =>
        Assert.DoesNotContain(output.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");

    /// <summary>Refused with exactly <paramref name="id"/> (an error): no source, no generator failure.</summary>
    private static Diagnostic AssertRefused(string source, string id)
    {
        var output = GeneratorHarness.Run(source);
        AssertNoGeneratorFailure(output);
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Empty(output.Sources);
        return d;
    }

    [Theory]
    [InlineData("2*x")]
    [InlineData("-x")]
    [InlineData("x+1")]
    [InlineData("0.5*x")]
    [InlineData("3 - 2*x")]
    [InlineData("x/4")]
    [InlineData("--x")]
    public void LinearActivationsCompile(string activation) =>
        GeneratorHarness.Run(Declaration(activation)).AssertCompilesCleanly();

    [Theory]
    [InlineData("10", "10")]
    [InlineData("exp(0.2)", "1.2214")]
    [InlineData("x - x", "0")]
    [InlineData("min(0.2, 1)", "0.2")]
    [InlineData("0*x", "0")]
    [InlineData("x/x", "1")]
    public void ConstantActivationsAreTP0015(string activation, string value)
    {
        var d = AssertRefused(Declaration(activation), "TP0015");
        Assert.Contains($"is the constant {value}", d.GetMessage());
        Assert.Contains("layer 0 of 'Net'", d.GetMessage());
    }

    [Theory]
    [InlineData("where(x > 0, 1, 0)")]
    [InlineData("where(x < 1, 2, -3)")]
    public void PiecewiseConstantActivationsAreTP0016(string activation) =>
        Assert.Contains("σ′ = 0", AssertRefused(Declaration(activation), "TP0016").GetMessage());

    [Fact]
    public void AControlCharacterInAnActivationIsPrintedAsAnEscape()
    {
        // "x\u0000" put a raw NUL into the message: "unexpected character ' ' (at character 2 of "x ")".
        var d = AssertRefused(Declaration("x\\u0000"), "TP0005");
        Assert.Contains("unexpected character '\\u0000' (at character 2 of \"x\\u0000\")", d.GetMessage());
        Assert.DoesNotContain('\0', d.GetMessage());
    }

    [Fact]
    public void ConstantActivationOnTheLastLayerIsTP0015()
    {
        var d = AssertRefused("""
            using Teleport;
            [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
            [Dense(3, Activation = "relu")]
            [Dense(2, Activation = "1")]
            public partial class Net { }
            """, "TP0015");
        Assert.Contains("layer 1", d.GetMessage());
    }

    [Fact]
    public void InnerInOuterBesideNamespaceOuterInner()
    {
        // The issue's case: hint names Outer.Inner.Teleport.g.cs twice made AddSource throw.
        var output = GeneratorHarness.Run("""
            using Teleport;
            namespace Outer
            {
                [Network(Inputs = 4)]
                [Dense(2)]
                public partial class Inner { }
            }
            public partial class Outer
            {
                [Network(Inputs = 4)]
                [Dense(2)]
                public partial class Inner { }
            }
            """);
        AssertNoGeneratorFailure(output);
        Assert.Equal(2, output.Sources.Length);
        // The user's own code clashes (CS0101: namespace Outer and class Outer); the generated code adds nothing else.
        Assert.All(output.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error),
            d => Assert.Equal("Network0.cs", d.Location.GetLineSpan().Path));
    }

    private static string[] HintNames(string source)
    {
        var driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(source), out var updated, out var diagnostics);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.Empty(updated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).OrderBy(h => h, System.StringComparer.Ordinal).ToArray();
    }

    [Theory]
    [InlineData("namespace Demo { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } [Network(Inputs = 4)] [Dense(2)] public partial class NET { } }",
        "Demo.NET.1.Teleport.g.cs", "Demo.Net.2.Teleport.g.cs")]
    [InlineData("namespace demo { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } } namespace Demo { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } }",
        "Demo.Net.1.Teleport.g.cs", "demo.Net.2.Teleport.g.cs")]
    public void NamesDifferingOnlyInCaseBothGenerate(string declarations, string first, string second)
    {
        // The compiler compares hint names ignoring case: Demo.NET.Teleport.g.cs beside Demo.Net.Teleport.g.cs threw (CS8785).
        Assert.Equal(new[] { first, second }, HintNames("using Teleport;\n" + declarations));
    }

    [Fact]
    public void AHintNameUniqueIgnoringCaseIsKept() =>
        Assert.Equal(new[] { "Demo.Net.Teleport.g.cs", "Demo.Other.Teleport.g.cs" },
            HintNames("using Teleport;\nnamespace Demo { [Network(Inputs = 4)] [Dense(2)] public partial class Net { } [Network(Inputs = 4)] [Dense(2)] public partial class Other { } }"));

    [Theory]
    [InlineData("namespace @event;", "public partial class Net { }")]
    [InlineData("namespace My.@class.@record;", "public partial class Net { }")]
    [InlineData("", "public partial class @class { }")]
    [InlineData("", "public partial class @record { }")]
    [InlineData("namespace @event;", "public partial class @event { }")]
    [InlineData("", "public partial class @async { public partial class @await { } }")]
    [InlineData("", "public partial class Ünïcödé { }")]
    [InlineData("", "public partial class Net<T> { }")]
    public void VerbatimAndUnusualNamesCompile(string ns, string type)
    {
        // The attributes go on the innermost class.
        var attributed = type.Contains("{ public partial class")
            ? type.Replace("{ public partial class", "{ [Network(Inputs = 4)] [Dense(2)] public partial class")
            : "[Network(Inputs = 4)] [Dense(2)] " + type;
        var output = GeneratorHarness.Run($"using Teleport;\n{ns}\n{attributed}\n");
        if (type.Contains("<T>"))
        {
            // Generic networks are refused by the parser (TP0010), never a crash.
            AssertNoGeneratorFailure(output);
            Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "TP0010");
            return;
        }

        output.AssertCompilesCleanly();
        Assert.Single(output.Sources);
    }

    [Fact]
    public void PrimaryConstructorWithParametersIsTP0019()
    {
        var d = AssertRefused("""
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class Net(int seed) { public int Seed => seed; }
            """, "TP0019");
        Assert.Contains("primary constructor takes parameters", d.GetMessage());
    }

    [Theory]
    [InlineData("public partial class Net() { }")]
    [InlineData("public partial class Net(int seed = 1) { public int Seed => seed; }")]
    [InlineData("public partial class Net { public Net(params int[] xs) { } }")]
    public void ConstructorsCallableWithoutArgumentsCompile(string type) =>
        GeneratorHarness.Run($"using Teleport;\n[Network(Inputs = 4)]\n[Dense(2)]\n{type}\n").AssertCompilesCleanly();

    [Theory]
    [InlineData("private float[] _parameters = new float[1];", "_parameters")]
    [InlineData("private int _workspace;", "_workspace")]
    [InlineData("public void BeginTeleportSession() { }", "BeginTeleportSession")]
    [InlineData("public int LayerInput => 1;", "LayerInput")]
    [InlineData("public void LieAlgebraAdjoint() { }", "LieAlgebraAdjoint")]
    [InlineData("public void QuadraticFormGradient() { }", "QuadraticFormGradient")]
    [InlineData("public void OrbitDerivatives() { }", "OrbitDerivatives")]
    [InlineData("private int _orbitFactors;", "_orbitFactors")]
    public void UserMembersNamedLikeGeneratedPrivatesAreTP0013(string member, string name)
    {
        var d = AssertRefused($"using Teleport;\n[Network(Inputs = 4)]\n[Dense(2)]\npublic partial class Net {{ {member} }}\n", "TP0013");
        Assert.Contains($"'{name}'", d.GetMessage());
    }

    [Fact]
    public void InheritedMemberNamedLikeAGeneratedOneIsTP0013()
    {
        var d = AssertRefused("""
            using Teleport;
            public class Base { public int Loss; }
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class Net : Base { }
            """, "TP0013");
        Assert.Contains("inherits a member named 'Loss'", d.GetMessage());
    }

    [Fact]
    public void HandWrittenFloat64TwinIsTP0013() =>
        AssertRefused("""
            using Teleport;
            using Teleport.Teleportation;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class Net : IHasFloat64Twin
            {
                IDifferentiableModel<double> IHasFloat64Twin.CreateFloat64Twin() => ToFloat64();
            }
            """, "TP0013");

    [Theory]
    // leaky_relu(1e308) and 3e38*x^2 were here: their float code is NaN at 0 (∞·x), TP0024 now (DiagnosticTests.FloatOverflow).
    [InlineData("where(x > 1e39, x, 2*x)", "1E+39")]
    [InlineData("x + 1e39", "1E+39")]
    [InlineData("where(x > 0, x, -1e39)", "-1E+39")]
    public void ConstantsBeyondFloatAreTP0018AndCompile(string activation, string value)
    {
        var output = GeneratorHarness.Run(Declaration(activation));
        AssertNoGeneratorFailure(output);
        Assert.Empty(output.CompilationDiagnostics);
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0018");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("holds the constant " + value + ", beyond float's range", d.GetMessage());
        Assert.DoesNotContain("Infinityf", output.SingleSource);
    }

    [Theory]
    [InlineData("public partial record Net { }")]
    [InlineData("public partial record class Net { }")]
    [InlineData("public partial record Net(int A) { }")]
    public void PartialRecordsAreTP0010(string type)
    {
        var output = GeneratorHarness.Run($"using Teleport;\n[Network(Inputs = 4)]\n[Dense(2)]\n{type}\n");
        AssertNoGeneratorFailure(output);
        Assert.Contains("records are not supported", Assert.Single(output.GeneratorDiagnostics, d => d.Id == "TP0010").GetMessage());
        Assert.Empty(output.Sources);
    }

    [Fact]
    public void NetworkAttributeOnTwoPartsGeneratesOnce()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(2)]
            public partial class Net { }
            [Network(Inputs = 4)]
            public partial class Net { }
            """);
        AssertNoGeneratorFailure(output);
        Assert.True(output.Sources.Length <= 1);
    }

    [Theory]
    [InlineData("tanh", 22)]
    [InlineData("tanh", 40)]
    [InlineData("tanh", 100)]
    [InlineData("relu", 41)]
    [InlineData("gelu", 20)]
    [InlineData("sigmoid", 30)]
    [InlineData("exp", 60)]
    public async Task DeeplyNestedFunctionsEndWithinTheBudget(string function, int depth)
    {
        var activation = string.Concat(Enumerable.Repeat(function + "(", depth)) + "x" + new string(')', depth);
        var run = Task.Run(() => GeneratorHarness.Run(Declaration(activation)));
        // The budget counts work, not time; the timeout only keeps a regression from hanging the test run.
        var finished = await Task.WhenAny(run, Task.Delay(System.TimeSpan.FromMinutes(2)));
        Assert.Same(run, finished);
        var output = await run;
        AssertNoGeneratorFailure(output);
        var d = Assert.Single(output.GeneratorDiagnostics, x => x.Id == "TP0017");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Empty(output.Sources);
    }

    /// <summary>Found by the fuzz after the merges: the orbit factor buffer (3k² per symmetry) of a 70 000-unit layer overflowed int.</summary>
    [Fact]
    public void AVeryWideHiddenLayerCompilesWithoutOrbitDerivatives()
    {
        var output = GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]
            [Dense(70000, Activation = "leaky_relu(0.1)")]
            [Dense(3, Activation = "leaky_relu(0.1)", Bias = false)]
            [Dense(2)]
            public partial class Net { }
            """);
        output.AssertCompilesCleanly();
        Assert.DoesNotContain(output.Sources, s => s.Contains("IOrbitDerivatives"));
    }

    // (Up to 8 deep: the third-order members (D³L, the orbit derivatives γ‴) differentiate σ four times, and tanh
    // nested 10 deep has a fourth derivative of 8 407 terms, past ComplexityBudget.MaxDerivativeSize: TP0017.)
    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void ModeratelyNestedTanhCompiles(int depth)
    {
        var activation = string.Concat(Enumerable.Repeat("tanh(", depth)) + "x" + new string(')', depth);
        GeneratorHarness.Run(Declaration(activation)).AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("namespace Shop { public class var { } [Network(Inputs = 4)] [Dense(2)] public partial class Net { } }", "Shop.var")]
    [InlineData("[Network(Inputs = 4)] [Dense(2)] public partial class @var { }", "var")]
    [InlineData("public partial class Outer { public class var { } [Network(Inputs = 4)] [Dense(2)] public partial class Net { } }", "Outer.var")]
    [InlineData("[Network(Inputs = 4)] [Dense(2)] public partial class Net { public struct var { } }", "Net.var")]
    public void TypeNamedVarInScopeIsTP0020(string declaration, string found)
    {
        var d = AssertRefused("using Teleport;\n" + declaration, "TP0020");
        Assert.Contains($"A type named 'var' ({found})", d.GetMessage());
    }

    [Theory]
    [InlineData("public partial class Teleport { }", "a member named 'Teleport'")]
    [InlineData("public partial class Float64 { }", "a member named 'Float64'")]
    [InlineData("public partial class TanhActivation { }", "'TanhActivation' is the name of an operator struct")]
    [InlineData("public partial class Layer0DerivativeTimes { }", "'Layer0DerivativeTimes' is the name of an operator struct")]
    public void NetworkNamedLikeGeneratedCodeIsTP0010(string type, string reason)
    {
        var d = AssertRefused($"using Teleport;\nnamespace N;\n[Network(Inputs = 4)]\n[Dense(3, Activation = \"tanh\")]\n[Dense(2)]\n{type}\n", "TP0010");
        Assert.Contains(reason, d.GetMessage());
    }

    [Fact]
    public void EnclosingClassNamedLikeAnOperatorIsTP0010() =>
        AssertRefused("""
            using Teleport;
            public partial class GeluActivation
            {
                [Network(Inputs = 4)]
                [Dense(2)]
                public partial class Net { }
            }
            """, "TP0010");

    [Fact]
    public void NestedTypeNamedLikeAnOperatorIsTP0013() =>
        Assert.Contains("member named 'Layer0Activation'", AssertRefused("""
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "x / (1 + abs(x))")]
            [Dense(2)]
            public partial class Net { public struct Layer0Activation { } }
            """, "TP0013").GetMessage());

    [Fact]
    public void NamesThatOnlyStartLikeAnOperatorCompile() =>
        GeneratorHarness.Run("""
            using Teleport;
            [Network(Inputs = 4)]
            [Dense(3, Activation = "tanh")]
            [Dense(2)]
            public partial class TanhRegressor { public struct LayerActivation { } public struct ReluActivations { } }
            """).AssertCompilesCleanly();

    // The file-local types the generated file declares and uses unqualified (Emit/EmittedNames) cannot share a name with
    // a member in the network's scope (TP0013) or with the network or an enclosing type (TP0010).
    [Theory]
    [InlineData("public partial class Net { public static int DerivedNetworkInfo; }", "DerivedNetworkInfo")]
    [InlineData("public partial class Net { public int DerivedNetworkInfo() => 0; }", "DerivedNetworkInfo")]
    [InlineData("public partial class Net { public struct Sum { } }", "Sum")]
    [InlineData("public partial class Net { public struct TanhSecondDerivative { } }", "TanhSecondDerivative")]
    [InlineData("public partial class Net { public class TanhInverseDerivative { } }", "TanhInverseDerivative")]
    [InlineData("public partial class Net { public struct Copy { } }", "Copy")]
    [InlineData("public partial class Outer { public static int DerivedNetworkInfo; [Network(Inputs = 4)] [Dense(3, Activation = \"tanh\")] [Dense(2)] public partial class Net { } }", "DerivedNetworkInfo")]
    [InlineData("public partial class Outer { public struct TanhThirdDerivative { } [Network(Inputs = 4)] [Dense(3, Activation = \"tanh\")] [Dense(2)] public partial class Net { } }", "TanhThirdDerivative")]
    public void UserNamesLikeEmittedFileLocalTypesAreTP0013(string declaration, string member)
    {
        var attributes = declaration.StartsWith("public partial class Net", System.StringComparison.Ordinal) ? "[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]\n[Dense(3, Activation = \"tanh\")]\n[Dense(2)]\n" : "";
        var d = AssertRefused("using Teleport;\nnamespace Demo;\n" + attributes + declaration + "\n", "TP0013");
        Assert.Contains($"member named '{member}'", d.GetMessage());
    }

    [Theory]
    [InlineData("Sum")]
    [InlineData("DerivedNetworkInfo")]
    [InlineData("TanhThirdDerivative")]
    [InlineData("Copy")]
    public void NetworkNamedLikeAnEmittedFileLocalTypeIsTP0010(string type) =>
        Assert.Contains($"'{type}' is the name of an operator struct", AssertRefused(
            $"using Teleport;\nnamespace Demo;\n[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]\n[Dense(3, Activation = \"tanh\")]\n[Dense(2)]\npublic partial class {type} {{ }}\n", "TP0010").GetMessage());

    [Fact]
    public void EveryEmittedFileLocalTypeNameIsReserved()
    {
        // The check's list is the emitter's: every file-local type of every representative network is one it refuses.
        foreach (var source in new[] { Networks.Paper, Networks.Regression, Networks.Custom, Networks.PaperCnn, Networks.Lstm })
        {
            var names = System.Text.RegularExpressions.Regex.Matches(string.Join("\n", GeneratorHarness.Run(source).Sources), @"\bfile (?:static |readonly |sealed )*(?:struct|class) (\w+)")
                .Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(names);
            // (Except the constants' structs, Zero and Constant…: only some networks emit them; see EmittedNames.)
            Assert.All(names.Where(n => !Teleport.Generators.Emit.EmittedNames.IsConstantName(n)), n => Assert.True(Teleport.Generators.Emit.EmittedNames.IsReserved(n), $"{n} is emitted but not reserved"));
        }
    }
}
