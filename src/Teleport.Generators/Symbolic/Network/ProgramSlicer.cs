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
            var needed = s.Outputs.Any(required.Contains) || (keepLoss && s is LossStatement);
            if (!needed) continue;
            kept.Add(s);
            foreach (var input in s.Inputs) required.Add(input);
            // An accumulating write, or a read-modify-write through aliasing, needs earlier writes too.
            foreach (var output in s.Outputs) required.Add(output);
        }
        kept.Reverse();
        return new TensorProgram(kept.ToEquatableArray());
    }

    /// <summary>Tensors that depend on any of <paramref name="sources"/> through the statements.</summary>
    public static HashSet<Tensor> DependentsOf(IEnumerable<Statement> statements, IEnumerable<Tensor> sources)
    {
        var set = new HashSet<Tensor>(sources);
        foreach (var s in statements) AddDependents(s, set);
        return set;
    }

    /// <summary>Adds what <paramref name="statement"/> writes from <paramref name="set"/>; a loop's body until nothing changes (state carried from step to step).</summary>
    private static bool AddDependents(Statement statement, HashSet<Tensor> set)
    {
        var changed = false;
        if (statement is Recurrence loop)
        {
            for (var again = true; again;)
            {
                again = false;
                foreach (var s in loop.Body) again |= AddDependents(s, set);
                changed |= again;
            }
            return changed;
        }
        if (!statement.Inputs.Any(set.Contains)) return false;
        foreach (var output in statement.Outputs) changed |= set.Add(output);
        return changed;
    }
}
