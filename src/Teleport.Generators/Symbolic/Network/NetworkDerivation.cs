using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Derives the training math of a dense network: builds the forward program from the spec, takes
/// reverse mode of it for ∂L/∂θ, and forward mode (the R-operator) of forward+backward for H·v.
/// Each entry point's program is then sliced to what it needs.
/// </summary>
internal static class NetworkDerivation
{
    public static DerivedNetwork Derive(NetworkSpec spec, CancellationToken cancellationToken = default)
    {
        var layers = DeriveLayers(spec);
        var parameters = layers.SelectMany(l => l.Bias is null ? new[] { l.Weight } : new[] { l.Weight, l.Bias }).ToList();
        var inputs = new Tensor("x", "X", Tensor.Batch, spec.Inputs, TensorStorage.Inputs);
        cancellationToken.ThrowIfCancellationRequested();

        // Predict: the forward pass writing the caller's outputs.
        var predictForward = ForwardBuilder.Build(layers, inputs, TensorStorage.Outputs);
        var predict = ProgramSlicer.Slice(predictForward.Statements, new[] { predictForward.Output }, keepLoss: false);

        // Loss: forward + loss; no probabilities kept.
        var forward = ForwardBuilder.Build(layers, inputs, TensorStorage.Workspace);
        var lossOnly = forward.Statements.Append(ForwardBuilder.LossStatement(spec, forward.Output, keepProbabilities: false)).ToList();
        var loss = ProgramSlicer.Slice(lossOnly, System.Array.Empty<Tensor>(), keepLoss: true);

        // Gradient: reverse mode from L with δL = 1.
        var lossStatement = ForwardBuilder.LossStatement(spec, forward.Output, keepProbabilities: true);
        var primal = forward.Statements.Append(lossStatement).ToList();
        var backward = ReverseMode.Differentiate(primal, parameters);
        var gradients = parameters.Select(p => backward.Gradients[p]).ToList();
        var withGradient = primal.Concat(backward.Statements).ToList();
        var lossAndGradient = ProgramSlicer.Slice(withGradient, gradients, keepLoss: true);
        cancellationToken.ThrowIfCancellationRequested();

        // Hessian-vector product: forward mode over forward + backward, seeded with R{θ} = v.
        var tangent = ForwardMode.Differentiate(withGradient, parameters);
        var hv = gradients.Select(g => tangent.Tangents[g]).ToList();
        var hessianVector = ProgramSlicer.Slice(withGradient.Concat(tangent.Statements).ToList(), hv, keepLoss: false);

        return new DerivedNetwork(spec, layers.ToEquatableArray(), parameters.ToEquatableArray(), predict, loss, lossAndGradient, hessianVector);
    }

    private static List<DerivedLayer> DeriveLayers(NetworkSpec spec)
    {
        var layers = new List<DerivedLayer>();
        var offset = 0;
        foreach (var layer in spec.Layers)
        {
            var sigma = ActivationParsing.ParseOrIdentity(layer.ActivationText);
            var properties = ActivationAnalysis.Analyze(sigma);
            var weight = new Tensor($"w{layer.Index}", $"W{layer.Index}", layer.Units, layer.InputSize, TensorStorage.Parameters, offset);
            offset += layer.Units * layer.InputSize;
            Tensor? bias = null;
            if (layer.HasBias)
            {
                bias = new Tensor($"b{layer.Index}", $"b{layer.Index}", 1, layer.Units, TensorStorage.Parameters, offset);
                offset += layer.Units;
            }
            layers.Add(new DerivedLayer(layer.Index, layer.InputSize, layer.Units, layer.ActivationText, sigma, properties, weight, bias));
        }
        return layers;
    }
}
