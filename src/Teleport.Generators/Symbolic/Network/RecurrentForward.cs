using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network.Layers;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// The forward pass of a recurrent network: one <see cref="Recurrence"/> whose body is every layer's step, lowered in
/// order — the cells (Layers/LstmLayer) then the dense heads (Layers/DenseLayer, on per-step tensors, so they apply at
/// every step) — after a prologue that sets the initial states. Inputs are per-step: X_t is [n, Inputs]; outside the
/// loop every per-step tensor is the whole sequence, so the loss sees steps·n rows and is the mean over steps and batch.
/// </summary>
internal static class RecurrentForward
{
    /// <summary>The input sequence X [steps, n, Inputs].</summary>
    public static Tensor Inputs(NetworkSpec spec) => new("x", "X", Tensor.Batch, spec.Inputs, TensorStorage.Inputs, PerStep: true);

    public static ForwardProgram Build(IReadOnlyList<DerivedLayer> layers, Tensor inputs, TensorStorage outputStorage)
    {
        var prologue = new List<Statement>();
        var body = new List<Statement>();
        var tensors = new List<LayerTensors>();
        var h = inputs;
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var last = i == layers.Count - 1;
            var lowered = layer.Kind switch
            {
                LayerKind.Lstm => LstmLayer.Lower(layer, h, last, outputStorage, prologue, body),
                LayerKind.Dense => DenseLayer.Lower(layer, h, last, outputStorage, body),
                _ => throw new System.ArgumentOutOfRangeException(nameof(layers), layer.Kind, "No recurrent lowering for this layer kind."),
            };
            tensors.Add(lowered);
            h = lowered.Output;
        }
        var statements = prologue.Append(new Recurrence(RecurrenceDirection.Forward, body.ToEquatableArray())).ToList();
        return new ForwardProgram(statements, h, tensors);
    }

    /// <summary>The loss over the whole sequence: labels [steps, n] (cross-entropy) or targets [steps, n, Outputs] (MSE), mean over steps and batch.</summary>
    public static LossStatement LossStatement(NetworkSpec spec, Tensor output, bool keepProbabilities)
    {
        if (spec.Loss == NetworkLoss.SoftmaxCrossEntropy)
        {
            var labels = new Tensor("labels", "y", Tensor.Batch, 1, TensorStorage.Labels, PerStep: true);
            var p = keepProbabilities ? new Tensor("p", "P", Tensor.Batch, output.Columns, TensorStorage.Workspace, PerStep: true) : null;
            return new SoftmaxCrossEntropyLoss(p, output, labels);
        }
        var targets = new Tensor("targets", "T", Tensor.Batch, output.Columns, TensorStorage.TargetValues, PerStep: true);
        return new MeanSquaredErrorLoss(output, targets);
    }
}
