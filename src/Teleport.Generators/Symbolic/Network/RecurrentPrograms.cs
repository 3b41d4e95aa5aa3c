using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// What a recurrent network adds for meta-training, on a tape of one window of steps (its own arena): the forward
/// program whose loop body is run one step at a time (<see cref="Forward"/>: each step's inputs and every tensor the
/// backward pass reads stay in the tape), and reverse mode from the output cotangents δY over the window to the
/// parameter gradient (<see cref="Backward"/>). Both share one storage layout (<see cref="Layout"/>), so the backward
/// loop reads the tape the forward steps wrote. <see cref="InputBackward"/> is the same reverse mode with the inputs
/// differentiated as well (<see cref="InputCotangent"/> = δX [steps, n, Inputs]), for a second-order meta-gradient.
/// </summary>
internal sealed record RecurrentPrograms(
    TensorProgram Forward,
    TensorProgram Backward,
    Tensor Inputs,
    Tensor Output,
    Tensor OutputCotangent,
    TensorProgram InputBackward,
    Tensor InputCotangent)
{
    /// <summary>Every statement of both programs: one storage layout for the tape.</summary>
    public TensorProgram Layout => new(Forward.Statements.Concat(Backward.Statements).Concat(InputBackward.Statements).ToEquatableArray());

    /// <summary>The forward loop (the last statement of <see cref="Forward"/>).</summary>
    public Recurrence ForwardLoop => (Recurrence)Forward.Statements[Forward.Statements.Count - 1];

    /// <summary>What runs before the first step: the initial states (zero).</summary>
    public IEnumerable<Statement> Prologue => Forward.Statements.Take(Forward.Statements.Count - 1);

    /// <summary>The states and their initial values (the loop's <see cref="StepShift"/>s): what a new window starts from.</summary>
    public IEnumerable<StepShift> States => ForwardLoop.States;
}
