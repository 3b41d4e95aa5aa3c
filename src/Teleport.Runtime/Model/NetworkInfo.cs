using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Teleport;

/// <summary>
/// What the generator derived for one network: its layers, parameter tensors and symmetry groups,
/// with the formulas as text so they can be printed and checked against the paper.
/// </summary>
public sealed class NetworkInfo
{
    public NetworkInfo(
        string name,
        int inputSize,
        int outputSize,
        LossKind loss,
        IReadOnlyList<LayerInfo> layers,
        IReadOnlyList<ParameterTensorInfo> tensors,
        IReadOnlyList<SymmetryInfo> symmetries)
    {
        Name = name;
        InputSize = inputSize;
        OutputSize = outputSize;
        Loss = loss;
        Layers = layers;
        Tensors = tensors;
        Symmetries = symmetries;
        var count = 0;
        foreach (var t in tensors) count += t.Length;
        ParameterCount = count;
    }

    /// <summary>The declaring class's name.</summary>
    public string Name { get; }
    public int InputSize { get; }
    public int OutputSize { get; }
    public int ParameterCount { get; }
    public LossKind Loss { get; }
    public IReadOnlyList<LayerInfo> Layers { get; }
    public IReadOnlyList<ParameterTensorInfo> Tensors { get; }
    public IReadOnlyList<SymmetryInfo> Symmetries { get; }

    /// <summary>Finds a parameter tensor by its PyTorch <c>state_dict</c> name, or null.</summary>
    public ParameterTensorInfo? FindTensor(string name)
    {
        foreach (var t in Tensors)
            if (t.Name == name) return t;
        return null;
    }

    /// <summary>A multi-line, human-readable description (layers, tensors, formulas, symmetries).</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"{Name}: {InputSize} inputs → {OutputSize} outputs, {ParameterCount} parameters, loss {Loss}\n");
        sb.Append("Layers:\n");
        foreach (var l in Layers)
        {
            sb.Append(c, $"  [{l.Index}] dense {l.InputSize} → {l.OutputSize}{(l.HasBias ? " + bias" : "")}, σ = {l.Activation}\n");
            sb.Append(c, $"      σ(x)   = {l.Formula}\n");
            sb.Append(c, $"      σ′(x)  = {l.FirstDerivative}\n");
            sb.Append(c, $"      σ″(x)  = {l.SecondDerivative}\n");
            sb.Append(c, $"      σ⁻¹(y) = {l.Inverse ?? "(none)"}\n");
            sb.Append(c, $"      properties: {l.Properties}\n");
        }
        sb.Append("Parameter tensors:\n");
        foreach (var t in Tensors)
            sb.Append(c, $"  {t.Name,-12} [{string.Join(", ", t.Shape)}] at offset {t.Offset}, {t.Length} values\n");
        sb.Append("Symmetries:\n");
        if (Symmetries.Count == 0) sb.Append("  (none)\n");
        foreach (var s in Symmetries)
        {
            sb.Append(c, $"  {s.Id} on hidden layer {s.Layer}: {s.GroupName}, dimension {s.Dimension}; {s.Condition}\n");
            sb.Append(c, $"      action:  {s.Action}\n");
            sb.Append(c, $"      adjoint: {s.Adjoint}\n");
        }
        return sb.ToString();
    }

    public override string ToString() => Describe();
}

/// <summary>One dense layer and its derived activation formulas.</summary>
public sealed record LayerInfo(
    int Index,
    int InputSize,
    int OutputSize,
    bool HasBias,
    string Activation,
    string Formula,
    string FirstDerivative,
    string SecondDerivative,
    string? Inverse,
    string Properties);

/// <summary>A parameter tensor's PyTorch name, shape and place in <c>Parameters</c>.</summary>
public sealed record ParameterTensorInfo(string Name, IReadOnlyList<int> Shape, int Offset, int Length);
