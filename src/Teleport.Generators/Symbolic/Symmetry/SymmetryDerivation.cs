using System.Collections.Generic;
using System.Globalization;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Symmetry;

/// <summary>
/// Decides, from each hidden layer's derived activation properties, which symmetry groups act on
/// it (docs/ARCHITECTURE.md's table): identity → S1; positively homogeneous → S2; strictly increasing with an
/// inverse → S3; an inverse → S4. The last layer has no successor, so no symmetry. Convolutions get the channel
/// symmetries of <see cref="ChannelSymmetries"/>; pooling layers have no parameters and no symmetry of their own.
/// </summary>
internal static class SymmetryDerivation
{
    /// <summary>The first layer after <paramref name="layer"/> with parameters (skipping poolings), or −1.</summary>
    public static int NextParameterLayer(IReadOnlyList<DerivedLayer> layers, int layer)
    {
        for (var j = layer + 1; j < layers.Count; j++)
            if (layers[j].HasParameters) return j;
        return -1;
    }

    /// <summary>
    /// The most generators all symmetries together may have: the Lie-algebra vectors (T, ∂f/∂T, the group element's
    /// generators) are single spans, so the total is an array length, and each symmetry's offset into them an int. A
    /// hidden layer of width k has k² generators for GL(k): 46 341 units made LieAlgebraDimension −2147479015.
    /// </summary>
    public const long MaxDimension = 0x7FFFFFC7;

    public static EquatableArray<DerivedSymmetry> Derive(IReadOnlyList<DerivedLayer> layers) => Derive(layers, new List<DerivationFinding>());

    /// <summary>
    /// As <see cref="Derive(IReadOnlyList{DerivedLayer})"/>; a group past <see cref="MaxDimension"/> (with those before
    /// it) is left out and said in <paramref name="leftOut"/> (TP0028); an identity σ then gets the diagonal group S2,
    /// which holds for it too.
    /// </summary>
    public static EquatableArray<DerivedSymmetry> Derive(IReadOnlyList<DerivedLayer> layers, List<DerivationFinding> leftOut)
    {
        var result = new List<DerivedSymmetry>();
        var offset = 0;
        for (var i = 0; i + 1 < layers.Count; i++)
        {
            var layer = layers[i];
            if (!layer.HasParameters || NextParameterLayer(layers, i) < 0) continue;
            if (layer.Kind == LayerKind.Conv2d)
            {
                // A convolution's units are its output channels (Symmetry/ChannelSymmetries).
                foreach (var channel in ChannelSymmetries.Derive(layers, i, offset, leftOut))
                {
                    result.Add(channel);
                    offset += channel.Dimension;
                }
                continue;
            }
            var p = layer.Properties;
            var k = layer.Units;
            var d = layer.InputSize;
            var m = layers[i + 1].Units;
            var bias = layer.Bias is not null;
            bool Add(SymmetryKind kind, long dimension, int exactBatchLimit, string group, string condition, string action, string adjoint)
            {
                if (TooLarge(layer, group, kind, dimension, offset, leftOut)) return false;
                result.Add(new DerivedSymmetry(kind, i, i + 1, k, d, m, bias, (int)dimension, offset, exactBatchLimit, group, condition, action, adjoint));
                offset += (int)dimension;
                return true;
            }

            // The texts name only the tensors the layer has (no b without a bias).
            var gb = bias ? " + G_b·bᵀ" : "";
            var vb = bias ? "[V b]" : "V";
            var h1 = bias ? "[h;1ᵀ]" : "h";
            var scaleB = bias ? ", b → g·b" : "";
            if (p.IsIdentity && Add(SymmetryKind.GeneralLinear, (long)k * k, DerivedSymmetry.AnyBatch, $"GL({k})", "exact for any data (σ is the identity)",
                    $"V → g·V{scaleB}, U → U·g⁻¹",
                    $"∂f/∂T = G_V·Vᵀ{gb} − Uᵀ·G_U"))
                continue;
            if (p.IsPositivelyHomogeneous)
                Add(SymmetryKind.Diagonal, k, DerivedSymmetry.AnyBatch, $"(ℝ>0)^{k} diagonal", "exact for any data (σ(a·x) = a·σ(x) for a > 0)",
                    $"V → D·V{(bias ? ", b → D·b" : "")}, U → U·D⁻¹, D = diag(d) with d > 0",
                    $"∂f/∂t_j = Σ_l G_V[j,l]·V[j,l]{(bias ? " + G_b[j]·b[j]" : "")} − Σ_i U[i,j]·G_U[i,j]");
            // An identity σ whose GL(k) was too large has S2 instead; S3 and S4 (GL(k) too) are S1's cases for it.
            if (p.IsIdentity) continue;
            if (p.IsStrictlyIncreasing && p.Inverse is not null)
            {
                var rows = bias ? d + 1 : d;
                // exact while [h;1ᵀ] [n×(d+1)] can have full row rank: n ≤ d + 1 (n ≤ d without bias)
                Add(SymmetryKind.DataDependent, (long)k * k, rows, $"GL({k}), data-dependent",
                    p.Range.IsReal
                        ? $"exact on the teleport batch when batch ≤ {rows} ({h1} has full column rank)"
                        : $"exact on the teleport batch when batch ≤ {rows} ({h1} has full column rank) and g·σ(Z) stays in σ's range {p.Range} (the teleporter's steps hold each unit back to stay in it)",
                    $"U → U·g⁻¹; {vb} ← σ⁻¹(g·σ(Z))·{h1}⁺, σ⁻¹(y) = {MathText.Format(p.Inverse)}",
                    $"∂f/∂T = [(G_{vb}·({h1}⁺)ᵀ) ⊘ σ′(Z)]·σ(Z)ᵀ − Uᵀ·G_U");
            }
            if (p.Inverse is not null)
                // exact while σ(gZ) [k×n] can have full column rank: n ≤ k
                Add(SymmetryKind.LeastSquares, (long)k * k, k, $"GL({k}), data-dependent (least squares)",
                    $"exact only when batch ≤ {k} (σ(gZ) has full column rank); otherwise approximate: the loss drift is measured and bounded by the teleporter's guard",
                    $"V → g·V{scaleB}, U → U·σ(Z)·σ(gZ)⁺",
                    $"∂f/∂T = G_V·Vᵀ{gb} − [(Uᵀ·G_U·(A⁺)ᵀ) ⊙ σ′(Z)]·Zᵀ, A = σ(Z)");
        }
        return result.ToEquatableArray();
    }

    /// <summary>
    /// Whether <paramref name="group"/>'s <paramref name="dimension"/> generators, after the <paramref name="offset"/>
    /// before them, pass <see cref="MaxDimension"/>; if so it is said in <paramref name="leftOut"/>.
    /// </summary>
    internal static bool TooLarge(DerivedLayer layer, string group, SymmetryKind kind, long dimension, int offset, List<DerivationFinding> leftOut)
    {
        if (offset + dimension <= MaxDimension) return false;
        var id = kind switch
        {
            SymmetryKind.GeneralLinear => "S1",
            SymmetryKind.Diagonal => "S2",
            SymmetryKind.DataDependent => "S3",
            _ => "S4",
        };
        var before = offset > 0 ? $" after the {offset.ToString(CultureInfo.InvariantCulture)} of the symmetries before it" : "";
        var instead = kind == SymmetryKind.GeneralLinear && layer.Properties.IsPositivelyHomogeneous ? "; it gets the diagonal group S2 instead" : "";
        leftOut.Add(new DerivationFinding(DerivationFindingKind.SymmetryTooLarge, layer.Index, layer.ActivationText.Length == 0 ? "identity" : layer.ActivationText,
            $"{id}, {group}: its {dimension.ToString(CultureInfo.InvariantCulture)} generators{before} are more than the "
            + $"{MaxDimension.ToString(CultureInfo.InvariantCulture)} one Lie-algebra span can hold, so teleportation does not use it{instead}"));
        return true;
    }
}
