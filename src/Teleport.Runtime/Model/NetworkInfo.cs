using System;
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
    /// <summary>Describes a network (generated code passes constants; a hand-written model its own).</summary>
    /// <exception cref="ArgumentNullException">A name or list is null, or a tensor in the list is.</exception>
    /// <exception cref="ArgumentException">A tensor lies outside the parameter vector [0, Σ lengths) or overlaps another, or
    /// the lengths sum past int.MaxValue.</exception>
    public NetworkInfo(
        string name,
        int inputSize,
        int outputSize,
        LossKind loss,
        IReadOnlyList<LayerInfo> layers,
        IReadOnlyList<ParameterTensorInfo> tensors,
        IReadOnlyList<SymmetryInfo> symmetries)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(symmetries);
        Name = name;
        InputSize = inputSize;
        OutputSize = outputSize;
        Loss = loss;
        Layers = layers;
        Tensors = tensors;
        Symmetries = symmetries;
        ParameterCount = CheckTensors(name, tensors);
    }

    /// <summary>
    /// Σ lengths, once every tensor is known to lie in [0, Σ lengths) without overlapping another: saving, loading and
    /// naming parameters slice the vector at these offsets (a tensor past its end failed there, in a slice naming nothing).
    /// </summary>
    private static int CheckTensors(string name, IReadOnlyList<ParameterTensorInfo> tensors)
    {
        long count = 0;
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"{name}: tensors[{i}] is null.");
            if (t.Length < 0) throw new ArgumentException($"{name}: tensor \"{t.Name}\" has length {t.Length}.", nameof(tensors));
            count += t.Length;
        }
        if (count > int.MaxValue) throw new ArgumentException($"{name}: the tensors hold {count} parameters, more than int.MaxValue.", nameof(tensors));
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (t.Offset < 0 || (long)t.Offset + t.Length > count)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: tensor \"{t.Name}\" [{t.Offset}, {(long)t.Offset + t.Length}) lies outside the {count} parameters."), nameof(tensors));
            // Inside [0, count) with lengths summing to count, no overlap means every parameter belongs to one tensor.
            for (var j = 0; j < i; j++)
            {
                var u = tensors[j];
                if (t.Length > 0 && u.Length > 0 && t.Offset < u.Offset + u.Length && u.Offset < t.Offset + t.Length)
                    throw new ArgumentException($"{name}: tensors \"{u.Name}\" and \"{t.Name}\" overlap.", nameof(tensors));
            }
        }
        return (int)count;
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
            if (l.Kind is LayerKind.MaxPool2d or LayerKind.AvgPool2d)
            {
                sb.Append(c, $"  [{l.Index}] {l.Describe()}\n");
                continue;
            }
            sb.Append(c, $"  [{l.Index}] {l.Describe()}{(l.HasBias ? " + bias" : "")}, σ = {l.Activation}\n");
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

/// <summary>
/// One layer and its derived activation formulas. <see cref="InputSize"/> and <see cref="OutputSize"/> are features
/// per sample; an image layer (<see cref="Kind"/> Conv2d, MaxPool2d, AvgPool2d) also has its images
/// [C, H, W] (<see cref="InputShape"/>, <see cref="OutputShape"/>) and its window (<see cref="Kernel"/>,
/// <see cref="Stride"/>, <see cref="Padding"/>). A pooling layer has no bias and the identity as σ.
/// </summary>
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
    string Properties)
{
    /// <summary>The layer's kind; <see cref="LayerKind.Dense"/> unless set.</summary>
    public LayerKind Kind { get; init; } = LayerKind.Dense;

    /// <summary>The image [C, H, W] an image layer reads; null for a dense layer.</summary>
    public IReadOnlyList<int>? InputShape { get; init; }

    /// <summary>The image [C, H, W] an image layer writes; null for a dense layer.</summary>
    public IReadOnlyList<int>? OutputShape { get; init; }

    /// <summary>The square window's side of a convolution or pooling (0 for a dense layer).</summary>
    public int Kernel { get; init; }

    /// <summary>A convolution's stride (a pooling's is its kernel; 0 for a dense layer).</summary>
    public int Stride { get; init; }

    /// <summary>A convolution's zero padding on every side (0 otherwise).</summary>
    public int Padding { get; init; }

    /// <summary>The layer's units: a dense layer's outputs, an image layer's output channels (what a symmetry's width counts).</summary>
    public int Units => OutputShape is { Count: > 0 } shape ? shape[0] : OutputSize;

    /// <summary>"dense 784 → 16", "lstm 3 → 4 (LSTM cell, per step)", "conv2d 3×3 stride 1 padding 1 [1, 28, 28] → [16, 28, 28]", "maxpool2d 2×2 [16, 28, 28] → [16, 14, 14]".</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        string Image(IReadOnlyList<int>? shape) => shape is null ? "" : "[" + string.Join(", ", shape) + "]";
        return Kind switch
        {
            LayerKind.Conv2d => string.Create(c, $"conv2d {Kernel}×{Kernel} stride {Stride} padding {Padding} {Image(InputShape)} → {Image(OutputShape)}"),
            LayerKind.MaxPool2d => string.Create(c, $"maxpool2d {Kernel}×{Kernel} {Image(InputShape)} → {Image(OutputShape)}"),
            LayerKind.AvgPool2d => string.Create(c, $"avgpool2d {Kernel}×{Kernel} {Image(InputShape)} → {Image(OutputShape)}"),
            LayerKind.Lstm => string.Create(c, $"lstm {InputSize} → {OutputSize} (LSTM cell, per step)"),
            _ => string.Create(c, $"dense {InputSize} → {OutputSize}"),
        };
    }
}

/// <summary>A parameter tensor's PyTorch name, shape and place in <c>Parameters</c>.</summary>
public sealed record ParameterTensorInfo(string Name, IReadOnlyList<int> Shape, int Offset, int Length);
