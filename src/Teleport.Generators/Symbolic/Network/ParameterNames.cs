using System.Globalization;
using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The PyTorch state_dict names of parameters: the layer kind's prefix, the layer's position among ALL declared
/// layers, then the tensor ("fc0.weight", "fc2.bias"), so that a PyTorch nn.Sequential with the same numbering
/// maps 1:1. The one place names are made: derivation, Info and safetensors all use it.
/// </summary>
internal static class ParameterNames
{
    /// <summary>The prefix of a layer kind's names ("fc" for dense layers, as nn.Linear modules are usually named; "conv" for convolutions).</summary>
    public static string Prefix(LayerKind kind) => kind switch
    {
        LayerKind.Dense => "fc",
        LayerKind.Conv2d => "conv",
        LayerKind.Lstm => "lstm",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "No parameter-name prefix for this layer kind."),
    };

    /// <summary>"fc0.weight": tensor <paramref name="tensor"/> of layer <paramref name="index"/>.</summary>
    public static string Of(LayerKind kind, int index, string tensor) =>
        Prefix(kind) + index.ToString(CultureInfo.InvariantCulture) + "." + tensor;
}
