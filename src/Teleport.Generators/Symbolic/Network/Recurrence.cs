using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>Which way a <see cref="Recurrence"/> walks the steps.</summary>
internal enum RecurrenceDirection
{
    /// <summary>t = 0, 1, …, steps − 1: a forward pass.</summary>
    Forward,

    /// <summary>t = steps − 1, …, 0: backpropagation through time.</summary>
    Reverse,
}

/// <summary>
/// A loop over the steps of a sequence: <see cref="Body"/> runs once per step t, where every per-step tensor
/// (<see cref="Tensor.PerStep"/>) means its block of step t and a <see cref="StepShift"/> reads the state of step
/// t − 1. Its rules are derived from the body's, with the same contexts as straight-line code, never written by
/// hand: the VJP of a forward loop is a reverse loop over the body's VJP (backpropagation through time) in which
/// the adjoints a step hands to the step before (states) and those every step adds to (parameters) are zeroed before
/// the loop and accumulated in it; the JVP is a loop in the same direction over the body's JVP, with the tangents a
/// reverse loop accumulates zeroed likewise.
/// </summary>
internal sealed record Recurrence(RecurrenceDirection Direction, EquatableArray<Statement> Body) : Statement
{
    public override Tensor? Output => null;

    /// <summary>Every tensor the body writes, in order.</summary>
    public override IEnumerable<Tensor> Outputs => Written.Distinct();

    /// <summary>Tensors the body reads from outside (parameters, inputs, initial states) and those it accumulates into.</summary>
    public override IEnumerable<Tensor> Inputs
    {
        get
        {
            var written = new HashSet<Tensor>(Written);
            return Body.SelectMany(s => s.Inputs).Where(t => !written.Contains(t)).Concat(Carried).Distinct();
        }
    }

    private IEnumerable<Tensor> Written => Body.SelectMany(s => s.Outputs);

    /// <summary>
    /// Tensors the body reads (or adds to) at step t before writing them there: what an earlier iteration, or the code
    /// before the loop, left in them (a reverse loop's accumulated adjoints). A state read at t − 1 by a
    /// <see cref="StepShift"/> is not one: each step writes it afresh.
    /// </summary>
    public IReadOnlyList<Tensor> Carried
    {
        get
        {
            var written = new HashSet<Tensor>(Written);
            var seen = new HashSet<Tensor>();
            var carried = new List<Tensor>();
            foreach (var s in Body)
            {
                var reads = s is StepShift shift ? (shift.Initial is null ? Enumerable.Empty<Tensor>() : new[] { shift.Initial }) : s.Inputs;
                if (s.Accumulate && s.Output is { } output) reads = reads.Append(output);
                foreach (var t in reads)
                    if (written.Contains(t) && !seen.Contains(t) && !carried.Contains(t)) carried.Add(t);
                foreach (var t in s.Outputs) seen.Add(t);
            }
            return carried;
        }
    }

    /// <summary>The states the body reads at t − 1 (written at t): what its <see cref="StepShift"/>s shift.</summary>
    public IEnumerable<StepShift> States => Body.OfType<StepShift>();

    public override void Vjp(ReverseContext context)
    {
        if (Direction != RecurrenceDirection.Forward)
            throw new System.InvalidOperationException("Derivatives of backpropagation through time (third order) are not derived.");
        var written = new HashSet<Tensor>(Written);
        // What every step adds to: the adjoints of parameters and of other non-per-step tensors read from outside
        // the loop, and of the states (step t + 1 hands δState_t back through its shift).
        foreach (var t in Inputs.Where(t => !t.PerStep && context.Needs(t))) context.EnsureWritten(t);
        foreach (var shift in States.Where(s => context.Needs(s.State))) context.EnsureWritten(shift.State);
        context.BeginCapture();
        for (var i = Body.Count - 1; i >= 0; i--)
        {
            var s = Body[i];
            if (s.Outputs.Any(o => written.Contains(o) && context.AdjointOf(o) is not null)) s.Vjp(context);
        }
        context.Add(new Recurrence(RecurrenceDirection.Reverse, context.EndCapture().ToEquatableArray()));
    }

    public override void Jvp(TangentContext context)
    {
        // A state's tangent is read (shifted) before the step writes it: bind it ahead.
        foreach (var shift in States) context.Bind(shift.State);
        // What the loop accumulates (a reverse loop's adjoints) accumulates its tangent too.
        foreach (var t in Carried) context.EnsureWritten(t);
        context.BeginCapture();
        foreach (var s in Body) s.Jvp(context);
        context.Add(new Recurrence(Direction, context.EndCapture().ToEquatableArray()));
    }

    /// <summary>The statements with every loop's body in place of the loop (what storage planning and operator collection walk).</summary>
    public static IEnumerable<Statement> Flatten(IEnumerable<Statement> statements)
    {
        foreach (var s in statements)
        {
            if (s is Recurrence loop)
                foreach (var inner in Flatten(loop.Body)) yield return inner;
            else
                yield return s;
        }
    }

    public override string Describe()
    {
        var header = Direction == RecurrenceDirection.Forward ? "for t = 0 … steps − 1:" : "for t = steps − 1 … 0 (backpropagation through time):";
        return header + string.Concat(Body.Select(s => "\n    " + s.Describe().Replace("\n", "\n    ")));
    }
}
