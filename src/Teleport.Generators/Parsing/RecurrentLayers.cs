using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Teleport.Generators.Diagnostics;
using Teleport.Generators.Model;

namespace Teleport.Generators.Parsing;

/// <summary>
/// The parser's rules for recurrent layers ([Lstm]): a positive hidden size (TP0004), recurrent layers before every
/// dense layer (TP0040: the dense heads apply at every step to the last cell's output), and a dense head on
/// cross-entropy logits (TP0041: an LSTM's output lies in (−1, 1)), and no image layer in a recurrent network (TP0042).
/// </summary>
internal static class RecurrentLayers
{
    /// <summary>The spec of an [Lstm] attribute at position <paramref name="index"/>, or null with its diagnostics.</summary>
    public static LstmLayerSpec? Parse(LstmAttributeData lstm, int index, int fanIn, string network, IReadOnlyList<LayerAttributeData> attributes, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;
        if (lstm.Hidden <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NonPositiveSize, lstm.Location, $"Layer {Str(index)} hidden size", network, Str(lstm.Hidden)));
            ok = false;
        }
        for (var earlier = 0; earlier < index; earlier++)
        {
            if (attributes[earlier] is not DenseAttributeData) continue;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecurrentAfterDense, lstm.Location, Str(index), network, Str(earlier)));
            ok = false;
            break;
        }
        return ok ? new LstmLayerSpec(index, fanIn, lstm.Hidden, lstm.Bias) : null;
    }

    /// <summary>Parameters of a cell: W_ih [4H, in], W_hh [4H, H] and, with biases, b_ih and b_hh [4H].</summary>
    public static BigInteger ParameterCount(int fanIn, int hidden, bool bias)
    {
        // Exact: 4·H·H of an [Lstm(2000000000)] wraps a long (it gave a negative ParameterCount).
        BigInteger h = System.Math.Max(hidden, 0);
        return 4 * h * System.Math.Max(fanIn, 0) + 4 * h * h + (bias ? 8 * h : 0);
    }

    /// <summary>
    /// Whole-network rules: cross-entropy on an LSTM's outputs (bounded in (−1, 1)) is TP0041; an [Lstm] and an image
    /// layer ([Conv2d], [MaxPool2d], [AvgPool2d]) in one network is TP0042 (the recurrent lowering has no image layers,
    /// the image lowering no cells), reported once, at the first layer that makes the combination.
    /// </summary>
    public static void CheckNetwork(IReadOnlyList<LayerAttributeData> attributes, NetworkLoss loss, string network, List<DiagnosticInfo> diagnostics)
    {
        int firstLstm = -1, firstImage = -1;
        for (var i = 0; i < attributes.Count; i++)
        {
            if (attributes[i] is LstmAttributeData && firstLstm < 0) firstLstm = i;
            else if (attributes[i] is Conv2dAttributeData or PoolAttributeData && firstImage < 0) firstImage = i;
            else continue;
            if (firstLstm < 0 || firstImage < 0) continue;
            var other = System.Math.Min(firstLstm, firstImage);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecurrentWithImageLayers, attributes[i].Location,
                Str(i), network, Kind(attributes[i]), Str(other), Kind(attributes[other])));
            break;
        }
        if (loss == NetworkLoss.SoftmaxCrossEntropy && attributes.Count > 0 && attributes[attributes.Count - 1] is LstmAttributeData last)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecurrentLogits, last.Location, network, Str(attributes.Count - 1)));
    }

    /// <summary>The member names the generator adds to this network (TP0013 when the user declares one).</summary>
    public static IEnumerable<string> ReservedMembers(IReadOnlyList<LayerAttributeData> attributes) =>
        attributes.Any(a => a is LstmAttributeData)
            ? AttributeNames.GeneratedMembers.Concat(AttributeNames.RecurrentMembers)
            : AttributeNames.GeneratedMembers;

    /// <summary>"an [Lstm]", "a [Conv2d]", … for messages.</summary>
    private static string Kind(LayerAttributeData attribute) => attribute switch
    {
        LstmAttributeData => "an [Lstm]",
        Conv2dAttributeData => "a [Conv2d]",
        PoolAttributeData { IsMax: true } => "a [MaxPool2d]",
        PoolAttributeData => "an [AvgPool2d]",
        _ => "a [Dense]",
    };

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
