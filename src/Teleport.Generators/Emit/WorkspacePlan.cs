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

    public WorkspacePlan(IEnumerable<TensorProgram> programs)
    {
        foreach (var program in programs)
            if (!_maps.ContainsKey(program)) _maps[program] = new StorageMap(program);
        PerSample = _maps.Values.Max(m => m.PerSample);
        Fixed = _maps.Values.Max(m => m.Fixed);
    }

    /// <summary>Workspace values per sample of the batch (the largest program's).</summary>
    public int PerSample { get; }

    /// <summary>Workspace values independent of the batch size (the largest program's).</summary>
    public int Fixed { get; }

    public bool UsesWorkspace => PerSample + Fixed > 0;

    public StorageMap For(TensorProgram program) => _maps[program];
}
