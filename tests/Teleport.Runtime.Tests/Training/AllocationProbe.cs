using Teleport.Testing;
using Teleport.Training;

namespace Teleport.Runtime.Tests.Training;

/// <summary>
/// Bytes this thread allocates per window of steps of a running trainer, between steps
/// <paramref name="from"/> and <paramref name="to"/> cut into <see cref="Allocations.Windows"/> windows;
/// <see cref="Allocated"/> is the fewest of them (one window can count a collection's bookkeeping, see
/// <see cref="Allocations"/>; code that allocates per step allocates in every window).
/// </summary>
internal sealed class AllocationProbe(long from, long to) : ITrainingCallback
{
    private readonly AllocationWindows _windows = new();

    /// <summary>The fewest bytes allocated in one window; −1 until the last window has closed.</summary>
    public long Allocated => _windows.Closed == Allocations.Windows ? _windows.Fewest : -1;

    public void OnBatchStart(TrainingContext context)
    {
        long step = context.GlobalStep;
        if (step < from || step > to) return;
        long span = to - from;
        for (int k = 0; k <= Allocations.Windows; k++)
            if (step == from + span * k / Allocations.Windows) _windows.Boundary();
    }
}
