using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Network.Layers;
using Teleport.Generators.Symbolic.Scalar;
using Teleport.Generators.Symbolic.Symmetry;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Derives the training math of a network: builds the forward program from the spec, takes
/// reverse mode of it for ∂L/∂θ, and forward mode (the R-operator) of forward+backward for H·v.
/// Each entry point's program is then sliced to what it needs. The teleport objective
/// F = ‖∇L‖² reuses the same derivation: ∂F/∂θ = 2·H·∇L is the R-operator seeded with v = ∇L.
/// </summary>
internal static class NetworkDerivation
{
    public static DerivedNetwork Derive(NetworkSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec.IsRecurrent) return RecurrentDerivation.Derive(spec, DeriveLayers(spec), cancellationToken);
        var layers = DeriveLayers(spec);
        var parameters = layers.SelectMany(l => l.Tensors.Select(t => t.Tensor)).ToList();
        var inputs = new Tensor("x", "X", Tensor.Batch, spec.Inputs, TensorStorage.Inputs);
        cancellationToken.ThrowIfCancellationRequested();

        // Predict: the forward pass writing the caller's outputs.
        var predictForward = ForwardBuilder.Build(layers, inputs, TensorStorage.Outputs);
        var predict = ProgramSlicer.Slice(predictForward.Statements, new[] { predictForward.Output }, keepLoss: false);

        // Activations: the forward pass into the workspace (the data-dependent group actions read layer inputs).
        var forward = ForwardBuilder.Build(layers, inputs, TensorStorage.Workspace);
        var activations = ProgramSlicer.Slice(forward.Statements, forward.Layers.Select(l => l.Output), keepLoss: false);

        // Loss: forward + loss; no probabilities kept.
        var lossOnly = forward.Statements.Append(ForwardBuilder.LossStatement(spec, forward.Output, keepProbabilities: false)).ToList();
        var loss = ProgramSlicer.Slice(lossOnly, System.Array.Empty<Tensor>(), keepLoss: true);

        // Gradient: reverse mode from L with δL = 1.
        var primal = forward.Statements.Append(ForwardBuilder.LossStatement(spec, forward.Output, keepProbabilities: true)).ToList();
        var backward = ReverseMode.Differentiate(primal, parameters);
        var gradients = parameters.Select(p => backward.Gradients[p]).ToList();
        var withGradient = primal.Concat(backward.Statements).ToList();
        var lossAndGradient = ProgramSlicer.Slice(withGradient, gradients, keepLoss: true);
        cancellationToken.ThrowIfCancellationRequested();

        // Hessian-vector product: forward mode over forward + backward, seeded with R{θ} = v.
        var tangent = ForwardMode.Differentiate(withGradient, parameters);
        var hv = gradients.Select(g => tangent.Tangents[g]).ToList();
        var all = withGradient.Concat(tangent.Statements).ToList();
        var hessianVector = ProgramSlicer.Slice(all, hv, keepLoss: false);

        // Teleport objective: ∇L and H·∇L in one pass (the emitter binds v to the gradient span),
        // and its rewrite for a session on one batch (the input Gram replaces the d-wide products).
        var objective = ProgramSlicer.Slice(all, gradients.Concat(hv), keepLoss: true);
        var session = SessionObjective.Rewrite(objective.Statements.ToList(), gradients, hv);

        var symmetries = SymmetryDerivation.Derive(layers);
        return new DerivedNetwork(spec, layers.ToEquatableArray(), parameters.ToEquatableArray(), predict, loss, lossAndGradient,
            hessianVector, objective, session, activations, forward.Layers.ToEquatableArray(), symmetries, KernelOperators(layers, symmetries),
            Findings(spec, layers, symmetries));
    }

    /// <summary>Hidden layers left without a symmetry, and an activation on cross-entropy logits.</summary>
    private static EquatableArray<DerivationFinding> Findings(NetworkSpec spec, List<DerivedLayer> layers, EquatableArray<DerivedSymmetry> symmetries)
    {
        var findings = new List<DerivationFinding>();
        for (var i = 0; i + 1 < layers.Count; i++)
            if (!symmetries.Any(s => s.Layer == i))
                findings.Add(new DerivationFinding(DerivationFindingKind.NoSymmetry, i, layers[i].ActivationText));
        var last = layers[layers.Count - 1];
        if (spec.Loss == NetworkLoss.SoftmaxCrossEntropy && !last.IsIdentity)
            findings.Add(new DerivationFinding(DerivationFindingKind.ActivationOnLogits, last.Index, last.ActivationText));
        return findings.ToEquatableArray();
    }

    /// <summary>
    /// σ, σ′ and σ⁻¹ as unary operators for the symmetry kernels, exactly those the layer's symmetries
    /// use: σ and σ′ for S3 and S4, σ⁻¹ for S3.
    /// </summary>
    private static EquatableArray<LayerOperator> KernelOperators(List<DerivedLayer> layers, EquatableArray<DerivedSymmetry> symmetries)
    {
        var operators = new List<LayerOperator>();
        var a0 = Expr.Var(Map.Variable(0));
        foreach (var i in symmetries.Where(s => s.IsDataDependent).Select(s => s.Layer).Distinct())
        {
            var layer = layers[i];
            operators.Add(new LayerOperator(LayerOperatorRole.Activation, i, Simplifier.Simplify(layer.Activation.Substitute("x", a0))));
            operators.Add(new LayerOperator(LayerOperatorRole.Derivative, i, Simplifier.Simplify(layer.Properties.FirstDerivative.Substitute("x", a0))));
            if (symmetries.Any(s => s.Layer == i && s.Kind == SymmetryKind.DataDependent) && layer.Properties.Inverse is { } inverse)
                operators.Add(new LayerOperator(LayerOperatorRole.Inverse, i, Simplifier.Simplify(inverse.Substitute(ActivationAnalysis.InverseVariable, a0))));
        }
        return operators.ToEquatableArray();
    }

    /// <summary>Each declared layer derived by its kind, its parameter tensors laid out in declaration order.</summary>
    internal static List<DerivedLayer> DeriveLayers(NetworkSpec spec)
    {
        var layers = new List<DerivedLayer>();
        var offset = 0;
        foreach (var layer in spec.Layers)
        {
            layers.Add(layer switch
            {
                DenseLayerSpec dense => DenseLayer.Derive(dense, ref offset),
                LstmLayerSpec lstm => LstmLayer.Derive(lstm, ref offset),
                _ => throw new System.ArgumentOutOfRangeException(nameof(spec), layer.Kind, "No derivation for this layer kind."),
            });
        }
        return layers;
    }
}
