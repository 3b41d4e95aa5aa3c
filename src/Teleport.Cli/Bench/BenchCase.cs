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
}
