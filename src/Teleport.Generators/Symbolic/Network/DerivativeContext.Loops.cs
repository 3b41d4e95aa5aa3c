using System;
using System.Collections.Generic;
using Teleport.Generators.Symbolic.Scalar;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>
/// What differentiating a loop (<see cref="Recurrence"/>) and column views (<see cref="ColumnSlice"/>) adds to the
/// bookkeeping: the statements derived from a loop's body are captured into the derived loop's body; derived
/// tensors can be bound ahead of their first contribution (a state read at t − 1 before it is written at t) or
/// zeroed so that every iteration adds to them (parameter adjoints, state adjoints); and a column view's derived
/// tensor is a view of its parent's derived tensor (no copy: the four gate adjoints of an LSTM are the four
/// column blocks of δG).
/// </summary>
internal abstract partial class DerivativeContext
{
    private readonly Stack<int> _captures = new();
    private readonly Dictionary<Tensor, int> _blockColumns = new();

    /// <summary>From now on, derived statements are collected for a loop body (until <see cref="EndCapture"/>).</summary>
    public void BeginCapture() => _captures.Push(_statements.Count);

    /// <summary>The statements derived since the matching <see cref="BeginCapture"/>, removed from the program.</summary>
    public List<Statement> EndCapture()
    {
        var start = _captures.Pop();
        var body = _statements.GetRange(start, _statements.Count - start);
        _statements.RemoveRange(start, _statements.Count - start);
        return body;
    }

    /// <summary>The derived tensor of <paramref name="primal"/>, created (not written) if it has none yet.</summary>
    public Tensor Bind(Tensor primal) => DerivedOf(primal);

    /// <summary>
    /// The derived tensor of <paramref name="primal"/>, zero-filled unless something already wrote it, so that every
    /// later contribution adds: what a loop accumulates over its iterations.
    /// </summary>
    public Tensor EnsureWritten(Tensor primal)
    {
        var target = DerivedOf(primal);
        if (_written.Add(target)) _statements.Add(Map.Create(target, Expr.Zero, Array.Empty<Tensor>(), "zero"));
        return target;
    }

    /// <summary>
    /// Contributes <paramref name="part"/>, the derived tensor of a column view of <paramref name="primal"/> starting at
    /// column <paramref name="start"/>, as that block of <paramref name="primal"/>'s derived tensor: <paramref name="part"/>
    /// becomes a view of it (a <see cref="ColumnBlock"/>), so what was written to it is already in place. The derived
    /// tensor counts as written once its blocks cover every column.
    /// </summary>
    public void ContributeBlock(Tensor primal, int start, Tensor part)
    {
        var target = DerivedOf(primal);
        if (_written.Contains(target) && !_blockColumns.ContainsKey(target))
            throw new InvalidOperationException($"{target.Display} was written before its column blocks: a view's derived tensor must be its only contribution.");
        var owners = 0;
        foreach (var derived in _derived.Values)
            if (derived.Equals(part)) owners++;
        if (owners != 1)
            throw new InvalidOperationException($"{part.Display} is shared by {owners} tensors and cannot become a view of {target.Display}.");
        _statements.Add(new ColumnBlock(target, part, start));
        var covered = (_blockColumns.TryGetValue(target, out var c) ? c : 0) + part.Columns;
        _blockColumns[target] = covered;
        if (covered >= target.Columns) _written.Add(target);
    }

    /// <summary>Defines the derived tensor of the column view <paramref name="view"/> as a view of <paramref name="parent"/> (the parent's derived tensor).</summary>
    public void DefineView(Tensor view, Tensor parent, int start)
    {
        var derived = DerivedOf(view);
        _statements.Add(new ColumnSlice(derived, parent, start));
        _written.Add(derived);
    }
}
