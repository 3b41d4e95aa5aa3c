using System.Collections.Generic;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>The forward program of a dense network and the tensor holding its output.</summary>
internal sealed record ForwardProgram(List<Statement> Statements, Tensor Output, List<LayerTensors> Layers);

/// <summary>
/// Builds the forward pass (row-major, n = batch): M_i = H_{i−1}·W_iᵀ, Z_i = M_i + 1·b_iᵀ,
/// H_i = σ_i(Z_i), with H_{−1} = X. An identity σ makes H_i an alias of Z_i; no bias makes Z_i = M_i.
/// </summary>
internal static class ForwardBuilder
{
    public static ForwardProgram Build(IReadOnlyList<DerivedLayer> layers, Tensor inputs, TensorStorage outputStorage)
    {
        var statements = new List<Statement>();
        var tensors = new List<LayerTensors>();
        var h = inputs;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var last = i == layers.Count - 1;
            var outputTensor = last && layer.IsIdentity;
            Tensor Make(string name, string display, bool isOutput) =>
                new(name, display, Tensor.Batch, layer.Units, isOutput ? outputStorage : TensorStorage.Workspace);

            Tensor z;
            if (layer.Bias is null)
            {
                z = Make($"z{i}", $"Z{i}", outputTensor);
                statements.Add(new MatMul(z, h, layer.Weight, MatMulKind.NT));
            }
            else
            {
                var m = Make($"m{i}", $"M{i}", isOutput: false);
                z = Make($"z{i}", $"Z{i}", outputTensor);
                statements.Add(new MatMul(m, h, layer.Weight, MatMulKind.NT));
                statements.Add(new BroadcastAdd(z, m, layer.Bias));
            }

            var input = h;
            if (layer.IsIdentity)
            {
                h = z;
            }
            else
            {
                var activated = Make($"h{i}", $"H{i}", last);
                statements.Add(Map.Create(activated, layer.Activation.Substitute("x", Expr.Var(Map.Variable(0))), new[] { z }, layer.OperatorName));
                h = activated;
            }
            tensors.Add(new LayerTensors(input, z, h));
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
