using System.Collections.Generic;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Symbolic.Symmetry;

/// <summary>
/// The symmetries of a convolution's output channels (docs/ARCHITECTURE.md, "Symmetries of convolutions"): the
/// channels are the units, V = W_i read as [k, C·K²] (one row per output channel) with b, and U = the weight of the
/// next layer with parameters, whose columns come in groups of r per channel — r = K′² when it is a K′×K′
/// convolution (columns c·K′² … of input channel c), r = H·W when it is a dense layer reading the flattened
/// [k, H, W] image. Pooling layers may sit between the two.
/// <list type="bullet">
/// <item>S2, per-channel positive scaling, when σ is positively homogeneous: σ(d·z) = d·σ(z) for d &gt; 0, and both
/// max and average pooling commute with it (max(d·x) = d·max(x), mean(d·x) = d·mean(x)).</item>
/// <item>S1, GL(k) on channels, when σ is the identity and no max pooling sits between: the channel mix g·Y of the
/// convolution's output is undone by U·(g⁻¹ ⊗ I_r); average pooling, the next convolution's zero padding and the
/// flattening act on every channel alike, so they commute with it. Max pooling does not (max(g·x) ≠ g·max(x)), so
/// an identity convolution before max pooling gets S2.</item>
/// </list>
/// The data-dependent groups S3 and S4 are derived for dense layers only.
/// </summary>
internal static class ChannelSymmetries
{
    public static IEnumerable<DerivedSymmetry> Derive(IReadOnlyList<DerivedLayer> layers, int i, int offset, List<DerivationFinding> leftOut)
    {
        var layer = layers[i];
        var nextIndex = SymmetryDerivation.NextParameterLayer(layers, i);
        var next = layers[nextIndex];
        var weight = layer.Weight!;
        var nextWeight = next.Weight!;
        var throughMax = false;
        var pools = new List<string>();
        for (var j = i + 1; j < nextIndex; j++)
        {
            throughMax |= layers[j].Kind == LayerKind.MaxPool2d;
            pools.Add(layers[j].Kind == LayerKind.MaxPool2d ? "max" : "average");
        }

        var k = layer.Units;
        var d = weight.Columns;
        var m = nextWeight.Rows;
        var r = nextWeight.Columns / k;
        var bias = layer.Bias is not null;
        var p = layer.Properties;
        var where = Where(layer, next, k, d, m, r);
        var group = $"I_{r}";

        // GL(k) on channels past the Lie-algebra span's length falls back to per-channel scaling, which the identity has too.
        if (p.IsIdentity && !throughMax && !SymmetryDerivation.TooLarge(layer, $"GL({k}) on channels", SymmetryKind.GeneralLinear, (long)k * k, offset, leftOut))
        {
            var through = pools.Count == 0 ? "" : "; average pooling is linear and acts on every channel alike";
            yield return new DerivedSymmetry(SymmetryKind.GeneralLinear, i, nextIndex, k, d, m, bias, k * k, offset, DerivedSymmetry.AnyBatch,
                $"GL({k}) on channels", $"exact for any data (σ is the identity{through})",
                $"V → g·V{(bias ? ", b → g·b" : "")}, U → U·(g⁻¹ ⊗ {group}); {where}",
                $"∂f/∂T = G_V·Vᵀ{(bias ? " + G_b·bᵀ" : "")} − Σ_{{s<{r}}} U_sᵀ·G_U,s, where U_s [{m}×{k}] holds the columns j·{r} + s of U",
                r);
            yield break;
        }

        if (p.IsPositivelyHomogeneous && !SymmetryDerivation.TooLarge(layer, $"(ℝ>0)^{k} diagonal, per output channel", SymmetryKind.Diagonal, k, offset, leftOut))
        {
            var through = pools.Count == 0 ? "" : pools.Contains("max") ? "; max pooling commutes with it" : "; average pooling commutes with it";
            yield return new DerivedSymmetry(SymmetryKind.Diagonal, i, nextIndex, k, d, m, bias, k, offset, DerivedSymmetry.AnyBatch,
                $"(ℝ>0)^{k} diagonal, per output channel", $"exact for any data (σ(a·x) = a·σ(x) for a > 0{through})",
                $"V → D·V{(bias ? ", b → D·b" : "")}, U → U·(D⁻¹ ⊗ {group}), D = diag(d) with d > 0; {where}",
                $"∂f/∂t_j = Σ_l G_V[j,l]·V[j,l]{(bias ? " + G_b[j]·b[j]" : "")} − Σ_i Σ_{{s<{r}}} U[i,{r}j+s]·G_U[i,{r}j+s]",
                r);
        }
    }

    /// <summary>Which tensors V and U are, for the action's text.</summary>
    private static string Where(DerivedLayer layer, DerivedLayer next, int k, int d, int m, int r)
    {
        var v = $"V = {layer.Tensors[0].Name} read as [{k}, {d}], one row per output channel";
        var u = next.Kind == LayerKind.Conv2d
            ? $"U = {next.Tensors[0].Name} read as [{m}, {k}·{r}], input channel j owning the {r} columns j·{r} … j·{r} + {r - 1}"
            : $"U = {next.Tensors[0].Name} [{m}, {k}·{r}] on the flattened image, channel j owning its {r} positions j·{r} … j·{r} + {r - 1}";
        return v + "; " + u;
    }
}
