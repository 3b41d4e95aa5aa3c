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
/// reverse mode of it for ∂L/∂θ, forward mode (the R-operator) of forward+backward for H·v, and forward
/// mode of that again along the same v for D³L[v, v, ·].
/// Each entry point's program is then sliced to what it needs. The teleport objective
/// F = ‖∇L‖² reuses the same derivation: ∂F/∂θ = 2·H·∇L is the R-operator seeded with v = ∇L.
/// </summary>
internal static partial class NetworkDerivation
{
    /// <summary>The derived network; throws on a spec <see cref="TryDerive"/> refuses (tests and tools call this).</summary>
    public static DerivedNetwork Derive(NetworkSpec spec, CancellationToken cancellationToken = default) =>
        Derive(spec, DeriveLayers(spec), cancellationToken);

    private static DerivedNetwork Derive(NetworkSpec spec, List<DerivedLayer> layers, CancellationToken cancellationToken)
    {
        if (spec.IsRecurrent) return RecurrentDerivation.Derive(spec, layers, cancellationToken);
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
        cancellationToken.ThrowIfCancellationRequested();

        // Third order: forward mode again over the H·v program with the same seed (R{v} = 0) gives
        // RR{∇L} = D³L[v, v, ·] = ∂(vᵀHv)/∂θ; the member also returns L and H·v.
        var second = ForwardMode.DifferentiateAgain(tangent);
        var thirdStatements = all.Concat(second.Statements).ToList();
        var third = hv.Select(h => second.Tangents.TryGetValue(h, out var t) ? t : ForwardMode.ZeroTangent(h, thirdStatements)).ToList();
        var thirdOrder = ProgramSlicer.Slice(thirdStatements, hv.Concat(third), keepLoss: true);

        // Teleport objective: ∇L and H·∇L in one pass (the emitter binds v to the gradient span),
        // and its rewrite for a session on one batch (the input Gram replaces the d-wide products).
        var objective = ProgramSlicer.Slice(all, gradients.Concat(hv), keepLoss: true);
        var session = SessionObjective.Rewrite(objective.Statements.ToList(), gradients, hv);

        var leftOut = new List<DerivationFinding>();
        var symmetries = SymmetryDerivation.Derive(layers, leftOut);
        return new DerivedNetwork(spec, layers.ToEquatableArray(), parameters.ToEquatableArray(), predict, loss, lossAndGradient,
            hessianVector, thirdOrder, objective, session, activations, forward.Layers.ToEquatableArray(), symmetries, KernelOperators(layers, symmetries),
            Findings(spec, layers, symmetries, leftOut));
    }

    /// <summary>Hidden layers (with parameters and a parameter layer after them) left without a symmetry, and an activation on cross-entropy logits.</summary>
    private static EquatableArray<DerivationFinding> Findings(NetworkSpec spec, List<DerivedLayer> layers, EquatableArray<DerivedSymmetry> symmetries, List<DerivationFinding> leftOut)
    {
        // A group left out for its size (TP0028) says why the layer has no symmetry; TP0014's reasons are about σ.
        var findings = new List<DerivationFinding>(leftOut);
        for (var i = 0; i + 1 < layers.Count; i++)
            if (layers[i].HasParameters && SymmetryDerivation.NextParameterLayer(layers, i) >= 0 && !symmetries.Any(s => s.Layer == i) && !leftOut.Any(f => f.Layer == i))
                findings.Add(layers[i].Kind == LayerKind.Conv2d
                    ? new DerivationFinding(DerivationFindingKind.ConvolutionWithoutSymmetry, i, layers[i].ActivationText)
                    : new DerivationFinding(DerivationFindingKind.NoSymmetry, i, layers[i].ActivationText, WhyNoDataDependentGroup(layers[i].Properties)));
        var last = layers[layers.Count - 1];
        if (spec.Loss == NetworkLoss.SoftmaxCrossEntropy && !last.IsIdentity)
            findings.Add(new DerivationFinding(DerivationFindingKind.ActivationOnLogits, last.Index, last.ActivationText));
        return findings.ToEquatableArray();
    }

    /// <summary>
    /// Why S3 and S4 are missing, in what the engine knows: σ proved strictly increasing (so invertible) but no σ⁻¹
    /// derived; σ proved not invertible; or neither (the sweep: x/(1 + |x|), x + x³ and
    /// tanh(x) + x were said not to be invertible, while they are, and only σ⁻¹ was not found).
    /// </summary>
    private static string WhyNoDataDependentGroup(ActivationProperties p)
    {
        const string needed = "which the data-dependent groups S3 and S4 need";
        if (p.IsStrictlyIncreasing)
            return "σ is strictly increasing, so invertible, but no closed form of σ⁻¹ could be derived, " + needed;
        if (ActivationAnalysis.NotInvertibleReason(p, ActivationLanguage.InputVariable) is { } reason)
            return reason;
        // σ′ > 0 on every piece does not make σ increasing across a jump, nor its range one interval (S3's σ⁻¹ needs both).
        if (Continuity.FindJump(p.Activation, ActivationLanguage.InputVariable) is { } jump)
            return jump + ", so it was not proved strictly increasing with an interval for range, which the data-dependent groups S3 and S4 need";
        return "σ was not proved strictly increasing and no σ⁻¹ could be derived, " + needed;
    }

    /// <summary>
    /// σ, σ′ and σ⁻¹ as unary operators for the symmetry kernels, exactly those the layer's symmetries
    /// use: σ and σ′ for S3 and S4, σ⁻¹ for S3; and what their orbit derivatives need (<see cref="OrbitOperators"/>).
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
            foreach (var s in symmetries.Where(s => s.Layer == i && s.IsDataDependent))
                operators.AddRange(OrbitOperators.For(layer, s.Kind));
        }
        return operators.ToEquatableArray();
    }

    /// <summary>Each declared layer derived by its kind, its parameter tensors laid out in declaration order.</summary>
    internal static List<DerivedLayer> DeriveLayers(NetworkSpec spec)
    {
        var layers = new List<DerivedLayer>();
        var offset = 0;
        var analyses = new ActivationAnalyses();
        foreach (var layer in spec.Layers) layers.Add(DeriveLayer(layer, analyses, ref offset));
        return layers;
    }

    /// <summary>One declared layer derived by its kind, its tensors starting at <paramref name="offset"/> (advanced past them).</summary>
    private static DerivedLayer DeriveLayer(LayerSpec layer, ActivationAnalyses analyses, ref int offset) => layer switch
    {
        DenseLayerSpec dense => DenseLayer.Derive(dense, analyses, ref offset),
        Conv2dLayerSpec conv => Conv2dLayer.Derive(conv, analyses, ref offset),
        PoolLayerSpec pool => PoolLayer.Derive(pool, analyses),
        LstmLayerSpec lstm => LstmLayer.Derive(lstm, analyses, ref offset),
        _ => throw new System.ArgumentOutOfRangeException(nameof(layer), layer.Kind, "No derivation for this layer kind."),
    };
}
