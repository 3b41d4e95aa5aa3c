using System.Collections.Generic;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network.Layers;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>The forward program of a network and the tensor holding its output.</summary>
internal sealed record ForwardProgram(List<Statement> Statements, Tensor Output, List<LayerTensors> Layers);

/// <summary>
/// Builds the forward pass (row-major, n = batch) by walking the layers and letting each kind lower itself
/// into primitive statements (Layers/: a dense layer is M_i = H_{i−1}·W_iᵀ, Z_i = M_i + 1·b_iᵀ, H_i = σ_i(Z_i)),
/// with H_{−1} = X. Nothing here or in a lowering is differentiated by hand.
/// </summary>
internal static class ForwardBuilder
{
    public static ForwardProgram Build(IReadOnlyList<DerivedLayer> layers, Tensor inputs, TensorStorage outputStorage)
    {
        if (inputs.PerStep) return RecurrentForward.Build(layers, inputs, outputStorage);
        var statements = new List<Statement>();
        var tensors = new List<LayerTensors>();
        var h = inputs;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var last = i == layers.Count - 1;
            var lowered = layer.Kind switch
            {
                LayerKind.Dense => DenseLayer.Lower(layer, h, last, outputStorage, statements),
                LayerKind.Conv2d => Conv2dLayer.Lower(layer, h, last, outputStorage, statements),
                LayerKind.MaxPool2d or LayerKind.AvgPool2d => PoolLayer.Lower(layer, h, last, outputStorage, statements),
                _ => throw new System.ArgumentOutOfRangeException(nameof(layers), layer.Kind, "No lowering for this layer kind."),
            };
            tensors.Add(lowered);
            h = lowered.Output;
        }
        return new ForwardProgram(statements, h, tensors);
    }

    /// <summary>The loss on the network output: softmax cross-entropy on labels, or MSE on values.</summary>
    public static LossStatement LossStatement(NetworkSpec spec, Tensor output, bool keepProbabilities)
    {
        if (spec.Loss == NetworkLoss.SoftmaxCrossEntropy)
        {
            var labels = new Tensor("labels", "y", Tensor.Batch, 1, TensorStorage.Labels);
            var p = keepProbabilities ? new Tensor("p", "P", Tensor.Batch, output.Columns, TensorStorage.Workspace) : null;
            return new SoftmaxCrossEntropyLoss(p, output, labels);
        }
        var targets = new Tensor("targets", "T", Tensor.Batch, output.Columns, TensorStorage.TargetValues);
        return new MeanSquaredErrorLoss(output, targets);
    }
}
