using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Model;

namespace Teleport.Generators.Symbolic.Network;

/// <summary>Dead-code elimination: keeps only the statements a set of results depends on.</summary>
internal static class ProgramSlicer
{
    /// <param name="statements">Statements in execution order.</param>
    /// <param name="results">Tensors the entry point must produce.</param>
    /// <param name="keepLoss">Whether the scalar loss is a result (keeps the loss statement).</param>
    public static TensorProgram Slice(IReadOnlyList<Statement> statements, IEnumerable<Tensor> results, bool keepLoss)
    {
        var required = new HashSet<Tensor>(results);
        var kept = new List<Statement>();
        for (var i = statements.Count - 1; i >= 0; i--)
        {
            var s = statements[i];
            var needed = (s.Output is not null && required.Contains(s.Output)) || (keepLoss && s is LossStatement);
            if (!needed) continue;
            kept.Add(s);
            foreach (var input in s.Inputs) required.Add(input);
            // An accumulating write, or a read-modify-write through aliasing, needs earlier writes too.
            if (s.Output is not null) required.Add(s.Output);
        }
        kept.Reverse();
        return new TensorProgram(kept.ToEquatableArray());
    }

    /// <summary>Tensors that depend on any of <paramref name="sources"/> through the statements.</summary>
    public static HashSet<Tensor> DependentsOf(IEnumerable<Statement> statements, IEnumerable<Tensor> sources)
    {
        var set = new HashSet<Tensor>(sources);
        foreach (var s in statements)
            if (s.Output is not null && s.Inputs.Any(set.Contains))
                set.Add(s.Output);
        return set;
    }
}
