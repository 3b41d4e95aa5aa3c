using System.Collections.Generic;
using System.Globalization;

namespace Teleport;

/// <summary>
/// Whether two models describe one network — a float model and the double-precision twin that judges or measures it:
/// the same sizes, loss, layers (kind, sizes, window, bias, activation) and parameter tensors (name, shape, place). The
/// parameter count alone let a twin of another network with as many parameters through, and its losses were reported as
/// the model's. Once per twin, O(layers + tensors).
/// </summary>
internal static class NetworkMatch
{
    /// <summary>The first way <paramref name="twin"/> differs from <paramref name="network"/>, or null when they describe one network.</summary>
    public static string? Difference(NetworkInfo network, NetworkInfo twin)
    {
        if (ReferenceEquals(network, twin)) return null;
        var c = CultureInfo.InvariantCulture;
        if (twin.InputSize != network.InputSize) return string.Create(c, $"{twin.InputSize} inputs, not {network.InputSize}");
        if (twin.OutputSize != network.OutputSize) return string.Create(c, $"{twin.OutputSize} outputs, not {network.OutputSize}");
        if (twin.Loss != network.Loss) return $"the loss {twin.Loss}, not {network.Loss}";
        if (twin.Layers.Count != network.Layers.Count) return string.Create(c, $"{twin.Layers.Count} layers, not {network.Layers.Count}");
        for (var i = 0; i < network.Layers.Count; i++)
        {
            LayerInfo a = network.Layers[i], b = twin.Layers[i];
            if (b.Describe() != a.Describe() || b.HasBias != a.HasBias || b.Activation != a.Activation)
                return string.Create(c, $"layer {i} {Layer(b)}, not {Layer(a)}");
        }
        if (twin.Tensors.Count != network.Tensors.Count) return string.Create(c, $"{twin.Tensors.Count} parameter tensors, not {network.Tensors.Count}");
        for (var i = 0; i < network.Tensors.Count; i++)
        {
            ParameterTensorInfo a = network.Tensors[i], b = twin.Tensors[i];
            if (b.Name != a.Name || b.Offset != a.Offset || b.Length != a.Length || !SameShape(a.Shape, b.Shape))
                return string.Create(c, $"tensor {i} \"{b.Name}\" [{string.Join(", ", b.Shape)}] at {b.Offset}, not \"{a.Name}\" [{string.Join(", ", a.Shape)}] at {a.Offset}");
        }
        return null;
    }

    private static string Layer(LayerInfo layer) =>
        $"{layer.Describe()}{(layer.HasBias ? "" : " without bias")}{(layer.Activation.Length == 0 ? "" : $", σ = {layer.Activation}")}";

    private static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (a[i] != b[i]) return false;
        return true;
    }
}
