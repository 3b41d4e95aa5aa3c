using System.Collections.Generic;
using System.Linq;
using Teleport.Generators.Symbolic.Network;

namespace Teleport.Generators.Emit;

/// <summary>
/// The storage of every entry point: each program gets its own layout (aliasing decisions depend on
/// who reads what within that program), and the shared workspace arena is sized for the largest.
/// </summary>
internal sealed class WorkspacePlan
{
    private readonly Dictionary<TensorProgram, StorageMap> _maps = new();

    public WorkspacePlan(IEnumerable<TensorProgram> programs, SessionObjective? session = null)
    {
        foreach (var program in programs)
        {
            if (_maps.ContainsKey(program)) continue;
            // The session's program reads the cached product and the Gram from the session object.
            var isSession = session is not null && program.Equals(session.Program);
            var overrides = isSession
                ? new Dictionary<Tensor, string> { [session!.Product] = "session.Product", [session.Gram] = "session.Gram" }
                : null;
            // F and the input-layer adjoints read δP, R{P} and R{δP} after the program runs.
            var pinned = isSession ? new[] { session!.Delta, session.TangentProduct, session.TangentDelta } : null;
            _maps[program] = new StorageMap(program, overrides, pinned);
        }
        PerSample = _maps.Values.Max(m => m.PerSample);
        Fixed = _maps.Values.Max(m => m.Fixed);
        PerStepSample = _maps.Values.Max(m => m.PerStepSample);
    }

    /// <summary>Workspace values per sample and step of a sequence (the largest recurrent program's; 0 without loops).</summary>
    public int PerStepSample { get; }

    /// <summary>Workspace values per sample of the batch (the largest program's).</summary>
    public int PerSample { get; }

    /// <summary>Workspace values independent of the batch size (the largest program's).</summary>
    public int Fixed { get; }

    public bool UsesWorkspace => PerSample + Fixed + PerStepSample > 0;

    public StorageMap For(TensorProgram program) => _maps[program];
}
