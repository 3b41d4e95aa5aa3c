using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// The storage of a recurrent program (one with <see cref="Recurrence"/> loops):
/// <list type="bullet">
/// <item>a per-step tensor read or written outside its loop (the tape the reverse loop reads, a state read at
/// t − 1, the heads' outputs the loss reads) is a <em>sequence</em>: steps·n rows in a region after the
/// per-sample and fixed ones; one used only inside one loop body needs one step's n rows, reused every step;</item>
/// <item>a <see cref="ColumnSlice"/>'s result, and a <see cref="ColumnBlock"/>'s part, are column views of their
/// parent (no storage of their own: the emitter reads and writes them row by row with the parent's stride);</item>
/// <item>a <see cref="StepShift"/>'s result is the state's block of step t − 1 (or the initial state at t = 0):
/// no storage, no copy.</item>
/// </list>
/// </summary>
internal sealed partial class StorageMap
{
    /// <summary>The name of the steps argument in scope of a recurrent member.</summary>
    public const string Steps = "steps";

    private readonly Dictionary<Tensor, (Tensor Parent, int Start)> _views = new();
    private readonly Dictionary<Tensor, StepShift> _shifts = new();
    private readonly HashSet<Tensor> _local = new();

    /// <summary>Workspace values per sample and step of the sequence region (steps·n rows).</summary>
    public int PerStepSample { get; private set; }

    /// <summary>True for a column view (no storage of its own).</summary>
    public bool IsView(Tensor t) => _views.ContainsKey(t);

    /// <summary>The tensor with storage that a column view reads, and the view's first column in it.</summary>
    public (Tensor Owner, int Start) ViewOf(Tensor t)
    {
        var start = 0;
        while (_views.TryGetValue(t, out var parent))
        {
            start += parent.Start;
            t = parent.Parent;
        }
        return (t, start);
    }

    /// <summary>True for a state shifted by one step (the block of step t − 1, no storage of its own).</summary>
    public bool IsShift(Tensor t) => _shifts.ContainsKey(t);

    /// <summary>The shift that defines <paramref name="t"/> (<see cref="IsShift"/>).</summary>
    public StepShift ShiftOf(Tensor t) => _shifts[t];

    /// <summary>True for a per-step tensor held for every step (steps·n rows); false for one step's (n rows) or a plain tensor.</summary>
    public bool IsSequence(Tensor t)
    {
        if (!t.PerStep || IsView(t) || IsShift(t)) return false;
        return !_local.Contains(Find(t));
    }

    private bool HasStorage(Tensor t) => !IsView(t) && !IsShift(t);

    private string SequenceStart(int offset, string batch)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        if (PerSample > 0) parts.Add($"{batch} * {PerSample.ToString(inv)}");
        if (Fixed > 0) parts.Add(Fixed.ToString(inv));
        if (offset > 0) parts.Add($"{Steps} * {batch} * {offset.ToString(inv)}");
        return parts.Count == 0 ? "0" : string.Join(" + ", parts);
    }

    /// <summary>Finds the views, the shifts and the per-step tensors that live within one step of one loop.</summary>
    private void PlanSteps(IEnumerable<Statement> statements)
    {
        var loops = new Dictionary<Tensor, HashSet<int>>();
        var sequences = new HashSet<Tensor>();
        var loop = 0;
        void Visit(Statement s, int id)
        {
            switch (s)
            {
                case Recurrence r:
                    var own = ++loop;
                    foreach (var b in r.Body) Visit(b, own);
                    return;
                case ColumnSlice slice:
                    _views[slice.Result] = (slice.Source, slice.Start);
                    break;
                case ColumnBlock block:
                    _views[block.Part] = (block.Result, block.Start);
                    break;
                case StepShift shift:
                    _shifts[shift.Result] = shift;
                    sequences.Add(shift.State);
                    break;
                case StepShiftAdjoint adjoint:
                    sequences.Add(adjoint.Result);
                    break;
            }
            foreach (var t in s.Inputs.Concat(s.Outputs))
            {
                if (!loops.TryGetValue(t, out var ids)) loops[t] = ids = new HashSet<int>();
                ids.Add(id);
            }
        }
        foreach (var s in statements) Visit(s, 0);

        // Where each buffer is used: the union over the tensors sharing it and the views reading it.
        var owners = new Dictionary<Tensor, HashSet<int>>();
        var pinned = new HashSet<Tensor>();
        foreach (var pair in loops)
        {
            var owner = Find(ViewOf(pair.Key).Owner);
            if (!owners.TryGetValue(owner, out var ids)) owners[owner] = ids = new HashSet<int>();
            ids.UnionWith(pair.Value);
            if (sequences.Contains(pair.Key) || _overrides.ContainsKey(pair.Key)) pinned.Add(owner);
        }
        foreach (var pair in owners)
        {
            var owner = pair.Key;
            if (owner.PerStep && owner.Storage == TensorStorage.Workspace && !IsShift(owner) && !pinned.Contains(owner)
                && pair.Value.Count == 1 && !pair.Value.Contains(0))
                _local.Add(owner);
        }
    }
}
