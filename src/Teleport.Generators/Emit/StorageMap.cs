using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// Decides where every tensor of every entry point lives: external spans (inputs, parameters,
/// gradient, …) or a slice of one workspace arena laid out as n·PerSample + Fixed values. A bias
/// add whose matrix operand has no other reader writes in place (M and Z share a slice), so the
/// forward pass costs one matrix product and one row-vector add per layer. A recurrent program's
/// tensors get more (StorageMap.Steps.cs): a per-step region of steps·n rows, column views and step shifts.
/// </summary>
internal sealed partial class StorageMap
{
    private readonly Dictionary<Tensor, Tensor> _parent = new();
    private readonly Dictionary<Tensor, (int PerSample, int Fixed)> _offsets = new();

    private readonly IReadOnlyDictionary<Tensor, string> _overrides;

    /// <param name="program">The entry point's statements.</param>
    /// <param name="overrides">Tensors living in buffers outside the arena (a session's caches), by C# expression; never aliased.</param>
    /// <param name="pinned">Tensors read after the program by hand-written code: they keep their own buffer.</param>
    public StorageMap(TensorProgram program, IReadOnlyDictionary<Tensor, string>? overrides = null, IEnumerable<Tensor>? pinned = null)
    {
        _overrides = overrides ?? new Dictionary<Tensor, string>();
        var keep = new HashSet<Tensor>(pinned ?? Enumerable.Empty<Tensor>());
        var statements = Recurrence.Flatten(program.Statements).ToList();
        var readers = new Dictionary<Tensor, int>();
        foreach (var s in statements)
            foreach (var input in s.Inputs.Distinct())
                readers[input] = readers.TryGetValue(input, out var c) ? c + 1 : 1;

        foreach (var s in statements)
        {
            if (s is BroadcastAdd { Matrix: { } m } add && m.Storage == TensorStorage.Workspace && readers[m] == 1
                && !_overrides.ContainsKey(m) && !_overrides.ContainsKey(add.Result) && !keep.Contains(m) && !keep.Contains(add.Result))
                Union(add.Result, m);
        }

        PlanSteps(program.Statements);

        foreach (var s in statements)
            foreach (var t in s.Inputs.Concat(s.Outputs))
            {
                if (!HasStorage(t)) continue;
                var root = Find(t);
                if (root.Storage != TensorStorage.Workspace || _offsets.ContainsKey(root) || _overrides.ContainsKey(root)) continue;
                if (IsSequence(root))
                {
                    _offsets[root] = (PerStepSample, 0);
                    PerStepSample += root.Columns;
                    continue;
                }
                _offsets[root] = (PerSample, Fixed);
                if (root.IsBatchSized) PerSample += root.Columns;
                else Fixed += root.Rows * root.Columns;
            }
    }

    /// <summary>Workspace values per sample of the batch.</summary>
    public int PerSample { get; private set; }

    /// <summary>Workspace values independent of the batch size.</summary>
    public int Fixed { get; private set; }

    /// <summary>True when two tensors share one buffer.</summary>
    public bool SameBuffer(Tensor a, Tensor b) => Find(a).Equals(Find(b));

    /// <summary>Storage of the buffer holding <paramref name="t"/> (after aliasing).</summary>
    public TensorStorage StorageOf(Tensor t) => Find(t).Storage;

    /// <summary>
    /// The C# expression for <paramref name="t"/>'s values, given the names of the spans in scope.
    /// </summary>
    public string SpanExpression(Tensor t, System.Func<TensorStorage, string> spanName, string batch)
    {
        var root = Find(t);
        if (_overrides.TryGetValue(root, out var expression)) return expression;
        return root.Storage switch
        {
            TensorStorage.Workspace or TensorStorage.Parameters or TensorStorage.Gradient or TensorStorage.Direction or TensorStorage.HessianVector or TensorStorage.ThirdOrder =>
                $"{spanName(root.Storage)}.Slice({SliceArguments(t, batch)})",
            _ => spanName(root.Storage),
        };
    }

    /// <summary>"start, length" of <paramref name="t"/> within its span (workspace or a parameter-layout span).</summary>
    public string SliceArguments(Tensor t, string batch)
    {
        var root = Find(t);
        var length = Length(root, batch);
        var inv = CultureInfo.InvariantCulture;
        if (root.Storage != TensorStorage.Workspace) return $"{root.Offset.ToString(inv)}, {length}";
        var (perSample, fixedOffset) = _offsets[root];
        if (IsSequence(root)) return $"{SequenceStart(perSample, batch)}, {length}";
        // Batch-sized slices come first (n·PerSample values), then the fixed-size ones.
        var start = root.IsBatchSized
            ? (perSample == 0 ? "0" : $"{batch} * {perSample.ToString(inv)}")
            : $"{batch} * {PerSample.ToString(inv)} + {fixedOffset.ToString(inv)}";
        return $"{start}, {length}";
    }

    private string Length(Tensor t, string batch)
    {
        var inv = CultureInfo.InvariantCulture;
        if (IsSequence(t)) return $"{Steps} * {batch} * {t.Columns.ToString(inv)}";
        return t.IsBatchSized ? $"{batch} * {t.Columns.ToString(inv)}" : (t.Rows * t.Columns).ToString(inv);
    }

    private Tensor Find(Tensor t)
    {
        while (_parent.TryGetValue(t, out var p)) t = p;
        return t;
    }

    private void Union(Tensor a, Tensor b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra.Equals(rb)) return;
        // Keep an external buffer as the representative: the workspace tensor writes straight into it.
        if (rb.Storage != TensorStorage.Workspace) _parent[ra] = rb;
        else _parent[rb] = ra;
    }
}
