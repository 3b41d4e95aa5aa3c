using System.Collections.Generic;
using System.Globalization;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network.Layers;

/// <summary>
/// The [Conv2d] layer kind: its parameters (PyTorch nn.Conv2d: weight [out, in, k, k] row-major — the IR reads it as
/// the matrix W [out, in·k²] — then bias [out], both ~ U(−1/√fan_in, 1/√fan_in) with fan_in = in·k², which is what
/// PyTorch's kaiming_uniform_(a = √5) draws) and its lowering into the tensor IR: M = H ⋆ W (the Convolution op),
/// Z = M + b per channel (BroadcastAdd repeated over the H′·W′ positions), H′ = σ(Z). Only the forward pass is
/// written here: gradient and HVP are derived from these statements by the differentiation modes.
/// </summary>
internal static class Conv2dLayer
{
    /// <summary>The derived layer for <paramref name="spec"/>, its tensors starting at <paramref name="offset"/> (advanced past them).</summary>
    public static DerivedLayer Derive(Conv2dLayerSpec spec, ActivationAnalyses analyses, ref int offset)
    {
        var properties = analyses.Of(spec.Activation);
        var i = spec.Index;
        var geometry = Geometry(spec);
        var fanIn = geometry.WeightColumns;
        var bound = 1.0 / System.Math.Sqrt(fanIn);
        var boundText = "1/√" + fanIn.ToString(CultureInfo.InvariantCulture);
        var weight = new Tensor($"w{i}", $"W{i}", spec.OutChannels, fanIn, TensorStorage.Parameters, offset);
        offset += spec.OutChannels * fanIn;
        var tensors = new List<ParameterTensor>
        {
            new(ParameterNames.Of(LayerKind.Conv2d, i, "weight"), weight,
                new[] { spec.OutChannels, spec.Input.Channels, spec.Kernel, spec.Kernel }.ToEquatableArray(), bound, boundText),
        };
        Tensor? bias = null;
        if (spec.HasBias)
        {
            bias = new Tensor($"b{i}", $"b{i}", 1, spec.OutChannels, TensorStorage.Parameters, offset);
            offset += spec.OutChannels;
            tensors.Add(new(ParameterNames.Of(LayerKind.Conv2d, i, "bias"), bias, new[] { spec.OutChannels }.ToEquatableArray(), bound, boundText));
        }
        return new DerivedLayer(LayerKind.Conv2d, i, spec.InputSize, spec.OutChannels, spec.ActivationText, OperatorNames.Of(spec.ActivationText, i),
            properties.Activation, properties, weight, bias, tensors.ToEquatableArray(), spec);
    }

    /// <summary>The op geometry of a [Conv2d] spec.</summary>
    public static ConvolutionGeometry Geometry(Conv2dLayerSpec spec) =>
        new(spec.Input.Channels, spec.Input.Height, spec.Input.Width, spec.OutChannels, spec.Kernel, spec.Stride, spec.Padding);

    /// <summary>
    /// Appends M = H ⋆ W, Z = M + b per channel (Z = M without a bias) and H′ = σ(Z) (H′ aliases Z for an identity σ)
    /// to <paramref name="statements"/>. The last layer writes its output to <paramref name="outputStorage"/>.
    /// </summary>
    public static LayerTensors Lower(DerivedLayer layer, Tensor input, bool last, TensorStorage outputStorage, List<Statement> statements)
    {
        var spec = (Conv2dLayerSpec)layer.Spec;
        var geometry = Geometry(spec);
        var i = layer.Index;
        var outputTensor = last && layer.IsIdentity;
        Tensor Make(string name, string display, bool isOutput) =>
            new(name, display, Tensor.Batch, geometry.OutputSize, isOutput ? outputStorage : TensorStorage.Workspace);

        Tensor z;
        if (layer.Bias is null)
        {
            z = Make($"z{i}", $"Z{i}", outputTensor);
            statements.Add(new Convolution(z, input, layer.Weight!, ConvolutionKind.Forward, geometry));
        }
        else
        {
            var m = Make($"m{i}", $"M{i}", isOutput: false);
            z = Make($"z{i}", $"Z{i}", outputTensor);
            statements.Add(new Convolution(m, input, layer.Weight!, ConvolutionKind.Forward, geometry));
            statements.Add(new BroadcastAdd(z, m, layer.Bias, geometry.OutHeight * geometry.OutWidth));
        }

        if (layer.IsIdentity) return new LayerTensors(input, z, z);
        var activated = Make($"h{i}", $"H{i}", last);
        statements.Add(Map.Create(activated, layer.Activation.Substitute("x", Expr.Var(Map.Variable(0))), new[] { z }, layer.OperatorName, layer.Index));
        return new LayerTensors(input, z, activated);
    }
}
