using System;

namespace Teleport.Cli.Bench;

/// <summary>
/// One timed operation: its name, the PyTorch peer's key for the same work
/// (the PyTorch peer script microbench.py, see tests/Teleport.Benchmarks/vs-pytorch.sh), how many calls make one timed run, and the work itself.
/// </summary>
internal sealed record BenchCase(string Name, string? TorchKey, int CallsPerRun, Action Work, Func<string>? Detail = null)
{
    /// <summary>Floating-point operations per call, for a GFLOP/s column (0: not a matrix product).</summary>
    public double FlopsPerCall { get; init; }

    /// <summary>
    /// Restores the starting point (parameters, optimizer state) before each run of
    /// <c>CallsPerRun</c> calls, untimed: a training step repeated on one batch hundreds of thousands
    /// of times would otherwise drive the loss to zero and the gradients into subnormal floats, and
    /// time that instead of a training step.
    /// </summary>
    public Action? Restore { get; init; }

    /// <summary>
    /// <see cref="Restore"/>, then one untimed call, so that the timed calls find the state where a step leaves it, as
    /// every step of a training run does; nothing for a case without a restore (its last call left it so). Why: the
    /// restore writes the parameters and zeroes the optimizer's state on this thread, so on two threads the first step
    /// after it also moves the worker's half of them (for Adam, three arrays of 2.7 MB on the wide network) into the
    /// other core's cache — a cost no step of a run pays, which the wide step's three timed calls would otherwise carry.
    /// (<see cref="IndependentCopies"/> warms every case so, restore or not: each copy must also move to its own core.)
    /// </summary>
    public void Prepare()
    {
        if (Restore is null) return;
        Restore();
        Work();
    }
}
