using System.Collections.Generic;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Symmetry;

namespace Teleport.Generators.Emit;

/// <summary>
/// Writes the runtime's HiddenLayerBlock for one symmetry's kernel call: the sizes, then the
/// fields that kernel reads, each named — V, b, U and their gradients as slices of the member's spans,
/// H, Z and A from the forward pass, or the session's ready-made products on the input layer.
/// </summary>
internal sealed class LayerBlockWriter
{
    private readonly DerivedNetwork _network;
    private readonly string _scalar;

    public LayerBlockWriter(DerivedNetwork network, string scalar)
    {
        _network = network;
        _scalar = scalar;
    }

    /// <summary>The fields an adjoint of <paramref name="s"/> reads, with G_· from <c>result</c> (∂F/∂θ = 2·H·∇L) and the forward pass in the workspace.</summary>
    public IEnumerable<(string Field, string Value)> AdjointFields(DerivedSymmetry s, SessionObjective? session, System.Func<Tensor, string> nameOf)
    {
        var (weight, bias, nextWeight) = Weights(s);
        var tensors = _network.LayerTensors[s.Layer];
        var fromSession = session is not null && s.Layer == 0;
        var tangentDelta = session?.TangentDelta.Name;
        switch (s.Kind)
        {
            case SymmetryKind.GeneralLinear:
            case SymmetryKind.Diagonal:
            case SymmetryKind.LeastSquares:
                if (fromSession && s.Kind == SymmetryKind.Diagonal)
                    yield return ("GradVDotV", $"session.AdjointDiagonal({tangentDelta})");
                else if (fromSession)
                    yield return ("GradVTimesVt", $"session.AdjointProduct({tangentDelta})");
                else
                {
                    yield return ("V", Parameter(weight));
                    yield return ("GradV", Gradient(weight));
                }
                if (bias is { } b)
                {
                    yield return ("B", Parameter(b));
                    yield return ("GradB", Gradient(b));
                }
                break;
            case SymmetryKind.DataDependent:
                if (fromSession)
                {
                    yield return ("GradVTimesHt", $"session.AdjointGramProduct({tangentDelta})");
                    yield return ("InputGram", "session.Gram");
                }
                else
                {
                    yield return ("GradV", Gradient(weight));
                    yield return ("H", nameOf(tensors.Input));
                }
                if (bias is { } gradB) yield return ("GradB", Gradient(gradB));
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(s), s.Kind, "No adjoint kernel for this symmetry kind.");
        }
        yield return ("U", Parameter(nextWeight));
        yield return ("GradU", Gradient(nextWeight));
        if (s.IsDataDependent)
        {
            yield return ("BatchSize", "n");
            yield return ("Z", nameOf(tensors.PreActivation));
            yield return ("A", nameOf(tensors.Output));
        }
    }

    /// <summary>The fields a finite action of <paramref name="s"/> reads and writes: V, b, U, and for a data-dependent action the batch.</summary>
    public IEnumerable<(string Field, string Value)> ActionFields(DerivedSymmetry s, string? inputGram)
    {
        foreach (var field in ParameterFields(s, "parameters")) yield return field;
        if (!s.IsDataDependent) yield break;
        yield return ("BatchSize", "n");
        yield return ("H", "layerInput");
        if (inputGram is not null) yield return ("InputGram", inputGram);
        // S3 keeps g·σ(Z) inside σ's range: tell it the range when it is bounded
        var range = _network.Layers[s.Layer].Properties.Range;
        if (s.Kind == SymmetryKind.DataDependent && !range.IsReal)
            yield return ("Range", $"new {TypeNames.ActivationRange}({Literals.Double(range.Lower)}, {Literals.Double(range.Upper)})");
    }

    /// <summary>V, b and U as slices of the parameter-layout span <paramref name="span"/> (the parameters, or a covector).</summary>
    public IEnumerable<(string Field, string Value)> ParameterFields(DerivedSymmetry s, string span)
    {
        var (weight, bias, nextWeight) = Weights(s);
        yield return ("V", Slice(span, weight));
        if (bias is { } b) yield return ("B", Slice(span, b));
        yield return ("U", Slice(span, nextWeight));
    }

    /// <summary>V, b and U of a symmetry: the weight and bias of its layer and the weight of the layer that reads it.</summary>
    private (Tensor Weight, Tensor? Bias, Tensor NextWeight) Weights(DerivedSymmetry s)
    {
        var layer = _network.Layers[s.Layer];
        var next = _network.Layers[s.NextLayer];
        return (layer.Weight ?? throw new System.InvalidOperationException($"Layer {s.Layer} has no weight to act on."), layer.Bias,
            next.Weight ?? throw new System.InvalidOperationException($"Layer {s.NextLayer} has no weight to act on."));
    }

    /// <summary>The block's fields in the order they are written: parameters, gradients, forward pass, ready-made products.</summary>
    private static readonly string[] FieldOrder =
    {
        "V", "B", "U", "GradV", "GradB", "GradU", "H", "Z", "A", "Range", "InputGram", "GradVTimesVt", "GradVDotV", "GradVTimesHt",
    };

    /// <summary>Declares <c>var {variable} = new HiddenLayerBlock&lt;T&gt; { sizes, fields }</c>, one named field per line.</summary>
    public void Declare(CodeWriter w, string variable, DerivedSymmetry s, IEnumerable<(string Field, string Value)> fields)
    {
        var values = new Dictionary<string, string>();
        foreach (var (field, value) in fields) values[field] = value;
        var batch = values.TryGetValue("BatchSize", out var n) ? $", BatchSize = {n}" : "";
        w.Line($"var {variable} = new {TypeNames.HiddenLayerBlock}<{_scalar}>");
        w.Line("{");
        // A convolution's channel owns UColumnGroup columns of U (its K′² kernel taps, or its positions in a flattened image).
        var group = s.UColumnGroup == 1 ? "" : $", UColumnGroup = {Literals.Int(s.UColumnGroup)}";
        w.Line($"    Width = {Literals.Int(s.Width)}, InputSize = {Literals.Int(s.InputSize)}, NextWidth = {Literals.Int(s.NextWidth)}{group}, HasBias = {Literals.Bool(s.HasBias)}{batch},");
        foreach (var field in FieldOrder)
            if (values.TryGetValue(field, out var value)) w.Line($"    {field} = {value},");
        w.Line("};");
    }

    /// <summary>A writable slice of the parameters (the block's V, b and U are spans; an adjoint only reads them).</summary>
    private static string Parameter(Tensor t) => MembersEmitter.ParameterSlice(t.Offset, t.Rows * t.Columns);

    private static string Gradient(Tensor t) => Slice("result", t);

    private static string Slice(string span, Tensor t) => $"{span}.Slice({Literals.Int(t.Offset)}, {Literals.Int(t.Rows * t.Columns)})";
}
