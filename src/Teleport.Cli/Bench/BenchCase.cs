using System;

namespace Teleport.Cli.Bench;

/// <summary>
/// One timed operation: its name, the PyTorch peer's key for the same work
/// (../shared/peer/microbench.py), how many calls make one timed run, and the work itself.
/// </summary>
internal sealed record BenchCase(string Name, string? TorchKey, int CallsPerRun, Action Work, Func<string>? Detail = null)
{
    /// <summary>Floating-point operations per call, for a GFLOP/s column (0: not a matrix product).</summary>
    public double FlopsPerCall { get; init; }
}
