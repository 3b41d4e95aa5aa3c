using System.Collections.Generic;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network.Layers;

/// <summary>
/// The [Dense] layer kind: its parameters (PyTorch nn.Linear: weight [Units, InputSize] row-major, then bias
/// [Units], both ~ U(−1/√fan_in, 1/√fan_in)) and its lowering into the tensor IR, M = H·Wᵀ, Z = M + 1·bᵀ,
/// H′ = σ(Z). Only the forward pass is written here: gradient, HVP and every higher-order program are derived
/// from these statements by the differentiation modes.
/// </summary>
internal static class DenseLayer
{
    /// <summary>The derived layer for <paramref name="spec"/>, its tensors starting at <paramref name="offset"/> (advanced past them); σ analysed once per derivation (<paramref name="analyses"/>).</summary>
    public static DerivedLayer Derive(DenseLayerSpec spec, ActivationAnalyses analyses, ref int offset)
    {
        // The one analysis of σ: simplified, σ′, σ″, σ⁻¹, range and the properties that decide the symmetries.
        var properties = analyses.Of(spec.Activation);
        var i = spec.Index;
        var bound = 1.0 / System.Math.Sqrt(spec.InputSize);
        var boundText = "1/√" + spec.InputSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var weight = new Tensor($"w{i}", $"W{i}", spec.Units, spec.InputSize, TensorStorage.Parameters, offset);
        offset += spec.Units * spec.InputSize;
        var tensors = new List<ParameterTensor>
        {
            new(ParameterNames.Of(LayerKind.Dense, i, "weight"), weight, new[] { spec.Units, spec.InputSize }.ToEquatableArray(), bound, boundText),
        };
        Tensor? bias = null;
        if (spec.HasBias)
        {
            bias = new Tensor($"b{i}", $"b{i}", 1, spec.Units, TensorStorage.Parameters, offset);
            offset += spec.Units;
            tensors.Add(new(ParameterNames.Of(LayerKind.Dense, i, "bias"), bias, new[] { spec.Units }.ToEquatableArray(), bound, boundText));
        }
        return new DerivedLayer(LayerKind.Dense, i, spec.InputSize, spec.Units, spec.ActivationText, OperatorNames.Of(spec.ActivationText, i),
            properties.Activation, properties, weight, bias, tensors.ToEquatableArray(), spec);
    }

    /// <summary>
    /// Appends M = H·Wᵀ, Z = M + 1·bᵀ (Z = M without a bias) and H′ = σ(Z) (H′ aliases Z for an identity σ) to
    /// <paramref name="statements"/>. The last layer writes its output to <paramref name="outputStorage"/>. On a per-step input (a
    /// head after a recurrent layer, lowered into the loop's body) every tensor is per-step: the layer applies at every step.
    /// </summary>
    public static LayerTensors Lower(DerivedLayer layer, Tensor input, bool last, TensorStorage outputStorage, List<Statement> statements)
    {
        var i = layer.Index;
        var outputTensor = last && layer.IsIdentity;
        Tensor Make(string name, string display, bool isOutput) =>
            new(name, display, Tensor.Batch, layer.Units, isOutput ? outputStorage : TensorStorage.Workspace, PerStep: input.PerStep);

        Tensor z;
        if (layer.Bias is null)
        {
            z = Make($"z{i}", $"Z{i}", outputTensor);
            statements.Add(new MatMul(z, input, layer.Weight!, MatMulKind.NT));
        }
        else
        {
            var m = Make($"m{i}", $"M{i}", isOutput: false);
            z = Make($"z{i}", $"Z{i}", outputTensor);
            statements.Add(new MatMul(m, input, layer.Weight!, MatMulKind.NT));
            statements.Add(new BroadcastAdd(z, m, layer.Bias));
        }

        if (layer.IsIdentity) return new LayerTensors(input, z, z);
        var activated = Make($"h{i}", $"H{i}", last);
        statements.Add(Map.Create(activated, layer.Activation.Substitute("x", Expr.Var(Map.Variable(0))), new[] { z }, layer.OperatorName, layer.Index));
        return new LayerTensors(input, z, activated);
    }
}
