using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// What a recurrent network adds for meta-training, on a tape of one window of steps (its own arena): the forward
/// program whose loop body is run one step at a time (<see cref="Forward"/>, outputs kept in the tape), and reverse
/// mode from output cotangents δY over the window — to the parameter gradient (<see cref="Backward"/>) and also to the
/// input cotangents δX (<see cref="BackwardWithInputs"/>, for a meta-gradient through the inputs). All three share one
/// storage layout (<see cref="Layout"/>), so the backward steps read the tape the forward steps wrote.
/// </summary>
internal sealed record RecurrentPrograms(
    TensorProgram Forward,
    TensorProgram Backward,
    TensorProgram BackwardWithInputs,
    Tensor Output,
    Tensor OutputCotangent,
    Tensor InputCotangent)
{
    /// <summary>Every statement of the three programs: one storage layout for the tape.</summary>
    public TensorProgram Layout => new(Forward.Statements.Concat(Backward.Statements).Concat(BackwardWithInputs.Statements).ToEquatableArray());

    /// <summary>The forward loop (the last statement of <see cref="Forward"/>).</summary>
    public Recurrence ForwardLoop => (Recurrence)Forward.Statements[Forward.Statements.Count - 1];

    /// <summary>The states and their initial values (the loop's <see cref="StepShift"/>s): what a new window starts from.</summary>
    public IEnumerable<StepShift> States => ForwardLoop.States;

    /// <summary>The programs, for the operator table.</summary>
    public TensorProgram[] Programs => new[] { Forward, Backward, BackwardWithInputs };
}
