using System;
using System.Collections.Generic;
using System.Linq;

namespace Teleport.Generators.Tests.Fuzz;

/// <summary>
/// Random and mutated [Network] declarations, as a new user would write them and get them wrong: odd and
/// verbatim names (<c>@class</c>, <c>namespace @event</c>, a class named like a generated member or operator),
/// nesting, records, structs, primary constructors, user members named like generated ones, sizes from 1 to
/// absurd, every loss, random formulas. A mutation changes one to three parts of a seed declaration.
/// </summary>
internal sealed class DeclarationFuzzer
{
    private static readonly string[] Names =
    {
        "Net", "Net", "Net", "Mlp", "@class", "@record", "@event", "@var", "var", "dynamic", "Ünïcödé", "Inner", "Outer", "Float64",
        "TanhActivation", "Layer0Activation", "Teleport", "System", "Math", "Span", "Vector256", "ModelArguments", "_", "@this", "nint",
        "value", "async", "await", "global", "@dynamic", "Net2", "@unmanaged", "notnull", "where", "partial", "file", "required",
    };

    private static readonly string[] NamespaceTails =
    {
        "", "", "", "Models", "@event", "@class.@record", "Outer.Inner", "Teleport", "System", "global_", "A.B.C", "Ünï", "var", "@namespace",
    };

    private static readonly string[] Containers =
    {
        "public partial class Outer", "public static partial class Models", "internal partial struct Holder",
        "public partial record Rec", "public partial class @class", "public class NotPartial", "public partial interface IHolder",
        "public partial class Outer", "public partial record struct RecStruct", "public partial class Generic<T>",
    };

    private static readonly string[] Modifiers =
    {
        "public partial", "public partial", "public partial", "internal partial", "public sealed partial", "public", "public abstract partial",
        "public static partial", "partial", "private partial", "public unsafe partial", "file partial", "public new partial",
    };

    private static readonly string[] Keywords = { "class", "class", "class", "class", "class", "record", "record class", "struct", "record struct", "interface" };

    private static readonly string[] Bodies =
    {
        "", "", "", "", "public int Extra;", "private float[] _parameters = new float[1];", "public void Predict() { }", "public int Loss => 0;",
        "private int _workspace;", "public struct TanhActivation { }", "public struct Layer0Activation { }", "public class Float64 { }",
        "public NAME() { }", "private NAME() { }", "public NAME(int seed) { }", "static NAME() { }", "public int InputSize;",
        "public void Teleport(int x) { }", "public const int W0 = 1;", "public float x;", "public int GroupAction;", "public object Info;",
        "public int _teleporter;", "public int ForwardActivations;", "public void Dispose() { }", "public override string ToString() => \"n\";",
    };

    private static readonly string[] PrimaryConstructors = { "", "", "", "", "", "()", "(int seed)", "(int seed = 1)", "(params int[] xs)" };
    private static readonly string[] BaseLists = { "", "", "", "", "", " : System.IDisposable", " : Base_$TAG", " : System.Collections.Generic.List<int>" };
    private static readonly string[] Losses = { "", "LossKind.MeanSquaredError", "LossKind.SoftmaxCrossEntropy", "(LossKind)7", "(LossKind)(-1)", "default" };
    private static readonly string[] SmallSizes = { "1", "2", "2", "3", "3", "4", "5", "8" };
    private static readonly string[] OddSizes = { "0", "-1", "-2147483648", "70000", "int.MaxValue", "1 << 20", "100000", "(int)2.5", "sizeof(int)" };
    private static readonly string[] OddInputs = { "0", "-3", "int.MaxValue", "1000000", "784", "1 + 1" };

    private readonly Random _random;
    private readonly FormulaFuzzer _formulas;

    public DeclarationFuzzer(int seed)
    {
        _random = new Random(seed);
        _formulas = new FormulaFuzzer(_random);
    }

    /// <summary>Seeds for mutation: valid declarations in the shapes the docs and tests use.</summary>
    public IReadOnlyList<FuzzDeclaration> Corpus { get; } = new[]
    {
        Simple("leaky_relu(0.1)", "leaky_relu(0.1)", null),
        Simple("tanh", "sigmoid", null),
        Simple("x / (1 + abs(x))", "gelu", null),
        Simple("relu", "elu", "tanh"),
        Simple("2*x", "x + 1", null),
        Simple("softplus", "silu", null),
        Simple("where(x > 0, x, 0.2*x)", "max(x, 0.1*x)", null),
    };

    private static FuzzDeclaration Simple(string a, string b, string? last) => new(
        "", Array.Empty<string>(), "class", "public partial", "Net", "", "", "", "", "4", "LossKind.MeanSquaredError",
        new[] { new FuzzLayer("3", a, null), new FuzzLayer("3", b, false), new FuzzLayer("2", last, null) });

    /// <summary>A declaration built at random; most are ordinary valid networks with random formulas.</summary>
    public FuzzDeclaration Random()
    {
        var layers = Enumerable.Range(0, _random.Next(100) < 3 ? 0 : _random.Next(1, 4)).Select(_ => RandomLayer()).ToArray();
        var odd = _random.Next(100) < 25;
        return new FuzzDeclaration(
            NamespaceTail: odd ? Pick(NamespaceTails) : (_random.Next(4) == 0 ? "<global>" : ""),
            Containers: odd && _random.Next(3) == 0 ? RandomContainers() : Array.Empty<string>(),
            Keyword: odd && _random.Next(4) == 0 ? Pick(Keywords) : "class",
            Modifiers: odd && _random.Next(4) == 0 ? Pick(Modifiers) : "public partial",
            Name: odd ? Pick(Names) : "Net",
            TypeParameters: odd && _random.Next(20) == 0 ? "<T>" : "",
            PrimaryConstructor: odd ? Pick(PrimaryConstructors) : "",
            BaseList: odd && _random.Next(5) == 0 ? Pick(BaseLists) : "",
            Body: odd ? Pick(Bodies) : "",
            Inputs: _random.Next(50) == 0 ? Pick(OddInputs) : Pick(SmallSizes),
            Loss: Pick(Losses.Take(_random.Next(10) == 0 ? Losses.Length : 3).ToArray()),
            Layers: layers,
            Preamble: "");
    }

    /// <summary>A seed (or an earlier case) with one to three of its parts changed.</summary>
    public FuzzDeclaration Mutate(FuzzDeclaration seed)
    {
        var d = seed;
        for (var n = _random.Next(1, 4); n > 0; n--) d = MutateOnce(d);
        return d;
    }

    private FuzzDeclaration MutateOnce(FuzzDeclaration d)
    {
        switch (_random.Next(13))
        {
            case 0: return d with { Name = Pick(Names) };
            case 1: return d with { NamespaceTail = Pick(NamespaceTails) };
            case 2: return d with { Containers = RandomContainers() };
            case 3: return d with { Keyword = Pick(Keywords), Modifiers = Pick(Modifiers) };
            case 4: return d with { PrimaryConstructor = Pick(PrimaryConstructors), BaseList = Pick(BaseLists) };
            case 5: return d with { Body = Pick(Bodies) };
            case 6: return d with { Inputs = _random.Next(2) == 0 ? Pick(OddInputs) : Pick(SmallSizes), Loss = Pick(Losses) };
            case 7:
            case 8:
            case 9: return d with { Layers = MutateLayers(d.Layers) };
            case 10: return d with { Layers = Nested(d.Layers) };
            case 11: return d with { Preamble = Pick(Preambles) };
            default:
                var doubled = d.Layers.ToList();
                if (doubled.Count > 0) doubled.Add(doubled[0]);
                return d with { Layers = doubled };
        }
    }

    /// <summary>The first layer's σ replaced by a function nested 8 to 44 deep (past the complexity budget from about 20).</summary>
    private IReadOnlyList<FuzzLayer> Nested(IReadOnlyList<FuzzLayer> layers)
    {
        var list = layers.ToList();
        if (list.Count == 0) list.Add(new FuzzLayer("2", null, null));
        list[0] = list[0] with { Activation = _formulas.Nest(_random.Next(8, 45)) };
        return list;
    }

    private static readonly string[] Preambles =
    {
        "public class Base_$TAG { public int Loss; }",
        "public class Base_$TAG { protected void Predict() { } }",
        "public class Base_$TAG { }",
        "public struct TanhActivation { }",
        "public struct GeluActivation { }",
        "public static class Math { }",
        "public class var { }",
        "public class GeneratedCodeAttribute : System.Attribute { }",
        "namespace Outer.Inner { }",
    };

    private IReadOnlyList<FuzzLayer> MutateLayers(IReadOnlyList<FuzzLayer> layers)
    {
        if (layers.Count == 0) return new[] { RandomLayer() };
        var list = layers.ToList();
        var i = _random.Next(list.Count);
        var layer = list[i];
        switch (_random.Next(6))
        {
            case 0: list[i] = layer with { Size = Pick(OddSizes) }; break;
            case 1: list[i] = layer with { Bias = _random.Next(3) switch { 0 => null, 1 => true, _ => false } }; break;
            case 2: list.RemoveAt(i); break;
            case 3: list[i] = layer with { Activation = _formulas.Random(_random.Next(1, 5)) }; break;
            default: list[i] = layer with { Activation = _formulas.Mutate(layer.Activation ?? "x") }; break;
        }

        return list;
    }

    private FuzzLayer RandomLayer()
    {
        string? activation = _random.Next(10) switch
        {
            0 => null,
            1 => "",
            2 => _formulas.Mutate(_formulas.Random(_random.Next(1, 4))),
            _ => _formulas.Random(_random.Next(1, 5)),
        };
        return new FuzzLayer(_random.Next(40) == 0 ? Pick(OddSizes) : Pick(SmallSizes), activation, _random.Next(4) switch { 0 => false, 1 => true, _ => null });
    }

    private IReadOnlyList<string> RandomContainers() =>
        Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Pick(Containers)).ToArray();

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
