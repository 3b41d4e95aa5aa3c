using System;
using System.Linq;
using System.Text.RegularExpressions;
using Teleport.Teleportation;

namespace Teleport.Generators.Tests;

/// <summary>
/// The constants' operator structs (Zero, Constant2, …: a σ″ or σ′ that simplified to a number) live beside the network
/// as file-local types named unqualified. A type of the user's with that name in the network's scope — the network
/// itself (TP0004's own good example is a network named Zero), an enclosing type, a nested or inherited nested type —
/// made the generated code fail to compile (CS0101, or the name bound to the user's type). The emitter now renames its
/// struct (ZeroOperator) there, and only there.
/// </summary>
public sealed class ConstantStructNameTests
{
    // leaky_relu's S3/S4 orbit kernels take σ″ = 0 and (σ⁻¹)″ = (σ⁻¹)‴ = 0: the struct Zero. σ = 2x + 1 has σ′ = 2
    // (Constant2) and σ″ = 0 (Zero); σ = 0.5x + 1 has σ′ = 0.5 (Constant0_5).
    private const string Layers = "[Network(Inputs = 4, Loss = LossKind.MeanSquaredError)]\n[Dense(3, Activation = \"{0}\")]\n[Dense(2)]\n";

    public static TheoryData<string, string, string, string> Clashes => new()
    {
        { "{L}public partial class Zero { }", "Demo.Zero", "leaky_relu(0.1)", "Zero" },
        { "{L}public partial class Constant2 { }", "Demo.Constant2", "2*x + 1", "Constant2" },
        { "{L}public partial class Constant0_5 { }", "Demo.Constant0_5", "0.5*x + 1", "Constant0_5" },
        // Renamed, the struct would still clash with a user's ZeroOperator: it takes the next free name.
        { "{L}public partial class Zero { public struct ZeroOperator { } }", "Demo.Zero", "leaky_relu(0.1)", "Zero" },
        { "public partial class Zero { {L}public partial class Net { } }", "Demo.Zero+Net", "leaky_relu(0.1)", "Zero" },
        { "{L}public partial class Net { public sealed class Zero { } }", "Demo.Net", "leaky_relu(0.1)", "Zero" },
        { "public partial class Outer { public struct Constant2 { } {L}public partial class Net { } }", "Demo.Outer+Net", "2*x + 1", "Constant2" },
        { "{L}public partial class Net : Base { }\npublic class Base { protected class Zero { } }", "Demo.Net", "leaky_relu(0.1)", "Zero" },
    };

    [Theory]
    [MemberData(nameof(Clashes))]
    public void ANetworkWhoseScopeHoldsAConstantStructsNameBuildsAndRuns(string declaration, string network, string activation, string constant)
    {
        var source = "using Teleport;\nnamespace Demo;\n" + declaration.Replace("{L}", string.Format(System.Globalization.CultureInfo.InvariantCulture, Layers, activation)) + "\n";
        var output = GeneratorHarness.Run(source).AssertCompilesCleanly();
        var structs = FileLocalStructs(output.SingleSource);
        Assert.DoesNotContain(constant, structs);
        Assert.Contains(structs, s => s.StartsWith(constant + "Operator", StringComparison.Ordinal));

        var model = (IOrbitDerivatives<float>)Activator.CreateInstance(output.Load().GetType(network, throwOnError: true)!)!;
        Run(model);
    }

    [Fact]
    public void WithoutAClashTheConstantStructKeepsItsName()
    {
        var source = "using Teleport;\nnamespace Demo;\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Layers, "leaky_relu(0.1)")
            + "public partial class Net { public struct Constant2 { } }\npublic partial class Zero { }\n";
        var structs = FileLocalStructs(GeneratorHarness.Run(source).AssertCompilesCleanly().SingleSource);
        // A Zero elsewhere in the namespace (not the network, nor enclosing it) does not clash with a file-local Zero.
        Assert.Contains("Zero", structs);
        Assert.DoesNotContain(structs, s => s.Contains("Operator", StringComparison.Ordinal));
    }

    private static string[] FileLocalStructs(string source) =>
        Regex.Matches(source, @"\bfile readonly struct (\w+)").Select(m => m.Groups[1].Value).ToArray();

    /// <summary>Loss, gradient and the orbit derivatives (the kernels that take the constants' structs) on a small batch: finite.</summary>
    private static void Run(IOrbitDerivatives<float> model)
    {
        var random = new Random(7);
        var parameters = model.Parameters;
        for (var i = 0; i < parameters.Length; i++) parameters[i] = (float)(random.NextDouble() - 0.5);
        const int batch = 3;
        var inputs = Enumerable.Range(0, batch * 4).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var targets = Enumerable.Range(0, batch * 2).Select(_ => (float)random.NextDouble()).ToArray();
        var gradient = new float[parameters.Length];
        var loss = model.LossAndGradient(inputs, new Targets<float>(targets), gradient);
        Assert.True(float.IsFinite(loss) && gradient.All(float.IsFinite));

        // Each symmetry alone (at most one per hidden layer): the data-dependent ones run the kernels with the structs.
        var symmetries = model.Info.Symmetries;
        Assert.Contains(symmetries, s => s.IsDataDependent);
        var generator = Enumerable.Range(0, symmetries.Sum(s => s.Dimension)).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        for (var s = 0; s < symmetries.Count; s++)
        {
            var active = new bool[symmetries.Count];
            active[s] = true;
            var (first, second, third) = (new float[parameters.Length], new float[parameters.Length], new float[parameters.Length]);
            Assert.True(model.OrbitDerivatives(active, generator, inputs, OrbitDerivativeMode.Exact, first, second, third));
            Assert.True(first.Concat(second).Concat(third).All(float.IsFinite));
            Assert.Contains(first, v => v != 0);
        }
    }
}
