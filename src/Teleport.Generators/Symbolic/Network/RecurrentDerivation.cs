using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Teleport.Generators.Model;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// Derives the training math of a recurrent network (one with an [Lstm] layer) from its one forward loop
/// (<see cref="RecurrentForward"/>): reverse mode for ∂L/∂θ (the VJP of the loop is backpropagation through time) and
/// the window programs of meta-training (<see cref="RecurrentPrograms"/>). The Hessian-vector product is not derived
/// for recurrent networks yet (its program is empty; forward mode over the reverse loop is future work). LSTM layers
/// admit no teleportation symmetry (a cell's gates mix its units through σ and tanh of different arguments), so a recurrent network has no symmetries and no teleport
/// objective; its Info says so.
/// </summary>
internal static class RecurrentDerivation
{
    public static DerivedNetwork Derive(NetworkSpec spec, List<DerivedLayer> layers, CancellationToken cancellationToken)
    {
        var parameters = layers.SelectMany(l => l.Tensors.Select(t => t.Tensor)).ToList();
        var inputs = RecurrentForward.Inputs(spec);
        cancellationToken.ThrowIfCancellationRequested();

        // Predict: the loop writing the caller's outputs [steps, n, Outputs].
        var predictForward = RecurrentForward.Build(layers, inputs, TensorStorage.Outputs);
        var predict = ProgramSlicer.Slice(predictForward.Statements, new[] { predictForward.Output }, keepLoss: false);

        // Loss over the sequence: the mean over steps and batch.
        var forward = RecurrentForward.Build(layers, inputs, TensorStorage.Workspace);
        var lossOnly = forward.Statements.Append(RecurrentForward.LossStatement(spec, forward.Output, keepProbabilities: false)).ToList();
        var loss = ProgramSlicer.Slice(lossOnly, System.Array.Empty<Tensor>(), keepLoss: true);

        // Gradient: reverse mode from L; the loop's VJP is backpropagation through time.
        var primal = forward.Statements.Append(RecurrentForward.LossStatement(spec, forward.Output, keepProbabilities: true)).ToList();
        var backward = ReverseMode.Differentiate(primal, parameters);
        var gradients = parameters.Select(p => backward.Gradients[p]).ToList();
        var withGradient = primal.Concat(backward.Statements).ToList();
        var lossAndGradient = ProgramSlicer.Slice(withGradient, gradients, keepLoss: true);
        cancellationToken.ThrowIfCancellationRequested();

        var window = Window(layers, parameters, spec);
        var empty = new TensorProgram(EquatableArray<Statement>.Empty);
        return new DerivedNetwork(spec, layers.ToEquatableArray(), parameters.ToEquatableArray(), predict, loss, lossAndGradient,
            empty, empty, empty, null, empty, forward.Layers.ToEquatableArray(), EquatableArray<Symmetry.DerivedSymmetry>.Empty,
            EquatableArray<LayerOperator>.Empty, Findings(spec, layers), window);
    }

    /// <summary>
    /// The window's programs: the forward loop over a tape that also keeps each step's inputs (the caller passes one
    /// step at a time), and reverse mode from the output cotangents δY [steps, n, Outputs] to ∂(Σ_t ⟨δY_t, Y_t⟩)/∂θ.
    /// The inputs get no adjoint: a meta-network's inputs (the inner gradients) are detached, as in the paper.
    /// </summary>
    private static RecurrentPrograms Window(IReadOnlyList<DerivedLayer> layers, List<Tensor> parameters, NetworkSpec spec)
    {
        var inputs = new Tensor("xw", "X", Tensor.Batch, spec.Inputs, TensorStorage.Workspace, PerStep: true);
        var forward = RecurrentForward.Build(layers, inputs, TensorStorage.Workspace);
        var output = forward.Output;
        var statements = forward.Statements;
        var loop = (Recurrence)statements[statements.Count - 1];
        if (loop.States.Any(s => s.State.Equals(output)))
        {
            // The last layer is a cell: Y_t = H_t is also the state step t + 1 reads, whose adjoint the loop
            // accumulates; the caller's read-only δY seeds a copy Y = H instead.
            var copy = output with { Name = "yw", Display = "Y" };
            statements = statements.Take(statements.Count - 1)
                .Append(new Recurrence(loop.Direction, loop.Body.Append(Map.Create(copy, Expr.Var("a0"), new[] { output }, "copy")).ToEquatableArray()))
                .ToList();
            output = copy;
        }
        var outputCotangent = output with { Name = "dy", Display = "δY", Storage = TensorStorage.OutputCotangent };
        var seeds = new Dictionary<Tensor, Tensor> { [output] = outputCotangent };
        var program = ProgramSlicer.Slice(statements, new[] { output }, keepLoss: false);
        var backward = ReverseMode.Differentiate(program.Statements.ToList(), parameters, seeds);
        var gradients = parameters.Select(p => backward.Gradients[p]).ToList();
        // The same reverse mode with the inputs differentiated too: δX_t for a second-order meta-gradient, whose inner
        // gradients (the meta-network's inputs) are not detached.
        // (its own adjoint names: the tape is shared, the temporaries of the two reverse loops are not).
        var withInputs = ReverseMode.Differentiate(program.Statements.ToList(), parameters.Append(inputs).ToList(), seeds, adjointPrefix: "dd");
        // δX_t lives one step in the workspace; the loop copies it into the caller's [steps, n, Inputs] span.
        var inputCotangent = inputs with { Name = "dx", Display = "X̄", Storage = TensorStorage.InputCotangent };
        var adjoint = withInputs.Gradients[inputs];
        var reverse = withInputs.Statements
            .Select(s => s is Recurrence r && r.Outputs.Contains(adjoint)
                ? new Recurrence(r.Direction, r.Body.Append(Map.Create(inputCotangent, Expr.Var("a0"), new[] { adjoint }, "copy")).ToEquatableArray())
                : s)
            .ToList();
        var inputBackward = ProgramSlicer.Slice(reverse, gradients.Append(inputCotangent).ToList(), keepLoss: false);
        return new RecurrentPrograms(program, ProgramSlicer.Slice(backward.Statements, gradients, keepLoss: false), inputs, output, outputCotangent,
            inputBackward, inputCotangent);
    }

    /// <summary>An activation on cross-entropy logits (TP0009), as for dense networks.</summary>
    private static EquatableArray<DerivationFinding> Findings(NetworkSpec spec, List<DerivedLayer> layers)
    {
        var last = layers[layers.Count - 1];
        return spec.Loss == NetworkLoss.SoftmaxCrossEntropy && last.Kind == LayerKind.Dense && !last.IsIdentity
            ? new[] { new DerivationFinding(DerivationFindingKind.ActivationOnLogits, last.Index, last.ActivationText) }.ToEquatableArray()
            : EquatableArray<DerivationFinding>.Empty;
    }
}
